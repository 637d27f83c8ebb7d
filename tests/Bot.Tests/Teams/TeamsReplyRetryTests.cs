using ProductOps.Bot.Tests.Teams.TestKit;

namespace ProductOps.Bot.Tests.Teams;

/// <summary>Answers that meet a dropped connection to the Bot Connector, with a bot of their own so nothing else shares the fake.</summary>
public sealed class TeamsReplyRetryTests : IClassFixture<TeamsFactory>
{
    private readonly TeamsFactory _factory;

    public TeamsReplyRetryTests(TeamsFactory factory)
    {
        _factory = factory;
    }

    [Fact]
    public async Task Message_ConnectionDroppedWhileReplying_ReplyRetriedAndDelivered()
    {
        var message = TeamsFixture.Json("message_channel_mention.json");
        message["id"] = "dropped-1";
        message["text"] = "<at>ridotest</at> help";
        _factory.BotFramework.DropConnection("/activities/dropped-1");

        await _factory.PostAsync(message);
        var reply = await _factory.BotFramework.WaitForAsync(
            c => c.Uri.AbsolutePath.EndsWith("/activities/dropped-1", StringComparison.Ordinal)
                 && _factory.BotFramework.ConnectorCalls.Count(x => x.Uri == c.Uri) == 2,
            TimeSpan.FromSeconds(15));

        Assert.Equal(2, _factory.BotFramework.ConnectorCalls.Count(c => c.Uri == reply.Uri));
    }
}
