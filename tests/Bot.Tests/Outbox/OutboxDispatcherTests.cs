using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Moq;
using ProductOps.Bot.Outbox;
using ProductOps.Skills.Admin;
using ProductOps.Skills.Conversation;
using ProductOps.Storage.Outbox;

namespace ProductOps.Bot.Tests.Outbox;

public sealed class OutboxDispatcherTests : IAsyncLifetime, IDisposable
{
    private static readonly Person Maya = new(
        7, "Maya", "maya", null, null, new HashSet<Role>(),
        [new ChatIdentity(Platforms.DevChat, "local", "maya"), new ChatIdentity(Platforms.Teams, "contoso", "aad-maya")]);

    private readonly FakeClock _clock = new();
    private readonly FakePeople _people = new(Maya);
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
    public async Task Dispatch_SameKeyEnqueuedTwice_DeliversOnce()
    {
        var slack = Sender(Platforms.Slack);
        var dispatcher = Dispatcher(slack.Object);
        await _outbox.EnqueueAsync(ToChannel("digest:2026-03"), CancellationToken.None);
        await dispatcher.DispatchDueAsync(CancellationToken.None);

        await _outbox.EnqueueAsync(ToChannel("digest:2026-03"), CancellationToken.None);
        await dispatcher.DispatchDueAsync(CancellationToken.None);
        _clock.Advance(TimeSpan.FromDays(1));
        await Dispatcher(slack.Object).DispatchDueAsync(CancellationToken.None);

        slack.Verify(s => s.SendAsync(It.Is<Delivery>(d => d.Key == "digest:2026-03"), It.IsAny<CancellationToken>()), Times.Once);
        Assert.Equal(1, (await _store.CountAsync(CancellationToken.None)).Delivered);
    }

