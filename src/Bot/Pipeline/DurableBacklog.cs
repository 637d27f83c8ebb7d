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
/// beyond that the endpoint waits for room rather than fill the disk, and tells
/// <c>acknowledgements</c> so that turns, which make the room, are not held back meanwhile.
/// </summary>
public sealed class DurableBacklog<T> : IDisposable
{
    private readonly JsonSerializerOptions _json;
    private readonly WaitingLine<Queued<T>> _line;
    private readonly SemaphoreSlim _room;
    private readonly AcknowledgementsFirst? _acknowledgements;

    public DurableBacklog(
        string queue,
        SqlInboundBacklog store,
        JsonSerializerOptions json,
        ILogger log,
        int capacity = 200_000,
        int memoryCapacity = 1000,
        AcknowledgementsFirst? acknowledgements = null)
    {
        _json = json;
        _acknowledgements = acknowledgements;
        // No ceiling on releases: items left from before a restart take room without waiting for it.
        _room = new SemaphoreSlim(capacity, int.MaxValue);
        _line = new WaitingLine<Queued<T>>(store, queue, memoryCapacity, Read, log);
    }

    /// <summary>Where the items that did not fit in memory are stored.</summary>
    public string Waiting => _line.Waiting;

    /// <summary>
    /// Stores the item as <paramref name="json"/>, the JSON it arrived as (it must read back as the
    /// item), and queues it: stored as it came, nothing is lost and nothing is serialised again.
    /// </summary>
    public ValueTask EnqueueAsync(T item, string json, CancellationToken ct) => new(AddAsync(item, json, null, ct));

    /// <summary>Stores and queues the item unless its delivery key was seen before; false for a repeat.</summary>
    public ValueTask<bool> EnqueueUnlessSeenAsync(T item, string json, string deliveryKey, CancellationToken ct) => new(AddAsync(item, json, deliveryKey, ct));

    /// <summary>Work left from before a restart first, then new work in the order it arrived.</summary>
    public async IAsyncEnumerable<Queued<T>> ReadAllAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        var (left, waiting) = await _line.RecoverAsync(ct);
        for (var i = 0; i < left.Count + waiting; i++)
        {
            _room.Wait(0, CancellationToken.None);
        }

        foreach (var queued in left)
        {
            yield return queued;
        }

        while (true)
        {
            if (await _line.NextAsync(ct) is { } next)
            {
                yield return next;
            }
            else
            {
                // A placeholder with nothing left to read (forgotten, or counted twice after a restart).
                _room.Release();
            }
        }
    }

    /// <summary>
    /// Handled (or failed in a way a retry would not fix): forget the stored copy. Completes once it
    /// is removed, which callers need not wait for (<see cref="WaitingLine{T}.CompleteAsync"/>).
    /// </summary>
    public async Task CompleteAsync(long id)
    {
        await _line.CompleteAsync(id);
        _room.Release();
    }

    public void Dispose()
    {
        _line.Dispose();
        _room.Dispose();
    }

    private async Task<bool> AddAsync(T item, string json, string? deliveryKey, CancellationToken ct)
    {
        if (!_room.Wait(0, CancellationToken.None))
        {
            // Full: only turns make room, so they must not be held back behind this request.
            using (_acknowledgements?.WaitForRoom())
            {
                await _room.WaitAsync(ct);
            }
        }

        long? id;
        try
        {
            id = await _line.StoreAsync(json, deliveryKey, stored => new Queued<T>(stored, item), ct);
        }
        catch (Exception)
        {
            _room.Release();
            throw;
        }

        if (id is null)
        {
            _room.Release();
            return false;
        }

        return true;
    }

    private Queued<T>? Read(QueuedInbound row) =>
        JsonSerializer.Deserialize<T>(row.Payload, _json) is { } item ? new Queued<T>(row.Id, item) : null;
}
