using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using ProductOps.Bot.Slack;
using ProductOps.Bot.Slack.Requests;
using ProductOps.Bot.Tests.Slack.TestKit;
using ProductOps.Skills.Conversation;
using ProductOps.Storage.Inbound;

namespace ProductOps.Bot.Tests.Slack;

public sealed class SlackInboxTests
{
    [Fact]
    public async Task TryEnqueue_StoreFailsThenRecovers_AcceptsRequestsAgain()
    {
        using var temp = new TempDatabase();
        using var store = new SqlInboundBacklog(temp.Database, TimeProvider.System);
        var inbox = new SlackInbox(Options.Create(new SlackOptions { QueueCapacity = 1 }), store, new SlackBot(), NullLogger<SlackInbox>.Instance);
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
        var inbox = new SlackInbox(Options.Create(new SlackOptions()), store, new SlackBot(), NullLogger<SlackInbox>.Instance);
        var envelope = JsonSerializer.Deserialize<EventEnvelope>(SlackPayloads.Mention("Ev-twice", "productops help"), SlackJson.Options)!;
        var turn = Assert.IsType<SlackTurn>(SlackInbound.FromEvent(envelope, "UBOT"));

        var first = await inbox.TryEnqueueAsync(turn, new StoredSlackRequest(Event: envelope), CancellationToken.None);
        var retry = await inbox.TryEnqueueAsync(turn, new StoredSlackRequest(Event: envelope), CancellationToken.None);

        Assert.Equal((InboxAnswer.Queued, InboxAnswer.Repeated), (first, retry));
        Assert.Single(await store.PendingAsync(SlackInbox.Queue, CancellationToken.None));
    }

    [Fact]
    public async Task Burst_LargerThanMemory_WaitsInTheDatabaseAndRunsInArrivalOrder()
    {
        using var temp = new TempDatabase();
        using var store = new SqlInboundBacklog(await temp.MigrateAsync(), TimeProvider.System);
        using var inbox = new SlackInbox(Options.Create(new SlackOptions()), store, new SlackBot(), NullLogger<SlackInbox>.Instance, memoryCapacity: 2);
        string[] texts = ["one", "two", "three", "four", "five"];
        foreach (var text in texts)
        {
            var (turn, request) = Command(text);
            Assert.Equal(InboxAnswer.Queued, await inbox.TryEnqueueAsync(turn, request, CancellationToken.None));
        }

        var waiting = await store.PendingAsync(inbox.Waiting, CancellationToken.None);
        var ran = new List<string>();
        foreach (var _ in texts)
        {
            var work = await inbox.NextAsync(Soon());
            ran.Add(TextOf(work));
            await inbox.CompleteAsync(work);
        }

        Assert.Equal(3, waiting.Count);
        Assert.Equal(texts, ran);
        Assert.Empty(await store.PendingAsync(inbox.Waiting, CancellationToken.None));
        Assert.Empty(await store.PendingAsync(SlackInbox.Queue, CancellationToken.None));
    }

    [Fact]
    public async Task Restart_WithRequestsInMemoryAndWaiting_RunsEachOnceAndCountsThemAgainstCapacity()
    {
        using var temp = new TempDatabase();
        using var store = new SqlInboundBacklog(await temp.MigrateAsync(), TimeProvider.System);
        var options = Options.Create(new SlackOptions { QueueCapacity = 4 });
        using (var before = new SlackInbox(options, store, new SlackBot(), NullLogger<SlackInbox>.Instance, memoryCapacity: 1))
        {
            foreach (var text in new[] { "in memory", "waiting 1", "waiting 2" })
            {
                var (turn, request) = Command(text);
                await before.TryEnqueueAsync(turn, request, CancellationToken.None);
            }
        }

        using var after = new SlackInbox(options, store, new SlackBot(), NullLogger<SlackInbox>.Instance, memoryCapacity: 1);
        var replayed = await after.LeftOverAsync(CancellationToken.None);
        var (late, lateRequest) = Command("after the restart");
        var fourth = await after.TryEnqueueAsync(late, lateRequest, CancellationToken.None);
        var fifth = await after.TryEnqueueAsync(late, lateRequest, CancellationToken.None);
        var ran = replayed.Select(TextOf).ToList();
        foreach (var work in replayed)
        {
            await after.CompleteAsync(work);
        }

        for (var i = 0; i < 3; i++)
        {
            var work = await after.NextAsync(Soon());
            ran.Add(TextOf(work));
            await after.CompleteAsync(work);
        }

        Assert.Equal((InboxAnswer.Queued, InboxAnswer.Full), (fourth, fifth));
        Assert.Equal(["in memory", "waiting 1", "waiting 2", "after the restart"], ran);
        Assert.Empty(await store.PendingAsync(after.Waiting, CancellationToken.None));
        Assert.Empty(await store.PendingAsync(SlackInbox.Queue, CancellationToken.None));
    }

