using Microsoft.Extensions.Options;
using ProductOps.Bot.Slack.Api;

namespace ProductOps.Bot.Slack;

/// <summary>The bot's own Slack user, learnt from auth.test, so its mentions are stripped and its own messages ignored.</summary>
public sealed class SlackBot
{
    public string? UserId { get; private set; }

    internal void Learn(string? userId) => UserId = userId;
}

/// <summary>At start-up, asks Slack who the bot token belongs to and logs it, or says plainly what is wrong.</summary>
public sealed class SlackStartup(ISlackApi api, SlackBot bot, IOptions<SlackOptions> options, ILogger<SlackStartup> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var slack = options.Value;
        if (!slack.CanSend)
        {
            log.LogInformation("Slack is off: SLACK_BOT_TOKEN is not set");
            return;
        }

        var call = await api.AuthTestAsync(stoppingToken);
        if (!call.Ok)
        {
            log.LogError("Slack refused the bot token at auth.test ({Error}): check SLACK_BOT_TOKEN (OAuth & Permissions → Bot User OAuth Token) and that the app is installed", call.Error);
            return;
        }

        bot.Learn(call.Text("user_id"));
        log.LogInformation("Connected to Slack as {BotName} ({BotUserId}) in workspace {Team} ({TeamId}); HTTP requests {Http}, Socket Mode {SocketMode}",
            call.Text("user"), call.Text("user_id"), call.Text("team"), call.Text("team_id"),
            slack.HttpEnabled ? "on" : "off (no SLACK_SIGNING_SECRET)", slack.SocketModeEnabled ? "on" : "off (no SLACK_APP_TOKEN)");
    }
}