    [Fact]
    public async Task Dispatch_SenderFailsThenSucceeds_RetriesAfterTheBackoffAndDelivers()
    {
        var slack = Sender(Platforms.Slack);
        slack.SetupSequence(s => s.SendAsync(It.IsAny<Delivery>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(SendResult.Retry("HTTP 503"))
            .ReturnsAsync(SendResult.Sent);
        var dispatcher = Dispatcher(slack.Object);
        await _outbox.EnqueueAsync(ToChannel("k"), CancellationToken.None);
        await dispatcher.DispatchDueAsync(CancellationToken.None);

        var tooEarly = await dispatcher.DispatchDueAsync(CancellationToken.None);
        _clock.Advance(TimeSpan.FromSeconds(5));
        var afterBackoff = await dispatcher.DispatchDueAsync(CancellationToken.None);

        Assert.Equal(0, tooEarly);
        Assert.Equal(1, afterBackoff);
        slack.Verify(s => s.SendAsync(It.IsAny<Delivery>(), It.IsAny<CancellationToken>()), Times.Exactly(2));
        Assert.Equal(new OutboxCounts(0, 0, 0, 1, 0), await _store.CountAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Dispatch_RetryAfterGiven_WaitsExactlyThatLong()
    {
        var slack = Sender(Platforms.Slack);
        slack.SetupSequence(s => s.SendAsync(It.IsAny<Delivery>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(SendResult.Retry("rate_limited", TimeSpan.FromSeconds(90)))
            .ReturnsAsync(SendResult.Sent);
        var dispatcher = Dispatcher(slack.Object);
        await _outbox.EnqueueAsync(ToChannel("k"), CancellationToken.None);
        await dispatcher.DispatchDueAsync(CancellationToken.None);

        _clock.Advance(TimeSpan.FromSeconds(89));
        var early = await dispatcher.DispatchDueAsync(CancellationToken.None);
        _clock.Advance(TimeSpan.FromSeconds(1));
        var due = await dispatcher.DispatchDueAsync(CancellationToken.None);

        Assert.Equal(0, early);
        Assert.Equal(1, due);
    }

    [Fact]
    public async Task Dispatch_SenderThrowsHttpRequestException_SchedulesARetry()
    {
        var slack = Sender(Platforms.Slack);
        slack.Setup(s => s.SendAsync(It.IsAny<Delivery>(), It.IsAny<CancellationToken>())).ThrowsAsync(new HttpRequestException("connection reset"));
        await _outbox.EnqueueAsync(ToChannel("k"), CancellationToken.None);

        await Dispatcher(slack.Object).DispatchDueAsync(CancellationToken.None);

        Assert.Equal(new OutboxCounts(1, 0, 0, 0, 0), await _store.CountAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Dispatch_SenderThrowsUnexpectedly_CountsAsAFailedAttemptAndDeliversTheRest()
    {
        var slack = Sender(Platforms.Slack);
        slack.Setup(s => s.SendAsync(It.Is<Delivery>(d => d.Key == "broken"), It.IsAny<CancellationToken>())).ThrowsAsync(new InvalidOperationException("renderer bug"));
        await _outbox.EnqueueAsync(ToChannel("broken"), CancellationToken.None);
        await _outbox.EnqueueAsync(ToChannel("fine"), CancellationToken.None);

        await Dispatcher(slack.Object).DispatchDueAsync(CancellationToken.None);

        Assert.Equal(new OutboxCounts(1, 0, 0, 1, 0), await _store.CountAsync(CancellationToken.None));
        slack.Verify(s => s.SendAsync(It.Is<Delivery>(d => d.Key == "fine"), It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task Dispatch_SenderAlwaysThrows_RetriedWithBackoffThenMarkedFailed()
    {
        var slack = Sender(Platforms.Slack);
        slack.Setup(s => s.SendAsync(It.IsAny<Delivery>(), It.IsAny<CancellationToken>())).ThrowsAsync(new InvalidOperationException("renderer bug"));
        var dispatcher = Dispatcher(slack.Object, new OutboxOptions { MaxAttempts = 3 });
        await _outbox.EnqueueAsync(ToChannel("k"), CancellationToken.None);

        var dueAtOnce = new List<int>();
        for (var i = 0; i < 3; i++)
        {
            await dispatcher.DispatchDueAsync(CancellationToken.None);
            dueAtOnce.Add(await dispatcher.DispatchDueAsync(CancellationToken.None));
            _clock.Advance(TimeSpan.FromMinutes(15));
        }

        Assert.Equal([0, 0, 0], dueAtOnce);
        var failure = Assert.Single(await _store.RecentFailuresAsync(10, CancellationToken.None));
        Assert.Equal("Gave up after 3 attempts: Unexpected InvalidOperationException: renderer bug", failure.LastError);
        slack.Verify(s => s.SendAsync(It.IsAny<Delivery>(), It.IsAny<CancellationToken>()), Times.Exactly(3));
    }

    [Fact]
    public async Task Dispatch_PermanentFailure_IsRecordedAtOnceAndVisible()
    {
        var slack = Sender(Platforms.Slack);
        slack.Setup(s => s.SendAsync(It.IsAny<Delivery>(), It.IsAny<CancellationToken>())).ReturnsAsync(SendResult.Failed("channel_not_found"));
        await _outbox.EnqueueAsync(ToChannel("k"), CancellationToken.None);

        await Dispatcher(slack.Object).DispatchDueAsync(CancellationToken.None);

        _clock.Advance(TimeSpan.FromHours(1));
        await Dispatcher(slack.Object).DispatchDueAsync(CancellationToken.None);
        var failure = Assert.Single(await _store.RecentFailuresAsync(10, CancellationToken.None));
        Assert.Equal("k", failure.Key);
        Assert.Equal("channel_not_found", failure.LastError);
        Assert.Equal(1, failure.Attempts);
        slack.Verify(s => s.SendAsync(It.IsAny<Delivery>(), It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task Dispatch_RetriesExhausted_MarksFailedWithTheLastError()
    {
        var slack = Sender(Platforms.Slack);
        var attempt = 0;
        slack.Setup(s => s.SendAsync(It.IsAny<Delivery>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(() => SendResult.Retry($"HTTP 503 #{++attempt}"));
        var dispatcher = Dispatcher(slack.Object, new OutboxOptions { MaxAttempts = 3 });
        await _outbox.EnqueueAsync(ToChannel("k"), CancellationToken.None);

        for (var i = 0; i < 5; i++)
        {
            await dispatcher.DispatchDueAsync(CancellationToken.None);
            _clock.Advance(TimeSpan.FromMinutes(15));
        }

        var failure = Assert.Single(await _store.RecentFailuresAsync(10, CancellationToken.None));
        Assert.Equal("Gave up after 3 attempts: HTTP 503 #3", failure.LastError);
        Assert.Equal(3, failure.Attempts);
        slack.Verify(s => s.SendAsync(It.IsAny<Delivery>(), It.IsAny<CancellationToken>()), Times.Exactly(3));
    }

    [Fact]
    public async Task Dispatch_AfterRestart_DeliversMessagesEnqueuedBefore()
    {
        await _outbox.EnqueueAsync(ToChannel("before-restart"), CancellationToken.None);
        var slack = Sender(Platforms.Slack);
        var restarted = new SqlOutboxStore(new Storage.Database($"Data Source={_db.Path}"), _clock);

        await Dispatcher(slack.Object, store: restarted).DispatchDueAsync(CancellationToken.None);

        slack.Verify(s => s.SendAsync(It.Is<Delivery>(d => d.Key == "before-restart"), It.IsAny<CancellationToken>()), Times.Once);
        Assert.Equal(1, (await _store.CountAsync(CancellationToken.None)).Delivered);
    }

    [Fact]
    public async Task Dispatch_MessageLeftSendingByACrash_IsSentAgainOnlyAfterTheLease()
    {
        await _outbox.EnqueueAsync(ToChannel("in-flight"), CancellationToken.None);
        await _store.ClaimDueAsync(10, TimeSpan.FromSeconds(120), CancellationToken.None);
        var slack = Sender(Platforms.Slack);
        var restarted = Dispatcher(slack.Object);

        var duringLease = await restarted.DispatchDueAsync(CancellationToken.None);
        _clock.Advance(TimeSpan.FromSeconds(120));
        var afterLease = await restarted.DispatchDueAsync(CancellationToken.None);

        Assert.Equal(0, duringLease);
        Assert.Equal(1, afterLease);
        slack.Verify(s => s.SendAsync(It.Is<Delivery>(d => d.Key == "in-flight"), It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task Dispatch_UnconfiguredPlatform_KeepsTheMessageAndCountsItWaiting()
    {
        var teams = Sender(Platforms.Teams, configured: false);
        await _outbox.EnqueueAsync(new OutboundMessage("k", new ChannelRecipient("leadership", Platforms.Teams), Reply.Say("hi")), CancellationToken.None);

        await Dispatcher(Sender(Platforms.Slack).Object, teams.Object).DispatchDueAsync(CancellationToken.None);

        Assert.Equal(new OutboxCounts(0, 0, 1, 0, 0), await _store.CountAsync(CancellationToken.None));
        teams.Verify(s => s.SendAsync(It.IsAny<Delivery>(), It.IsAny<CancellationToken>()), Times.Never);
        _clock.Advance(TimeSpan.FromSeconds(60));
        var configuredTeams = Sender(Platforms.Teams);
        await Dispatcher(configuredTeams.Object).DispatchDueAsync(CancellationToken.None);
        Assert.Equal(new OutboxCounts(0, 0, 0, 1, 0), await _store.CountAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Dispatch_PersonRecipient_UsesTheFirstConfiguredPlatformTheyAreKnownOn()
    {
        var slack = Sender(Platforms.Slack);
        var teams = Sender(Platforms.Teams);
        var devChat = Sender(Platforms.DevChat);
        await _outbox.EnqueueAsync(new OutboundMessage("dm", new PersonRecipient(Maya.Id), Reply.Say("hi")), CancellationToken.None);

        await Dispatcher(devChat.Object, teams.Object, slack.Object).DispatchDueAsync(CancellationToken.None);

        teams.Verify(s => s.SendAsync(
            It.Is<Delivery>(d => d.Key == "dm" && d.Identity == new ChatIdentity(Platforms.Teams, "contoso", "aad-maya")),
            It.IsAny<CancellationToken>()), Times.Once);
        slack.Verify(s => s.SendAsync(It.IsAny<Delivery>(), It.IsAny<CancellationToken>()), Times.Never);
        devChat.Verify(s => s.SendAsync(It.IsAny<Delivery>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public async Task Dispatch_PersonUnknown_MarksFailed()
    {
        await _outbox.EnqueueAsync(new OutboundMessage("dm", new PersonRecipient(404), Reply.Say("hi")), CancellationToken.None);

        await Dispatcher(Sender(Platforms.Slack).Object).DispatchDueAsync(CancellationToken.None);

        var failure = Assert.Single(await _store.RecentFailuresAsync(10, CancellationToken.None));
        Assert.Equal("Person 404 no longer exists.", failure.LastError);
    }

    [Fact]
    public async Task Enqueue_ThroughTheSignallingOutbox_WakesTheDispatcherBeforeThePoll()
    {
        var signal = new OutboxSignal();
        var delivered = new TaskCompletionSource<Delivery>(TaskCreationOptions.RunContinuationsAsynchronously);
        var slack = Sender(Platforms.Slack);
        slack.Setup(s => s.SendAsync(It.IsAny<Delivery>(), It.IsAny<CancellationToken>()))
            .Callback<Delivery, CancellationToken>((d, _) => delivered.TrySetResult(d))
            .ReturnsAsync(SendResult.Sent);
        var store = new SqlOutboxStore(_db.Database, TimeProvider.System);
        using var dispatcher = Dispatcher([slack.Object], new OutboxOptions { PollSeconds = 3600 }, store, signal, TimeProvider.System);
        await dispatcher.StartAsync(CancellationToken.None);
        await Task.Delay(200);

        await new SignallingOutbox(new SqlOutbox(_db.Database, TimeProvider.System), signal).EnqueueAsync(ToChannel("now"), CancellationToken.None);

        var delivery = await delivered.Task.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal("now", delivery.Key);
        await dispatcher.StopAsync(CancellationToken.None);
    }

    private static OutboundMessage ToChannel(string key) => new(key, new ChannelRecipient("general"), Reply.Say("hello", Visibility.Channel));

    private static Mock<IMessageSender> Sender(string platform, bool configured = true)
    {
        var sender = new Mock<IMessageSender>();
        sender.SetupGet(s => s.Platform).Returns(platform);
        sender.SetupGet(s => s.IsConfigured).Returns(configured);
        sender.Setup(s => s.SendAsync(It.IsAny<Delivery>(), It.IsAny<CancellationToken>())).ReturnsAsync(SendResult.Sent);
        return sender;
    }

    private OutboxDispatcher Dispatcher(params IMessageSender[] senders) => Dispatcher(senders, null);

    private OutboxDispatcher Dispatcher(IMessageSender sender, OutboxOptions options) => Dispatcher([sender], options);

    private OutboxDispatcher Dispatcher(IMessageSender sender, SqlOutboxStore store) => Dispatcher([sender], null, store);

    private OutboxDispatcher Dispatcher(
        IMessageSender[] senders,
        OutboxOptions? options,
        SqlOutboxStore? store = null,
        OutboxSignal? signal = null,
        TimeProvider? clock = null)
    {
        var services = new ServiceCollection().AddSingleton<IPeopleStore>(_people).BuildServiceProvider();
        return new OutboxDispatcher(
            store ?? _store,
            senders,
            services.GetRequiredService<IServiceScopeFactory>(),
            signal ?? new OutboxSignal(),
            Options.Create(options ?? new OutboxOptions()),
            clock ?? _clock,
            NullLogger<OutboxDispatcher>.Instance);
    }

    /// <summary>People by id; the dispatcher only looks people up.</summary>
    private sealed class FakePeople(params Person[] people) : IPeopleStore
    {
        public Task<Person?> FindAsync(long id, CancellationToken ct) => Task.FromResult(people.FirstOrDefault(p => p.Id == id));

        public Task<Person?> FindByIdentityAsync(ChatIdentity identity, CancellationToken ct) =>
            Task.FromResult(people.FirstOrDefault(p => p.Identities.Contains(identity)));

        public Task<Person?> FindByHandleAsync(string handleOrEmail, CancellationToken ct) =>
            Task.FromResult(people.FirstOrDefault(p => p.Handle.Equals(handleOrEmail, StringComparison.OrdinalIgnoreCase)));

        public Task<IReadOnlyList<Person>> ListAsync(CancellationToken ct) => Task.FromResult<IReadOnlyList<Person>>(people);

        public Task<Person> AddAsync(NewPerson person, CancellationToken ct) => throw new NotSupportedException("The dispatcher never adds people.");

        public Task SetRolesAsync(long personId, IReadOnlySet<Role> roles, CancellationToken ct) => throw new NotSupportedException("The dispatcher never changes roles.");

        public Task<Person> ResolveAsync(ChatUser user, CancellationToken ct) => throw new NotSupportedException("The dispatcher never resolves chat users.");
    }
}
