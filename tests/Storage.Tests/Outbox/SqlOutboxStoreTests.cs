using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using Dapper;
using ProductOps.Skills.Conversation;
using ProductOps.Storage.Outbox;

namespace ProductOps.Storage.Tests.Outbox;

public sealed class SqlOutboxStoreTests : IAsyncLifetime, IDisposable
{
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(5);
    private readonly FakeClock _clock = new();
    private TempDatabase _db = null!;
    private SqlOutbox _outbox = null!;
    private SqlOutboxStore _store = null!;

    public async Task InitializeAsync()
    {
        _db = await TempDatabase.CreateAsync();
        _outbox = new SqlOutbox(_db.Database, _clock);
        _store = new SqlOutboxStore(_db.Database, _clock);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => _db.Dispose();

    [Fact]
    public async Task Enqueue_SameKeyTwice_StoresOnceAndReturnsFalse()
    {
        var first = await _outbox.EnqueueAsync(Message("nudge:1"), CancellationToken.None);

        var second = await _outbox.EnqueueAsync(Message("nudge:1", "a different text"), CancellationToken.None);

        Assert.True(first);
        Assert.False(second);
        var counts = await _store.CountAsync(CancellationToken.None);
        Assert.Equal(1, counts.Pending);
        var claimed = Assert.Single(await _store.ClaimDueAsync(10, Lease, CancellationToken.None));
        Assert.Equal("hello", claimed.Message.Reply.Fallback);
    }

    [Fact]
    public async Task EnqueueAll_SomeKeysEnqueuedBefore_StoresOnlyTheNewOnesAndCountsThem()
    {
        await _outbox.EnqueueAsync(Message("nudge:1"), CancellationToken.None);

        var stored = await _outbox.EnqueueAllAsync([Message("nudge:1", "a different text"), Message("nudge:2"), Message("nudge:3")], CancellationToken.None);

        Assert.Equal(2, stored);
        var claimed = await _store.ClaimDueAsync(10, Lease, CancellationToken.None);
        Assert.Equal(["nudge:1", "nudge:2", "nudge:3"], claimed.Select(c => c.Message.Key));
        Assert.All(claimed, c => Assert.Equal("hello", c.Message.Reply.Fallback));
    }

    [Fact]
    public async Task Enqueue_ReplyWithEveryBlockAndSpanType_RoundTripsThroughTheStore()
    {
        var reply = EveryKindOfReply();
        await _outbox.EnqueueAsync(new OutboundMessage("all-kinds", new ChannelRecipient("product-triage", Platforms.Slack), reply), CancellationToken.None);

        var claimed = Assert.Single(await _store.ClaimDueAsync(10, Lease, CancellationToken.None));

        Assert.Equal(JsonSerializer.Serialize(reply), JsonSerializer.Serialize(claimed.Message.Reply));
        Assert.Equal(reply.Blocks.Select(b => b.GetType()), claimed.Message.Reply.Blocks.Select(b => b.GetType()));
        Assert.Equal(new ChannelRecipient("product-triage", Platforms.Slack), claimed.Message.To);
    }

    [Fact]
    public void EveryKindOfReply_CoversEveryPolymorphicBlockAndSpan()
    {
        var reply = EveryKindOfReply();

        var spans = reply.Blocks.SelectMany(SpansOf).Select(s => s.GetType()).ToHashSet();
        var blocks = reply.Blocks.Select(b => b.GetType()).ToHashSet();

        Assert.Equal(DerivedTypes<Block>(), blocks);
        Assert.Equal(DerivedTypes<Span>(), spans);
    }

    [Fact]
    public async Task Claim_TwoDispatchersAtOnce_NeverShareAMessage()
    {
        for (var i = 0; i < 30; i++)
        {
            await _outbox.EnqueueAsync(Message($"m{i}"), CancellationToken.None);
        }

        var other = new SqlOutboxStore(_db.Database, _clock);
        var results = await Task.WhenAll(
            Task.Run(() => _store.ClaimDueAsync(20, Lease, CancellationToken.None)),
            Task.Run(() => other.ClaimDueAsync(20, Lease, CancellationToken.None)));

        var keys = results.SelectMany(r => r).Select(m => m.Message.Key).ToArray();
        Assert.Equal(30, keys.Length);
        Assert.Equal(30, keys.Distinct().Count());
    }

    [Fact]
    public async Task Claim_WhileLeased_IsNotClaimedAgain()
    {
        await _outbox.EnqueueAsync(Message("k"), CancellationToken.None);
        await _store.ClaimDueAsync(10, Lease, CancellationToken.None);
        _clock.Advance(Lease - TimeSpan.FromSeconds(1));

        var again = await _store.ClaimDueAsync(10, Lease, CancellationToken.None);

        Assert.Empty(again);
        Assert.Equal(1, (await _store.CountAsync(CancellationToken.None)).Sending);
    }

    [Fact]
    public async Task Claim_LeaseExpiredAfterACrash_IsClaimedAgainWithoutCountingAnAttempt()
    {
        await _outbox.EnqueueAsync(Message("k"), CancellationToken.None);
        var first = Assert.Single(await _store.ClaimDueAsync(10, Lease, CancellationToken.None));
        _clock.Advance(Lease);

        var second = Assert.Single(await _store.ClaimDueAsync(10, Lease, CancellationToken.None));

        Assert.Equal(first.Id, second.Id);
        Assert.NotEqual(first.Lease, second.Lease);
        Assert.Equal(0, second.Attempts);
    }

    [Fact]
    public async Task ScheduleRetry_CountsTheAttemptAndHidesTheMessageUntilDue()
    {
        await _outbox.EnqueueAsync(Message("k"), CancellationToken.None);
        var claimed = Assert.Single(await _store.ClaimDueAsync(10, Lease, CancellationToken.None));

        await _store.ScheduleRetryAsync(claimed, _clock.GetUtcNow().AddSeconds(30), "rate limited", CancellationToken.None);

        Assert.Empty(await _store.ClaimDueAsync(10, Lease, CancellationToken.None));
        _clock.Advance(TimeSpan.FromSeconds(30));
        var retried = Assert.Single(await _store.ClaimDueAsync(10, Lease, CancellationToken.None));
        Assert.Equal(1, retried.Attempts);
    }

    [Fact]
    public async Task ScheduleRetry_WithALeaseThatWasTakenOver_ChangesNothing()
    {
        await _outbox.EnqueueAsync(Message("k"), CancellationToken.None);
        var stale = Assert.Single(await _store.ClaimDueAsync(10, Lease, CancellationToken.None));
        _clock.Advance(Lease);
        var current = Assert.Single(await _store.ClaimDueAsync(10, Lease, CancellationToken.None));

        await _store.ScheduleRetryAsync(stale, _clock.GetUtcNow(), "late answer", CancellationToken.None);

        Assert.Equal(1, (await _store.CountAsync(CancellationToken.None)).Sending);
        await _store.MarkDeliveredAsync(current, Platforms.Slack, CancellationToken.None);
        Assert.Equal(1, (await _store.CountAsync(CancellationToken.None)).Delivered);
    }

    [Fact]
    public async Task MarkDelivered_Always_IsNeverClaimedAgain()
    {
        await _outbox.EnqueueAsync(Message("k"), CancellationToken.None);
        var claimed = Assert.Single(await _store.ClaimDueAsync(10, Lease, CancellationToken.None));

        await _store.MarkDeliveredAsync(claimed, Platforms.Teams, CancellationToken.None);

        _clock.Advance(TimeSpan.FromDays(1));
        Assert.Empty(await _store.ClaimDueAsync(10, Lease, CancellationToken.None));
        Assert.Equal(new OutboxCounts(0, 0, 0, 1, 0), await _store.CountAsync(CancellationToken.None));
    }

    [Fact]
    public async Task MarkFailed_Always_ShowsInCountsAndRecentFailuresNewestFirst()
    {
        await _outbox.EnqueueAsync(Message("older"), CancellationToken.None);
        await _outbox.EnqueueAsync(new OutboundMessage("newer", new PersonRecipient(42), Reply.Say("hi")), CancellationToken.None);
        var claimed = await _store.ClaimDueAsync(10, Lease, CancellationToken.None);
        await _store.MarkFailedAsync(claimed.Single(m => m.Message.Key == "older"), "channel_not_found", CancellationToken.None);
        _clock.Advance(TimeSpan.FromMinutes(1));

        await _store.MarkFailedAsync(claimed.Single(m => m.Message.Key == "newer"), "user_blocked_bot", CancellationToken.None);

        var failures = await _store.RecentFailuresAsync(10, CancellationToken.None);
        Assert.Equal(["newer", "older"], failures.Select(f => f.Key));
        Assert.Equal(new PersonRecipient(42), failures[0].To);
        Assert.Equal("user_blocked_bot", failures[0].LastError);
        Assert.Equal(1, failures[0].Attempts);
        Assert.Equal(_clock.GetUtcNow(), failures[0].FailedAt);
        Assert.Equal(2, (await _store.CountAsync(CancellationToken.None)).Failed);
    }

    [Fact]
    public async Task WaitForPlatform_Always_CountsAsWaitingWithoutAnAttempt()
    {
        await _outbox.EnqueueAsync(Message("k"), CancellationToken.None);
        var claimed = Assert.Single(await _store.ClaimDueAsync(10, Lease, CancellationToken.None));

        await _store.WaitForPlatformAsync(claimed, _clock.GetUtcNow().AddMinutes(1), "no configured platform", CancellationToken.None);

        Assert.Equal(new OutboxCounts(0, 0, 1, 0, 0), await _store.CountAsync(CancellationToken.None));
        _clock.Advance(TimeSpan.FromMinutes(1));
        var again = Assert.Single(await _store.ClaimDueAsync(10, Lease, CancellationToken.None));
        Assert.Equal(0, again.Attempts);
    }

    [Fact]
    public async Task PurgeDelivered_OlderThanTheAge_DeletesOnlyThose()
    {
        await _outbox.EnqueueAsync(Message("old"), CancellationToken.None);
        await _store.MarkDeliveredAsync(Assert.Single(await _store.ClaimDueAsync(10, Lease, CancellationToken.None)), Platforms.Slack, CancellationToken.None);
        _clock.Advance(TimeSpan.FromDays(20));
        await _outbox.EnqueueAsync(Message("recent"), CancellationToken.None);
        await _store.MarkDeliveredAsync(Assert.Single(await _store.ClaimDueAsync(10, Lease, CancellationToken.None)), Platforms.Slack, CancellationToken.None);
        await _outbox.EnqueueAsync(Message("pending"), CancellationToken.None);
        _clock.Advance(TimeSpan.FromDays(11));

        var purged = await _store.PurgeDeliveredAsync(TimeSpan.FromDays(30), CancellationToken.None);

        Assert.Equal(1, purged);
        Assert.Equal(new OutboxCounts(1, 0, 0, 1, 0), await _store.CountAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Claim_UnreadablePayload_MarksItFailedAndClaimsTheRest()
    {
        await _outbox.EnqueueAsync(Message("broken"), CancellationToken.None);
        await _outbox.EnqueueAsync(Message("fine"), CancellationToken.None);
        await using (var connection = await _db.Database.OpenAsync(CancellationToken.None))
        {
            await connection.ExecuteAsync("UPDATE outbox_messages SET payload = '{\"blocks\": 12' WHERE key = 'broken';");
        }

        var claimed = await _store.ClaimDueAsync(10, Lease, CancellationToken.None);

        Assert.Equal("fine", Assert.Single(claimed).Message.Key);
        var failure = Assert.Single(await _store.RecentFailuresAsync(10, CancellationToken.None));
        Assert.Equal("broken", failure.Key);
        Assert.StartsWith("The stored message cannot be read", failure.LastError, StringComparison.Ordinal);
    }

    private static OutboundMessage Message(string key, string text = "hello") =>
        new(key, new ChannelRecipient("general"), Reply.Say(text, Visibility.Channel));

    private static Reply EveryKindOfReply()
    {
        var maya = new ChatIdentity(Platforms.Slack, "T1", "U1");
        var text = Markup.Of(
            $"Plain {Md.Bold("bold")} {Md.Italic("italic")} {Md.Code("code")} {Md.Link("docs", "https://example.com")} {new UserSpan("Maya", [maya])} {Md.Channel("triage", "C1")}");
        return new ReplyBuilder()
            .Header("Everything")
            .Section(text, new Field("Owner", Markup.Of($"{Md.Bold("Maya")}")))
            .Context("muted")
            .Divider()
            .Buttons(new Button("Approve", "participants.approve", "7", ButtonStyle.Primary), new Button("Decline", "participants.decline"))
            .Build(Visibility.DirectMessage);
    }

    private static IEnumerable<Span> SpansOf(Block block) => block switch
    {
        SectionBlock s => s.Text.Spans.Concat(s.Fields.SelectMany(f => f.Value.Spans)),
        ContextBlock c => c.Text.Spans,
        _ => [],
    };

    private static HashSet<Type> DerivedTypes<T>() =>
        typeof(T).GetCustomAttributes<JsonDerivedTypeAttribute>().Select(a => a.DerivedType).ToHashSet();
}
