using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using ProductOps.Bot.Slack;
using ProductOps.Bot.Slack.Requests;
using ProductOps.Bot.Tests.Slack.TestKit;
using ProductOps.Storage.Inbound;

namespace ProductOps.Bot.Tests.Slack;

public sealed class SlackInboxTests
{
    [Fact]
    public async Task TryEnqueue_StoreFailsThenRecovers_AcceptsRequestsAgain()
    {
        using var temp = new TempDatabase();
        using var store = new SqlInboundBacklog(temp.Database, TimeProvider.System);
        var inbox = new SlackInbox(Options.Create(new SlackOptions { QueueCapacity = 1 }), store);
        var (turn, request) = Command();
        // Not migrated yet: the backlog's table is missing, as good as a database that is away.
        await Assert.ThrowsAsync<SqliteException>(() => inbox.TryEnqueueAsync(turn, request, CancellationToken.None));
        await temp.MigrateAsync();

        var accepted = await inbox.TryEnqueueAsync(turn, request, CancellationToken.None);

        Assert.True(accepted);
    }

    private static (SlackTurn Turn, StoredSlackRequest Request) Command()
    {
        var command = SlashCommand.FromForm(SlackPayloads.Command("/productops", "help", "https://hooks.slack.test/r").ToDictionary(f => f.Key, f => f.Value));
        return (Assert.IsType<SlackTurn>(SlackInbound.FromCommand(command)), new StoredSlackRequest(Command: command));
    }
}
