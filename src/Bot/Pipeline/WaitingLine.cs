using System.Threading.Channels;
using ProductOps.Storage.Inbound;

namespace ProductOps.Bot.Pipeline;

/// <summary>
/// The order in which stored inbound work is handled, for bursts larger than memory should hold.
/// The first <c>memoryCapacity</c> items wait in memory; the rest are stored under
/// <see cref="Waiting"/> and keep their place in line with a placeholder, and are read back from the
/// database in pages when their turn comes.
/// </summary>
/// <param name="store">Where the items are stored.</param>
/// <param name="queue">The items' queue name; the waiting ones are stored under <see cref="Waiting"/>.</param>
/// <param name="memoryCapacity">How many items may wait in memory.</param>
/// <param name="read">Turns a stored row back into work; null for a row with nothing to do, which it forgets.</param>
public sealed class WaitingLine<T>(SqlInboundBacklog store, string queue, int memoryCapacity, Func<QueuedInbound, CancellationToken, Task<T?>> read) : IDisposable
    where T : class
{
    private const int PageSize = 32;

    // Null stands in line for one item waiting in the database.
    private readonly Channel<T?> _line = Channel.CreateUnbounded<T?>(new UnboundedChannelOptions { SingleReader = false, SingleWriter = false });
    private readonly Queue<T> _readBack = new();
    private readonly SemaphoreSlim _reading = new(1, 1);
    private long _readUpTo;
    private int _inMemory;

    /// <summary>The queue name of the items that did not fit in memory.</summary>
    public string Waiting { get; } = queue + ".waiting";

    /// <summary>Takes a place in memory for an item about to be stored; false when it is to wait in the database.</summary>
    public bool TryTakeMemory()
    {
        if (Interlocked.Increment(ref _inMemory) <= memoryCapacity)
        {
            return true;
        }

        Interlocked.Decrement(ref _inMemory);
        return false;
    }

    /// <summary>Gives back a place taken for an item that was not stored after all.</summary>
    public void ReleaseMemory() => Interlocked.Decrement(ref _inMemory);

    /// <summary>Queues an item that holds a place in memory.</summary>
    public void Add(T item) => _line.Writer.TryWrite(item);

    /// <summary>
    /// Queues a small item that is not stored and must not be refused (an answer already computed),
    /// taking a place in memory even beyond the capacity.
    /// </summary>
    public void AddUnstored(T item)
    {
        Interlocked.Increment(ref _inMemory);
        _line.Writer.TryWrite(item);
    }

    /// <summary>Queues the placeholder of an item stored under <see cref="Waiting"/>; call once it is committed.</summary>
    public void AddWaiting() => _line.Writer.TryWrite(null);

    /// <summary>
    /// After a restart, a placeholder for every item left waiting in the database; returns how many.
    /// One counted twice (stored just now, with its own placeholder) later finds nothing to read.
    /// </summary>
    public async Task<int> RecoverAsync(CancellationToken ct)
    {
        var waiting = await store.CountAsync(Waiting, ct);
        for (var i = 0; i < waiting; i++)
        {
            AddWaiting();
        }

        return waiting;
    }

    /// <summary>The next item in line, waiting while there is none; null when a placeholder found nothing left to read.</summary>
    public async ValueTask<T?> NextAsync(CancellationToken ct)
    {
        if (await _line.Reader.ReadAsync(ct) is { } item)
        {
            ReleaseMemory();
            return item;
        }

        return await ReadBackAsync(ct);
    }

    public void Dispose() => _reading.Dispose();

    private async Task<T?> ReadBackAsync(CancellationToken ct)
    {
        await _reading.WaitAsync(ct);
        try
        {
            while (!_readBack.TryPeek(out _))
            {
                // A placeholder is queued only once its item is committed, and one writer commits in
                // id order, so the pages always reach the placeholder's own item.
                var page = await store.PendingAsync(Waiting, _readUpTo, PageSize, ct);
                if (page.Count == 0)
                {
                    return null;
                }

                foreach (var row in page)
                {
                    _readUpTo = row.Id;
                    if (await read(row, ct) is { } work)
                    {
                        _readBack.Enqueue(work);
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
}
