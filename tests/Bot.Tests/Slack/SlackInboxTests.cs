using System.Text.Json;
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

        Assert.Equal(InboxAnswer.Queued, accepted);
    }

    [Fact]
    public async Task TryEnqueue_SameEventAgain_IsNotStoredTwiceSoARestartRunsItOnce()
    {
        using var temp = new TempDatabase();
        using var store = new SqlInboundBacklog(await temp.MigrateAsync(), TimeProvider.System);
        var inbox = new SlackInbox(Options.Create(new SlackOptions()), store);
        var envelope = JsonSerializer.Deserialize<EventEnvelope>(SlackPayloads.Mention("Ev-twice", "productops help"), SlackJson.Options)!;
        var turn = Assert.IsType<SlackTurn>(SlackInbound.FromEvent(envelope, "UBOT"));

        var first = await inbox.TryEnqueueAsync(turn, new StoredSlackRequest(Event: envelope), CancellationToken.None);
        var retry = await inbox.TryEnqueueAsync(turn, new StoredSlackRequest(Event: envelope), CancellationToken.None);

        Assert.Equal((InboxAnswer.Queued, InboxAnswer.Repeated), (first, retry));
        Assert.Single(await store.PendingAsync(SlackInbox.Queue, CancellationToken.None));
    }

    private static (SlackTurn Turn, StoredSlackRequest Request) Command()
    {
        var command = SlashCommand.FromForm(SlackPayloads.Command("/productops", "help", "https://hooks.slack.test/r").ToDictionary(f => f.Key, f => f.Value));
        return (Assert.IsType<SlackTurn>(SlackInbound.FromCommand(command)), new StoredSlackRequest(Command: command));
    }
}
