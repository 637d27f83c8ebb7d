using System.Net;
using Microsoft.Extensions.DependencyInjection;
using ProductOps.Bot.Tests.Teams.TestKit;
using ProductOps.Storage.Inbound;

namespace ProductOps.Bot.Tests.Teams;

/// <summary>The background worker that answers acknowledged activities, with a bot of its own so nothing else shares the fake.</summary>
public sealed class TeamsWorkerTests : IClassFixture<TeamsFactory>
{
    private readonly TeamsFactory _factory;

    public TeamsWorkerTests(TeamsFactory factory)
    {
        _factory = factory;
    }

    [Fact]
    public async Task Worker_ActivityFailsWithAnUnexpectedException_DropsItAndAnswersTheNext()
    {
        // The member lookup of the sender is the first call; an answer that is not JSON fails it with a JsonException.
        _factory.BotFramework.Answer(HttpStatusCode.OK, "<html>not a member</html>");
        var failing = TeamsFixture.Json("message_channel_mention.json");
        failing["id"] = "unexpected-1";
        failing["text"] = "<at>ridotest</at> help";
        var next = TeamsFixture.Json("message_channel_mention.json");
        next["id"] = "unexpected-2";
        next["text"] = "<at>ridotest</at> help";

        await _factory.PostAsync(failing);
        var completed = await BacklogEmptiesAsync();
        await _factory.PostAsync(next);
        var answer = await _factory.BotFramework.WaitForAsync(c => c.Uri.AbsolutePath.EndsWith("/activities/unexpected-2", StringComparison.Ordinal));

        Assert.True(completed, "The failed activity is still stored, so it would run again at every start.");
        Assert.Equal(HttpMethod.Post, answer.Method);
        Assert.DoesNotContain(_factory.BotFramework.ConnectorCalls, c => c.Uri.AbsolutePath.EndsWith("/activities/unexpected-1", StringComparison.Ordinal));
    }

    private async Task<bool> BacklogEmptiesAsync()
    {
        var backlog = _factory.Services.GetRequiredService<SqlInboundBacklog>();
        for (var i = 0; i < 100; i++)
        {
            if ((await backlog.PendingAsync("teams", CancellationToken.None)).Count == 0)
            {
                return true;
            }

            await Task.Delay(50);
        }

        return false;
    }
}
