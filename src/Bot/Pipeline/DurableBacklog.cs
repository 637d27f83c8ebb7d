using System.Collections.Concurrent;
using System.Text.Json;
using System.Threading.Channels;
using ProductOps.Storage.Inbound;

namespace ProductOps.Bot.Pipeline;

/// <summary>One piece of inbound work with the id of its stored copy.</summary>
public sealed record Queued<T>(long Id, T Item);

/// <summary>
/// A bounded in-memory queue of inbound work, backed by <see cref="SqlInboundBacklog"/>: each item is
/// stored before the platform is acknowledged and removed once handled, so work interrupted by a
/// crash or restart is handled when the bot starts again instead of being lost. A full queue makes
/// the endpoint wait rather than fill memory.
/// </summary>
public sealed class DurableBacklog<T>(string queue, SqlInboundBacklog store, JsonSerializerOptions json, int capacity = 1000)
{
    private readonly Channel<Queued<T>> _channel = Channel.CreateBounded<Queued<T>>(new BoundedChannelOptions(capacity)
    {
        FullMode = BoundedChannelFullMode.Wait,
        SingleReader = false,
    });

    // Items enqueued by this process; anything else stored is left over from before a restart.
    private readonly ConcurrentDictionary<long, byte> _live = new();

    public async ValueTask EnqueueAsync(T item, CancellationToken ct)
    {
        var id = await store.AddAsync(queue, JsonSerializer.Serialize(item, json), ct);
        _live[id] = 0;
        await _channel.Writer.WriteAsync(new Queued<T>(id, item), ct);
    }

    /// <summary>Stores and queues the item unless its delivery key was seen before; false for a repeat.</summary>
    public async ValueTask<bool> EnqueueUnlessSeenAsync(T item, string deliveryKey, CancellationToken ct)
    {
        if (await store.AddUnlessSeenAsync(queue, JsonSerializer.Serialize(item, json), deliveryKey, ct) is not { } id)
        {
            return false;
        }

        _live[id] = 0;
        await _channel.Writer.WriteAsync(new Queued<T>(id, item), ct);
        return true;
    }

    /// <summary>Work left from before a restart first, then new work as it arrives.</summary>
    public async IAsyncEnumerable<Queued<T>> ReadAllAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        foreach (var left in await store.PendingAsync(queue, ct))
        {
            if (!_live.ContainsKey(left.Id) && JsonSerializer.Deserialize<T>(left.Payload, json) is { } item)
            {
                yield return new Queued<T>(left.Id, item);
            }
        }

        await foreach (var queued in _channel.Reader.ReadAllAsync(ct))
        {
            yield return queued;
        }
    }

    /// <summary>Handled (or failed in a way a retry would not fix): forget the stored copy.</summary>
    public async Task CompleteAsync(long id, CancellationToken ct)
    {
        await store.RemoveAsync(id, ct);
        _live.TryRemove(id, out _);
    }
}