    [Fact]
    public async Task Next_UnreadableWaitingRequest_IsSkippedAndTheOnesAfterItStillRun()
    {
        using var temp = new TempDatabase();
        using var store = new SqlInboundBacklog(await temp.MigrateAsync(), TimeProvider.System);
        var options = Options.Create(new SlackOptions());
        using (var before = new SlackInbox(options, store, new SlackBot(), NullLogger<SlackInbox>.Instance, memoryCapacity: 1))
        {
            var (first, firstRequest) = Command("in memory");
            await before.TryEnqueueAsync(first, firstRequest, CancellationToken.None);
            await store.AddAsync(before.Waiting, "{ not json", CancellationToken.None);
            var (second, secondRequest) = Command("waiting");
            await before.TryEnqueueAsync(second, secondRequest, CancellationToken.None);
        }

        using var after = new SlackInbox(options, store, new SlackBot(), NullLogger<SlackInbox>.Instance, memoryCapacity: 1);
        var replayed = await after.LeftOverAsync(CancellationToken.None);
        var next = await after.NextAsync(Soon());

        Assert.Equal(["in memory"], replayed.Select(TextOf));
        Assert.Equal("waiting", TextOf(next));
    }

    [Fact]
    public async Task Restart_CommandsStoredAsTheFormSlackSent_RunAsTheSameCommands()
    {
        using var temp = new TempDatabase();
        using var store = new SqlInboundBacklog(await temp.MigrateAsync(), TimeProvider.System);
        var options = Options.Create(new SlackOptions());
        using (var before = new SlackInbox(options, store, new SlackBot(), NullLogger<SlackInbox>.Instance, memoryCapacity: 1))
        {
            foreach (var text in new[] { "okr status", "metric arr segment=enterprise+emea 100%" })
            {
                var fields = SlackPayloads.Command("/productops", text, "https://hooks.slack.test/r");
                var form = await new FormUrlEncodedContent(fields.Select(f => KeyValuePair.Create(f.Key, f.Value))).ReadAsStringAsync();
                var turn = Assert.IsType<SlackTurn>(SlackInbound.FromCommand(SlashCommand.FromForm(SlackForm.Parse(form))));
                await before.TryEnqueueAsync(turn, new StoredSlackRequest(CommandForm: form), CancellationToken.None);
            }
        }

        using var after = new SlackInbox(options, store, new SlackBot(), NullLogger<SlackInbox>.Instance, memoryCapacity: 1);
        var replayed = Assert.Single(await after.LeftOverAsync(CancellationToken.None));
        var waiting = await after.NextAsync(Soon());

        Assert.Equal("okr status", TextOf(replayed));
        Assert.Equal("metric arr segment=enterprise+emea 100%", TextOf(waiting));
        Assert.Equal(("U100", "https://hooks.slack.test/r"), (waiting.Turn.Context.UserId, waiting.Turn.Context.ResponseUrl));
    }

    [Fact]
    public async Task TryEnqueue_AtCapacity_IsFullAndStoresNothing()
    {
        using var temp = new TempDatabase();
        using var store = new SqlInboundBacklog(await temp.MigrateAsync(), TimeProvider.System);
        using var inbox = new SlackInbox(Options.Create(new SlackOptions { QueueCapacity = 2 }), store, new SlackBot(), NullLogger<SlackInbox>.Instance, memoryCapacity: 1);
        var (turn, request) = Command("help");
        await inbox.TryEnqueueAsync(turn, request, CancellationToken.None);
        await inbox.TryEnqueueAsync(turn, request, CancellationToken.None);

        var third = await inbox.TryEnqueueAsync(turn, request, CancellationToken.None);

        Assert.Equal(InboxAnswer.Full, third);
        Assert.Single(await store.PendingAsync(SlackInbox.Queue, CancellationToken.None));
        Assert.Single(await store.PendingAsync(inbox.Waiting, CancellationToken.None));
    }

    [Fact]
    public async Task TryEnqueue_AnswerWhileABurstFillsMemory_IsQueuedAfterTheWaitingRequests()
    {
        using var temp = new TempDatabase();
        using var store = new SqlInboundBacklog(await temp.MigrateAsync(), TimeProvider.System);
        using var inbox = new SlackInbox(Options.Create(new SlackOptions()), store, new SlackBot(), NullLogger<SlackInbox>.Instance, memoryCapacity: 1);
        foreach (var text in new[] { "in memory", "waiting" })
        {
            var (turn, request) = Command(text);
            await inbox.TryEnqueueAsync(turn, request, CancellationToken.None);
        }

        var (answered, _) = Command("answered in the acknowledgement");
        var queued = inbox.TryEnqueue(new SlackWork(answered, Response.Say(Markup.Of($"Saved."))));
        var ran = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            var work = await inbox.NextAsync(Soon());
            ran.Add(TextOf(work));
            await inbox.CompleteAsync(work);
        }

        Assert.True(queued);
        Assert.Equal(["in memory", "waiting", "answered in the acknowledgement"], ran);
    }

    /// <summary>Long enough for work that is there; a request the inbox lost fails the test instead of hanging it.</summary>
    private static CancellationToken Soon() => new CancellationTokenSource(TimeSpan.FromSeconds(10)).Token;

    private static string TextOf(SlackWork work) => Assert.IsType<CommandInbound>(work.Turn.Inbound).Text;

    private static (SlackTurn Turn, StoredSlackRequest Request) Command(string text = "help")
    {
        var command = SlashCommand.FromForm(SlackPayloads.Command("/productops", text, "https://hooks.slack.test/r").ToDictionary(f => f.Key, f => f.Value));
        return (Assert.IsType<SlackTurn>(SlackInbound.FromCommand(command)), new StoredSlackRequest(Command: command));
    }
}
