using System.Collections.Concurrent;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.Extensions.Options;
using ProductOps.Bot.Slack.Requests;
using ProductOps.Skills.Conversation;
using ProductOps.Storage.Inbound;

namespace ProductOps.Bot.Slack;

/// <summary>
/// One piece of background work: a turn to run and answer, or (when <see cref="Response"/> is set)
/// the already-computed answer of a turn that ran inside its acknowledgement. <see cref="StoredId"/>
/// names the stored copy of the request, removed once the work is done.
/// </summary>
public sealed record SlackWork(SlackTurn Turn, Response? Response = null, long? StoredId = null);

/// <summary>What became of a request offered to the inbox.</summary>
public enum InboxAnswer
{
    Queued,

    /// <summary>The inbox is full; nothing was stored.</summary>
    Full,

    /// <summary>The same event was stored before (Slack sent it again): nothing more to do.</summary>
    Repeated,
}

/// <summary>A verified Slack request as received, kept until its turn has run so a crash loses nothing.</summary>
public sealed record StoredSlackRequest(SlashCommand? Command = null, EventEnvelope? Event = null, InteractionPayload? Interaction = null);

/// <summary>
/// Between acknowledging a request and running its turn. Each request is stored before Slack gets
/// its 200 and removed when its turn has run; what is left at start-up is run then. Bounded, so a
/// flood cannot exhaust memory: a full inbox turns requests away instead.
/// </summary>
public sealed class SlackInbox(IOptions<SlackOptions> options, SqlInboundBacklog store)
{
    public const string Queue = "slack";

    private readonly Channel<SlackWork> _channel = Channel.CreateBounded<SlackWork>(new BoundedChannelOptions(options.Value.QueueCapacity)
    {
        FullMode = BoundedChannelFullMode.Wait,
        SingleReader = false,
        SingleWriter = false,
    });

    // Requests stored by this process; any other stored request is left over from before a restart.
    private readonly ConcurrentDictionary<long, byte> _live = new();

    private int _count;

    public ChannelReader<SlackWork> Reader => _channel.Reader;

    /// <summary>
    /// Stores the request and queues its turn. An event is marked seen in the same transaction, so
    /// Slack's retries of it are never stored: each runs once, across crashes and restarts too.
    /// When full, nothing is stored and the caller tells Slack to come back later.
    /// </summary>
    public async Task<InboxAnswer> TryEnqueueAsync(SlackTurn turn, StoredSlackRequest request, CancellationToken ct)
    {
        if (Interlocked.Increment(ref _count) > options.Value.QueueCapacity)
        {
            Interlocked.Decrement(ref _count);
            return InboxAnswer.Full;
        }

        long id;
        try
        {
            var payload = JsonSerializer.Serialize(request, SlackJson.Options);
            if ((turn.Context.DedupeKey is { } key ? await store.AddUnlessSeenAsync(Queue, payload, key, ct) : await store.AddAsync(Queue, payload, ct)) is not { } stored)
            {
                Interlocked.Decrement(ref _count);
                return InboxAnswer.Repeated;
            }

            id = stored;
        }
        catch (Exception)
        {
            // Nothing was stored (the database is away, say): the place is free again, or the inbox would fill for good.
            Interlocked.Decrement(ref _count);
            throw;
        }

        _live[id] = 0;
        if (!_channel.Writer.TryWrite(new SlackWork(turn, StoredId: id)))
        {
            Interlocked.Decrement(ref _count);
            _live.TryRemove(id, out _);
            await store.RemoveAsync(id, ct);
            return InboxAnswer.Full;
        }

        return InboxAnswer.Queued;
    }

    /// <summary>Queues an answer computed inside an acknowledgement; false when the inbox is full.</summary>
    public bool TryEnqueue(SlackWork work)
    {
        if (Interlocked.Increment(ref _count) > options.Value.QueueCapacity || !_channel.Writer.TryWrite(work))
        {
            Interlocked.Decrement(ref _count);
            return false;
        }

        return true;
    }

    /// <summary>The work is done (or failed for good): forget its stored request.</summary>
    public async Task CompleteAsync(SlackWork work, CancellationToken ct)
    {
        Interlocked.Decrement(ref _count);
        if (work.StoredId is { } id)
        {
            await store.RemoveAsync(id, ct);
            _live.TryRemove(id, out _);
        }
    }

    /// <summary>Requests acknowledged before a crash or restart whose turns never finished; each now counts as queued work.</summary>
    public async Task<IReadOnlyList<(long Id, StoredSlackRequest Request)>> LeftOverAsync(CancellationToken ct)
    {
        var left = (await store.PendingAsync(Queue, ct))
            .Where(p => !_live.ContainsKey(p.Id))
            .Select(p => (p.Id, JsonSerializer.Deserialize<StoredSlackRequest>(p.Payload, SlackJson.Options)!))
            .ToArray();
        Interlocked.Add(ref _count, left.Length);
        return left;
    }

    /// <summary>A left-over request with nothing to run: forget it.</summary>
    public async Task ForgetAsync(long id, CancellationToken ct)
    {
        Interlocked.Decrement(ref _count);
        await store.RemoveAsync(id, ct);
    }
}
