using System.Collections.Concurrent;
using ProductOps.Storage.Inbound;

namespace ProductOps.Bot.Pipeline;

/// <summary>
/// Stored inbound work in the order it is to be handled, for bursts larger than memory should hold.
/// Every item is stored before its platform is acknowledged. The first <c>memoryCapacity</c> items
/// also wait in memory; the rest are stored under <see cref="Waiting"/>, keep their place in line
/// with a placeholder, and are read back from the database in pages when their turn comes.
/// </summary>
/// <param name="store">Where the items are stored.</param>
/// <param name="queue">The items' queue name; the waiting ones are stored under <see cref="Waiting"/>.</param>
/// <param name="memoryCapacity">How many items may wait in memory.</param>
/// <param name="read">Turns a stored row back into work; null for a row with nothing to do, which is then forgotten.</param>
/// <param name="log">Where rows that cannot be read back, and database failures while reading, are reported.</param>
public sealed class WaitingLine<T>(SqlInboundBacklog store, string queue, int memoryCapacity, Func<QueuedInbound, T?> read, ILogger log) : IDisposable
    where T : class
{
    private const int PageSize = 32;

    private static readonly TimeSpan RetryPause = TimeSpan.FromSeconds(1);

    // A placeholder stands in line for each item waiting in the database.
    private readonly CompactLine<T> _line = new();

    // Items stored under the queue by this process; any other stored there is left over from before a restart.
    private readonly ConcurrentDictionary<long, byte> _live = new();

    private readonly Queue<T> _readBack = new();
    private readonly SemaphoreSlim _reading = new(1, 1);
    private long _readUpTo;

    // The newest waiting item stored: pages are read up to it, never past it to other queues' rows.
    private long _waitingUpTo;
    private int _inMemory;

    /// <summary>The queue name of the items that did not fit in memory.</summary>
    public string Waiting { get; } = queue + ".waiting";

    /// <summary>
    /// Stores an item (unless its delivery key was seen before, in the same transaction) and puts it in
    /// line: in memory as <paramref name="item"/> of its id, or as a placeholder. Null for a repeated
    /// delivery. When storing fails nothing is stored or queued.
    /// </summary>
    public async Task<long?> StoreAsync(string payload, string? deliveryKey, Func<long, T> item, CancellationToken ct)
    {
        var inMemory = TryTakeMemory();
        var target = inMemory ? queue : Waiting;
        long? id;
        try
        {
            id = deliveryKey is null ? await store.AddAsync(target, payload, ct) : await store.AddUnlessSeenAsync(target, payload, deliveryKey, ct);
        }
        catch (Exception)
        {
            ReleaseMemory(inMemory);
            throw;
        }

        if (id is not { } stored)
        {
            ReleaseMemory(inMemory);
            return null;
        }

        if (inMemory)
        {
            _live[stored] = 0;
        }
        else
        {
            RaiseWaitingUpTo(stored);
        }

        // A placeholder only once its item is committed, so reading back always finds it.
        if (inMemory)
        {
            _line.Add(item(stored));
        }
        else
        {
            _line.AddPlaceholders(1);
        }

        return stored;
    }

    /// <summary>
    /// Puts in line a small item that is not stored and must not be refused (an answer already
    /// computed), in memory even beyond the capacity.
    /// </summary>
    public void AddUnstored(T item)
    {
        Interlocked.Increment(ref _inMemory);
        _line.Add(item);
    }

    /// <summary>The next item in line, waiting while there is none; null when a placeholder found nothing left to read.</summary>
    public async ValueTask<T?> NextAsync(CancellationToken ct)
    {
        if (await _line.TakeAsync(ct) is { } item)
        {
            Interlocked.Decrement(ref _inMemory);
            return item;
        }

        return await ReadBackAsync(ct);
    }

    /// <summary>
    /// The item is handled (or failed for good): its stored copy is removed with the store's next
    /// commit. Workers need not wait for it, and removals queued together share one commit. A
    /// removal that fails is logged, and the item runs again at the next start. Completes once the
    /// removal is committed or has failed; never throws.
    /// </summary>
    public async Task CompleteAsync(long id)
    {
        _live.TryRemove(id, out _);
        try
        {
            await store.RemoveAsync(id, CancellationToken.None);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            log.LogError(e, "Handled {Queue} work {StoredId} could not be removed; it stays stored and runs again at the next start", queue, id);
        }
    }

    /// <summary>
    /// After a restart: the items that were in memory, to be handled first, and a placeholder in
    /// line for every item left waiting in the database (their count is returned). One counted
    /// twice, stored just now with its own placeholder, later finds nothing to read.
    /// </summary>
    public async Task<(IReadOnlyList<T> Left, int Waiting)> RecoverAsync(CancellationToken ct)
    {
        var left = new List<T>();
        foreach (var row in await store.PendingAsync(queue, ct))
        {
            if (!_live.ContainsKey(row.Id) && await ReadAsync(row, ct) is { } item)
            {
                left.Add(item);
            }
        }

        var (waiting, newest) = await store.CountAsync(Waiting, ct);
        RaiseWaitingUpTo(newest);
        _line.AddPlaceholders(waiting);

        return (left, waiting);
    }

    public void Dispose()
    {
        _reading.Dispose();
        _line.Dispose();
    }

    private bool TryTakeMemory()
    {
        if (Interlocked.Increment(ref _inMemory) <= memoryCapacity)
        {
            return true;
        }

        Interlocked.Decrement(ref _inMemory);
        return false;
    }

    private void RaiseWaitingUpTo(long id)
    {
        long seen;
        while (id > (seen = Volatile.Read(ref _waitingUpTo)) && Interlocked.CompareExchange(ref _waitingUpTo, id, seen) != seen)
        {
        }
    }

    private void ReleaseMemory(bool inMemory)
    {
        if (inMemory)
        {
            Interlocked.Decrement(ref _inMemory);
        }
    }

    private async Task<T?> ReadBackAsync(CancellationToken ct)
    {
        await _reading.WaitAsync(ct);
        try
        {
            while (!_readBack.TryPeek(out _))
            {
                // A placeholder is queued only once its item is committed and counted in the bound,
                // and one writer commits in id order, so the pages always reach the placeholder's own item.
                if (await PageAsync(ct) is not { Count: > 0 } page)
                {
                    return null;
                }

                foreach (var row in page)
                {
                    _readUpTo = row.Id;
                    if (await ReadAsync(row, ct) is { } item)
                    {
                        _readBack.Enqueue(item);
                    }
                }
            }

            return _readBack.Dequeue();
        }
        finally
        {
            _reading.Release();
        }
    }

    /// <summary>The next page of waiting rows; a database that is away is asked again until it answers, as the worker has nothing else to do.</summary>
    private async Task<IReadOnlyList<QueuedInbound>> PageAsync(CancellationToken ct)
    {
        while (true)
        {
            try
            {
                return await store.PendingAsync(Waiting, _readUpTo, Volatile.Read(ref _waitingUpTo), PageSize, ct);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogWarning(e, "Could not read waiting {Queue} work back from the database; trying again in {Pause} s", queue, RetryPause.TotalSeconds);
                await Task.Delay(RetryPause, ct);
            }
        }
    }

    /// <summary>A stored row as work; null when there is nothing to do (forgotten) or it cannot be read (logged and left stored).</summary>
    private async Task<T?> ReadAsync(QueuedInbound row, CancellationToken ct)
    {
        try
        {
            if (read(row) is { } item)
            {
                return item;
            }

            await store.RemoveAsync(row.Id, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // One unreadable row must not stop the worker; it stays stored for an admin to look at.
            log.LogError(e, "Stored {Queue} work {StoredId} from {ReceivedAt} cannot be handled and is skipped", queue, row.Id, row.ReceivedAt);
        }

        return null;
    }
}
