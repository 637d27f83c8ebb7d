using Microsoft.Extensions.Options;
using ProductOps.Bot.Slack.Api;

namespace ProductOps.Bot.Slack;

/// <summary>The bot's own Slack user, learnt from auth.test, so its mentions are stripped and its own messages ignored.</summary>
public sealed class SlackBot
{
    public string? UserId { get; private set; }

    internal void Learn(string? userId) => UserId = userId;
}

/// <summary>
/// At start-up, asks Slack who the bot token belongs to and logs it, or says plainly what is wrong:
/// a refused token, or Slack out of reach. The latter is asked again, with growing pauses, until
/// Slack answers, since the bot's own user id is needed to ignore its own messages.
/// </summary>
public sealed class SlackStartup(ISlackApi api, SlackBot bot, IOptions<SlackOptions> options, TimeProvider clock, ILogger<SlackStartup> log) : BackgroundService
{
    private static readonly TimeSpan FirstPause = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan MaxPause = TimeSpan.FromMinutes(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var slack = options.Value;
        if (!slack.CanSend)
        {
            log.LogInformation("Slack is off: SLACK_BOT_TOKEN is not set");
            return;
        }

        var pause = FirstPause;
        while (true)
        {
            var call = await api.AuthTestAsync(stoppingToken);
            if (call.Ok)
            {
                bot.Learn(call.Text("user_id"));
                log.LogInformation("Connected to Slack as {BotName} ({BotUserId}) in workspace {Team} ({TeamId}); HTTP requests {Http}, Socket Mode {SocketMode}",
                    call.Text("user"), call.Text("user_id"), call.Text("team"), call.Text("team_id"),
                    slack.HttpEnabled ? "on" : "off (no SLACK_SIGNING_SECRET)", slack.SocketModeEnabled ? "on" : "off (no SLACK_APP_TOKEN)");
                return;
            }

            if (call.IsAuthError)
            {
                log.LogError("Slack refused the bot token at auth.test ({Error}): check SLACK_BOT_TOKEN (OAuth & Permissions → Bot User OAuth Token) and that the app is installed", call.Error);
                return;
            }

            if (!call.IsTransient)
            {
                log.LogError("Slack answered auth.test with {Error}; the bot's own user id stays unknown", call.Error);
                return;
            }

            log.LogWarning("Could not reach Slack for auth.test ({Error}): Slack is unreachable or failing. The bot's own user id stays unknown until it answers; asking again in {Seconds:0} s", call.Error, pause.TotalSeconds);
            await Task.Delay(pause, clock, stoppingToken);
            pause = pause * 2 < MaxPause ? pause * 2 : MaxPause;
        }
    }
}
