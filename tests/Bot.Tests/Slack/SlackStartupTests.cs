using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Moq;
using ProductOps.Bot.Slack;
using ProductOps.Bot.Slack.Api;
using ProductOps.Bot.Tests.TestKit;

namespace ProductOps.Bot.Tests.Slack;

/// <summary>auth.test at start-up: what the operator is told when it fails, and that a passing failure is asked again.</summary>
public sealed class SlackStartupTests
{
    private static readonly SlackCall Who = new(true, null, JsonDocument.Parse("""{"ok":true,"user_id":"UBOT","user":"productops","team":"Test","team_id":"T111"}""").RootElement);

    private readonly SlackBot _bot = new();
    private readonly ListLogger<SlackStartup> _log = new();

    [Fact]
    public async Task Startup_SlackUnreachable_SaysSoAndAsksAgainUntilTheBotIsKnown()
    {
        var api = Api(SlackCall.Failed("connection_failed"), Who);

        await RunAsync(api.Object, until: () => _bot.UserId is not null);

        Assert.Equal("UBOT", _bot.UserId);
        var warning = Assert.Single(_log.Entries, e => e.Level == LogLevel.Warning).Message;
        Assert.Contains("unreachable", warning, StringComparison.Ordinal);
        Assert.DoesNotContain("SLACK_BOT_TOKEN", warning, StringComparison.Ordinal);
        api.Verify(a => a.CallAsync("auth.test", It.IsAny<JsonObject>(), It.IsAny<CancellationToken>()), Times.Exactly(2));
    }

    [Fact]
    public async Task Startup_TokenRevoked_BlamesTheTokenAndDoesNotAskAgain()
    {
        var api = Api(SlackCall.Failed("token_revoked"), Who);

        // Longer than the first pause, so a second ask would have happened.
        await RunAsync(api.Object, until: () => _log.Entries.Any(e => e.Level == LogLevel.Error), thenWait: TimeSpan.FromSeconds(3));

        Assert.Contains("SLACK_BOT_TOKEN", Assert.Single(_log.Entries, e => e.Level == LogLevel.Error).Message, StringComparison.Ordinal);
        Assert.Null(_bot.UserId);
        api.Verify(a => a.CallAsync("auth.test", It.IsAny<JsonObject>(), It.IsAny<CancellationToken>()), Times.Once);
    }

    private static Mock<ISlackApi> Api(params SlackCall[] answers)
    {
        var api = new Mock<ISlackApi>();
        var sequence = api.SetupSequence(a => a.CallAsync("auth.test", It.IsAny<JsonObject>(), It.IsAny<CancellationToken>()));
        foreach (var answer in answers)
        {
            sequence = sequence.ReturnsAsync(answer);
        }

        return api;
    }

    private async Task RunAsync(ISlackApi api, Func<bool> until, TimeSpan thenWait = default)
    {
        using var startup = new SlackStartup(api, _bot, Options.Create(new SlackOptions { BotToken = "xoxb-test-token" }), TimeProvider.System, _log);
        await startup.StartAsync(CancellationToken.None);
        for (var i = 0; i < 400 && !until(); i++)
        {
            await Task.Delay(25);
        }

        await Task.Delay(thenWait);
        await startup.StopAsync(CancellationToken.None);
    }
}
