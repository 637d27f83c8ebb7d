using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using ProductOps.Bot.Pipeline;
using ProductOps.Storage.Inbound;

namespace ProductOps.Bot.Tests.Pipeline;

public sealed class DurableBacklogTests
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private static string AsJson(string text) => JsonSerializer.Serialize(new Work(text), Json);

    [Fact]
    public async Task ReadAll_AfterACrashBeforeHandling_ReplaysWhatWasNotCompleted()
    {
        using var temp = new TempDatabase();
        var store = new SqlInboundBacklog(await temp.MigrateAsync(), TimeProvider.System);
        var before = new DurableBacklog<Work>("test", store, Json, NullLogger.Instance);
        await before.EnqueueAsync(new Work("handled"), AsJson("handled"), CancellationToken.None);
        await before.EnqueueAsync(new Work("interrupted"), AsJson("interrupted"), CancellationToken.None);
        await CompleteFirstAsync(before);

        var after = new DurableBacklog<Work>("test", store, Json, NullLogger.Instance);
        var replayed = await FirstAsync(after);

        Assert.Equal("interrupted", replayed.Item.Text);
    }

    [Fact]
    public async Task ReadAll_ItemsOfThisProcess_AreReadOnceAndOtherQueuesNotAtAll()
    {
        using var temp = new TempDatabase();
        var store = new SqlInboundBacklog(await temp.MigrateAsync(), TimeProvider.System);
        await new DurableBacklog<Work>("other", store, Json, NullLogger.Instance).EnqueueAsync(new Work("not mine"), AsJson("not mine"), CancellationToken.None);
        var backlog = new DurableBacklog<Work>("test", store, Json, NullLogger.Instance);
        await backlog.EnqueueAsync(new Work("one"), AsJson("one"), CancellationToken.None);
        await backlog.EnqueueAsync(new Work("two"), AsJson("two"), CancellationToken.None);

        var read = await TakeAsync(backlog, 2);

        Assert.Equal(["one", "two"], read.Select(q => q.Item.Text));
    }

    [Fact]
    public async Task Complete_HandledItem_IsNotReplayedAfterARestart()
    {
        using var temp = new TempDatabase();
        var store = new SqlInboundBacklog(await temp.MigrateAsync(), TimeProvider.System);
        var backlog = new DurableBacklog<Work>("test", store, Json, NullLogger.Instance);
        await backlog.EnqueueAsync(new Work("done"), AsJson("done"), CancellationToken.None);
        await CompleteFirstAsync(backlog);

        var left = await store.PendingAsync("test", CancellationToken.None);

        Assert.Empty(left);
    }

    [Fact]
    public async Task Enqueue_StoresTheJsonAsItArrived_AndReadsTheItemBackFromIt()
    {
        using var temp = new TempDatabase();
        var store = new SqlInboundBacklog(await temp.MigrateAsync(), TimeProvider.System);
        var before = new DurableBacklog<Work>("test", store, Json, NullLogger.Instance);
        const string arrived = """{"text":"hello","sentBy":"a field this bot does not read"}""";

        await before.EnqueueAsync(new Work("hello"), arrived, CancellationToken.None);
        var stored = await store.PendingAsync("test", CancellationToken.None);
        var replayed = await FirstAsync(new DurableBacklog<Work>("test", store, Json, NullLogger.Instance));

        Assert.Equal(arrived, Assert.Single(stored).Payload);
        Assert.Equal("hello", replayed.Item.Text);
    }

    [Fact]
    public async Task EnqueueUnlessSeen_SameDeliveryTwice_StoresAndQueuesItOnce()
    {
        using var temp = new TempDatabase();
        var store = new SqlInboundBacklog(await temp.MigrateAsync(), TimeProvider.System);
        var backlog = new DurableBacklog<Work>("test", store, Json, NullLogger.Instance);

        var first = await backlog.EnqueueUnlessSeenAsync(new Work("hello"), AsJson("hello"), "teams:activity:c1:a1", CancellationToken.None);
        var again = await backlog.EnqueueUnlessSeenAsync(new Work("hello"), AsJson("hello"), "teams:activity:c1:a1", CancellationToken.None);

        Assert.Equal((true, false), (first, again));
        Assert.Single(await store.PendingAsync("test", CancellationToken.None));
    }

    [Fact]
    public async Task ReadAll_BurstLargerThanMemory_WaitsInTheDatabaseAndComesBackInOrderAfterARestartToo()
    {
        using var temp = new TempDatabase();
        var store = new SqlInboundBacklog(await temp.MigrateAsync(), TimeProvider.System);
        using var before = new DurableBacklog<Work>("test", store, Json, NullLogger.Instance, memoryCapacity: 1);
        foreach (var text in new[] { "one", "two", "three", "four" })
        {
            await before.EnqueueAsync(new Work(text), AsJson(text), CancellationToken.None);
        }

        var waiting = await store.PendingAsync(before.Waiting, CancellationToken.None);
        var first = await TakeAsync(before, 2);
        foreach (var queued in first)
        {
            await before.CompleteAsync(queued.Id);
        }

        using var after = new DurableBacklog<Work>("test", store, Json, NullLogger.Instance, memoryCapacity: 1);
        var rest = await TakeAsync(after, 2);

        Assert.Equal(3, waiting.Count);
        Assert.Equal(["one", "two", "three", "four"], first.Concat(rest).Select(q => q.Item.Text));
    }

    [Fact]
    public async Task ReadAll_WaitingItemsAmongAnotherQueuesWaitingItems_ComeBackInOrder()
    {
        using var temp = new TempDatabase();
        var store = new SqlInboundBacklog(await temp.MigrateAsync(), TimeProvider.System);
        using var backlog = new DurableBacklog<Work>("test", store, Json, NullLogger.Instance, memoryCapacity: 1);
        using var other = new DurableBacklog<Work>("other", store, Json, NullLogger.Instance, memoryCapacity: 1);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await using var reader = backlog.ReadAllAsync(timeout.Token).GetAsyncEnumerator(timeout.Token);
        var read = new List<string>();

        await StoreAndReadAsync(("test", "one"));
        await StoreAndReadAsync(("test", "two"), ("other", "x"), ("test", "three"), ("other", "y"), ("other", "z"), ("test", "four"), ("other", "w"));
        // Caught up: what is stored next, after more of the other queue's items, is read too.
        await StoreAndReadAsync(("other", "v"), ("test", "five"), ("other", "u"), ("test", "six"));

        Assert.Equal(["one", "two", "three", "four", "five", "six"], read);

        async Task StoreAndReadAsync(params (string Queue, string Text)[] items)
        {
            foreach (var (queue, text) in items)
            {
                await (queue == "test" ? backlog : other).EnqueueAsync(new Work(text), AsJson(text), CancellationToken.None);
            }

            foreach (var _ in items.Where(i => i.Queue == "test"))
            {
                Assert.True(await reader.MoveNextAsync());
                read.Add(reader.Current.Item.Text);
            }
        }
    }

    [Fact]
    public async Task Enqueue_AtCapacity_WaitsForRoom()
    {
        using var temp = new TempDatabase();
        var store = new SqlInboundBacklog(await temp.MigrateAsync(), TimeProvider.System);
        using var backlog = new DurableBacklog<Work>("test", store, Json, NullLogger.Instance, capacity: 1);
        await backlog.EnqueueAsync(new Work("one"), AsJson("one"), CancellationToken.None);

        var second = backlog.EnqueueAsync(new Work("two"), AsJson("two"), CancellationToken.None).AsTask();
        await Task.Delay(100);
        var waited = !second.IsCompleted;
        await CompleteFirstAsync(backlog);
        await second.WaitAsync(TimeSpan.FromSeconds(5));

        Assert.True(waited);
    }

    [Fact]
    public async Task Enqueue_AtCapacity_LetsTurnsRunUntilThereIsRoom()
    {
        using var temp = new TempDatabase();
        var store = new SqlInboundBacklog(await temp.MigrateAsync(), TimeProvider.System);
        using var acknowledgements = new AcknowledgementsFirst(TimeProvider.System);
        using var backlog = new DurableBacklog<Work>("test", store, Json, NullLogger.Instance, capacity: 1, acknowledgements: acknowledgements);
        await backlog.EnqueueAsync(new Work("one"), AsJson("one"), CancellationToken.None);
        using var crowd = acknowledgements.Acknowledge();
        using var another = acknowledgements.Acknowledge();

        var heldBefore = acknowledgements.Busy;

        var second = backlog.EnqueueAsync(new Work("two"), AsJson("two"), CancellationToken.None).AsTask();
        await Task.Delay(100);
        var heldWhileWaiting = acknowledgements.Busy;
        await CompleteFirstAsync(backlog);
        await second.WaitAsync(TimeSpan.FromSeconds(5));

        Assert.True(heldBefore);
        Assert.False(heldWhileWaiting);
    }

    private static async Task CompleteFirstAsync(DurableBacklog<Work> backlog)
    {
        var first = await FirstAsync(backlog);
        await backlog.CompleteAsync(first.Id);
    }

    private static async Task<Queued<Work>> FirstAsync(DurableBacklog<Work> backlog) => (await TakeAsync(backlog, 1))[0];

    private static async Task<List<Queued<Work>>> TakeAsync(DurableBacklog<Work> backlog, int count)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        var read = new List<Queued<Work>>();
        await foreach (var queued in backlog.ReadAllAsync(timeout.Token))
        {
            read.Add(queued);
            if (read.Count == count)
            {
                break;
            }
        }

        return read;
    }

    public sealed record Work(string Text);
}
