using System.Collections.Concurrent;
using System.Text.Json;
using ProductOps.Storage.Inbound;

namespace ProductOps.Bot.Pipeline;

/// <summary>One piece of inbound work with the id of its stored copy.</summary>
public sealed record Queued<T>(long Id, T Item);

/// <summary>
/// Inbound work backed by <see cref="SqlInboundBacklog"/>: each item is stored before the platform
/// is acknowledged and removed once handled, so work interrupted by a crash or restart is handled
/// when the bot starts again instead of being lost. Up to <c>capacity</c> items wait, the first
/// <c>memoryCapacity</c> in memory and the rest in the database (<see cref="WaitingLine{T}"/>);
/// beyond that the endpoint waits for room rather than fill the disk.
/// </summary>
public sealed class DurableBacklog<T> : IDisposable
{
    private readonly string _queue;
    private readonly SqlInboundBacklog _store;
    private readonly JsonSerializerOptions _json;
    private readonly WaitingLine<Queued<T>> _line;
    private readonly SemaphoreSlim _room;

    // Items enqueued by this process; anything else stored is left over from before a restart.
    private readonly ConcurrentDictionary<long, byte> _live = new();

    public DurableBacklog(string queue, SqlInboundBacklog store, JsonSerializerOptions json, int capacity = 200_000, int memoryCapacity = 1000)
    {
        _queue = queue;
        _store = store;
        _json = json;
        // No ceiling on releases: items left from before a restart take room without waiting for it.
        _room = new SemaphoreSlim(capacity, int.MaxValue);
        _line = new WaitingLine<Queued<T>>(store, queue, memoryCapacity, ReadBackAsync);
    }

    /// <summary>Where the items that did not fit in memory are stored.</summary>
    public string Waiting => _line.Waiting;

    public ValueTask EnqueueAsync(T item, CancellationToken ct) => new(AddAsync(item, null, ct));

    /// <summary>Stores and queues the item unless its delivery key was seen before; false for a repeat.</summary>
    public ValueTask<bool> EnqueueUnlessSeenAsync(T item, string deliveryKey, CancellationToken ct) => new(AddAsync(item, deliveryKey, ct));

    /// <summary>Work left from before a restart first, then new work in the order it arrived.</summary>
    public async IAsyncEnumerable<Queued<T>> ReadAllAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        foreach (var left in await _store.PendingAsync(_queue, ct))
        {
            if (!_live.ContainsKey(left.Id) && Read(left) is { } queued)
            {
                _room.Wait(0, CancellationToken.None);
                yield return queued;
            }
        }

        var waiting = await _line.RecoverAsync(ct);
        for (var i = 0; i < waiting; i++)
        {
            _room.Wait(0, CancellationToken.None);
        }

        while (true)
        {
            if (await _line.NextAsync(ct) is { } next)
            {
                yield return next;
            }
            else
            {
                // A placeholder with nothing left to read (counted twice after a restart).
                _room.Release();
            }
        }
    }

    /// <summary>Handled (or failed in a way a retry would not fix): forget the stored copy.</summary>
    public async Task CompleteAsync(long id, CancellationToken ct)
    {
        await _store.RemoveAsync(id, ct);
        _live.TryRemove(id, out _);
        _room.Release();
    }

    public void Dispose()
    {
        _line.Dispose();
        _room.Dispose();
    }

    private async Task<bool> AddAsync(T item, string? deliveryKey, CancellationToken ct)
    {
        await _room.WaitAsync(ct);
        var inMemory = _line.TryTakeMemory();
        long? id;
        try
        {
            var queue = inMemory ? _queue : _line.Waiting;
            var payload = JsonSerializer.Serialize(item, _json);
            id = deliveryKey is null ? await _store.AddAsync(queue, payload, ct) : await _store.AddUnlessSeenAsync(queue, payload, deliveryKey, ct);
        }
        catch (Exception)
        {
            Release(inMemory);
            throw;
        }

        if (id is not { } stored)
        {
            Release(inMemory);
            return false;
        }

        if (inMemory)
        {
            _live[stored] = 0;
            _line.Add(new Queued<T>(stored, item));
        }
        else
        {
            _line.AddWaiting();
        }

        return true;
    }

    private void Release(bool inMemory)
    {
        _room.Release();
        if (inMemory)
        {
            _line.ReleaseMemory();
        }
    }

    private async Task<Queued<T>?> ReadBackAsync(QueuedInbound row, CancellationToken ct)
    {
        if (Read(row) is { } queued)
        {
            return queued;
        }

        await _store.RemoveAsync(row.Id, ct);
        return null;
    }

    private Queued<T>? Read(QueuedInbound row) =>
        JsonSerializer.Deserialize<T>(row.Payload, _json) is { } item ? new Queued<T>(row.Id, item) : null;
}
