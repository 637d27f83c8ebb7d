using ProductOps.Skills.Admin;
using ProductOps.Skills.Conversation;
using ProductOps.Storage.Outbox;

namespace ProductOps.Storage.Tests.Outbox;

public sealed class ShowOutboxHandlerTests : IAsyncLifetime, IDisposable
{
    private static readonly Person Admin = new(1, "Maya", "maya", null, null, new HashSet<Role> { Role.Admin }, []);
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
    public void Spec_Always_IsAdminOnlyProductopsOutbox()
    {
        var spec = ShowOutboxHandler.Spec;

        var words = spec.Words;

        Assert.Equal("productops outbox", words);
        Assert.Equal(new HashSet<Role> { Role.Admin }, spec.Roles);
    }

    [Fact]
    public async Task Handle_WithFailures_ShowsCountsAndTheLatestFailures()
    {
        await _outbox.EnqueueAsync(Message("digest:2026-03", new ChannelRecipient("leadership", Platforms.Teams)), CancellationToken.None);
        await _outbox.EnqueueAsync(Message("nudge:7", new PersonRecipient(7)), CancellationToken.None);
        var claimed = await _store.ClaimDueAsync(10, TimeSpan.FromMinutes(5), CancellationToken.None);
        await _store.MarkFailedAsync(claimed.Single(c => c.Message.Key == "digest:2026-03"), "channel_not_found", CancellationToken.None);
        await _store.ScheduleRetryAsync(claimed.Single(c => c.Message.Key == "nudge:7"), _clock.GetUtcNow().AddMinutes(1), "rate limited", CancellationToken.None);

        var response = await new ShowOutboxHandler(_store).HandleAsync(Request(), CancellationToken.None);

        var text = Assert.Single(response.Replies).Fallback;
        Assert.Contains("Pending: 1", text, StringComparison.Ordinal);
        Assert.Contains("Waiting for a platform: 0", text, StringComparison.Ordinal);
        Assert.Contains("Failed: 1", text, StringComparison.Ordinal);
        Assert.Contains("#leadership on teams digest:2026-03", text, StringComparison.Ordinal);
        Assert.Contains("1 attempts, failed 2026-03-02 09:00 UTC", text, StringComparison.Ordinal);
        Assert.Contains("channel_not_found", text, StringComparison.Ordinal);
        Assert.DoesNotContain("nudge:7", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Handle_NothingFailed_SaysSo()
    {
        await _outbox.EnqueueAsync(Message("nudge:1", new PersonRecipient(1)), CancellationToken.None);

        var response = await new ShowOutboxHandler(_store).HandleAsync(Request(), CancellationToken.None);

        var text = Assert.Single(response.Replies).Fallback;
        Assert.Contains("Pending: 1", text, StringComparison.Ordinal);
        Assert.Contains("No message has failed for good.", text, StringComparison.Ordinal);
    }

    private static OutboundMessage Message(string key, Recipient to) => new(key, to, Reply.Say("hello"));

    private static CommandRequest Request()
    {
        var from = new ChatUser(new ChatIdentity(Platforms.DevChat, "local", "maya"), "Maya");
        var inbound = new CommandInbound(from, Place.Direct("dm-maya"), "productops", "outbox") { Person = Admin };
        return new CommandRequest(inbound, Admin, Args.Empty, ShowOutboxHandler.Spec);
    }
}
