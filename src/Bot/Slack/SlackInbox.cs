using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.Extensions.Options;
using ProductOps.Bot.Pipeline;
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
/// its 200 and removed when its turn has run; what is left at start-up is run then.
/// </summary>
/// <remarks>
/// A burst can be far larger than memory should hold: up to <see cref="SlackOptions.QueueCapacity"/>
/// requests wait, the first <c>memoryCapacity</c> in memory and the rest in the database
/// (<see cref="WaitingLine{T}"/>). Beyond the capacity, requests are turned away.
/// </remarks>
public sealed class SlackInbox : IDisposable
{
    public const string Queue = "slack";

    private readonly SlackOptions _options;
    private readonly SqlInboundBacklog _store;
    private readonly SlackBot _bot;
    private readonly WaitingLine<SlackWork> _line;

    // Requests stored by this process under Queue; any other stored there is left over from before a restart.
    private readonly ConcurrentDictionary<long, byte> _live = new();

    private int _count;

    public SlackInbox(IOptions<SlackOptions> options, SqlInboundBacklog store, SlackBot bot, int memoryCapacity = 1000)
    {
        _options = options.Value;
        _store = store;
        _bot = bot;
        _line = new WaitingLine<SlackWork>(store, Queue, memoryCapacity, ReadBackAsync);
    }

    /// <summary>Where the requests that did not fit in memory are stored.</summary>
    public string Waiting => _line.Waiting;

    /// <summary>
    /// Stores the request and queues its turn. An event is marked seen in the same transaction, so
    /// Slack's retries of it are never stored: each runs once, across crashes and restarts too.
    /// When full, nothing is stored and the caller tells Slack to come back later.
    /// </summary>
    public async Task<InboxAnswer> TryEnqueueAsync(SlackTurn turn, StoredSlackRequest request, CancellationToken ct)
    {
        if (Interlocked.Increment(ref _count) > _options.QueueCapacity)
        {
            Interlocked.Decrement(ref _count);
            return InboxAnswer.Full;
        }

        var inMemory = _line.TryTakeMemory();
        var queue = inMemory ? Queue : _line.Waiting;
        long id;
        try
        {
            var payload = JsonSerializer.Serialize(request, SlackJson.Options);
            if ((turn.Context.DedupeKey is { } key ? await _store.AddUnlessSeenAsync(queue, payload, key, ct) : await _store.AddAsync(queue, payload, ct)) is not { } stored)
            {
                Release(inMemory);
                return InboxAnswer.Repeated;
            }

            id = stored;
        }
        catch (Exception)
        {
            // Nothing was stored (the database is away, say): the place is free again, or the inbox would fill for good.
            Release(inMemory);
            throw;
        }

        if (inMemory)
        {
            _live[id] = 0;
            _line.Add(new SlackWork(turn, StoredId: id));
        }
        else
        {
            _line.AddWaiting();
        }

        return InboxAnswer.Queued;
    }

    /// <summary>
    /// Queues an answer computed inside an acknowledgement, even while a burst fills memory (it is
    /// small, and there is no request to ask Slack to send again); false when the inbox is full.
    /// </summary>
    public bool TryEnqueue(SlackWork work)
    {
        if (Interlocked.Increment(ref _count) > _options.QueueCapacity)
        {
            Interlocked.Decrement(ref _count);
            return false;
        }

        _line.AddUnstored(work);
        return true;
    }

    /// <summary>The next piece of work, in the order the requests arrived; waits while there is none.</summary>
    public async ValueTask<SlackWork> NextAsync(CancellationToken ct)
    {
        while (true)
        {
            if (await _line.NextAsync(ct) is { } work)
            {
                return work;
            }

            // A placeholder with nothing left to read: its request was forgotten, or counted twice.
            Interlocked.Decrement(ref _count);
        }
    }

    /// <summary>The work is done (or failed for good): forget its stored request.</summary>
    public async Task CompleteAsync(SlackWork work, CancellationToken ct)
    {
        Interlocked.Decrement(ref _count);
        if (work.StoredId is { } id)
        {
            await _store.RemoveAsync(id, ct);
            _live.TryRemove(id, out _);
        }
    }

    /// <summary>
    /// Requests acknowledged before a crash or restart whose turns never finished; each now counts as
    /// queued work. Those that were in memory are returned to run first; those that were waiting
    /// in the database take their place in line as before.
    /// </summary>
    public async Task<IReadOnlyList<SlackWork>> LeftOverAsync(CancellationToken ct)
    {
        var left = new List<SlackWork>();
        foreach (var row in await _store.PendingAsync(Queue, ct))
        {
            if (!_live.ContainsKey(row.Id) && await ReadBackAsync(row, ct) is { } work)
            {
                Interlocked.Increment(ref _count);
                left.Add(work);
            }
        }

        Interlocked.Add(ref _count, await _line.RecoverAsync(ct));
        return left;
    }

    public void Dispose() => _line.Dispose();

    private void Release(bool inMemory)
    {
        Interlocked.Decrement(ref _count);
        if (inMemory)
        {
            _line.ReleaseMemory();
        }
    }

    /// <summary>A stored request as work for a worker; one with nothing to run is forgotten.</summary>
    private async Task<SlackWork?> ReadBackAsync(QueuedInbound row, CancellationToken ct)
    {
        var request = JsonSerializer.Deserialize<StoredSlackRequest>(row.Payload, SlackJson.Options)!;
        if (Translate(request) is SlackTurn turn)
        {
            return new SlackWork(turn, StoredId: row.Id);
        }

        await _store.RemoveAsync(row.Id, ct);
        return null;
    }

    /// <summary>Translates a stored request again, as it was when it arrived.</summary>
    private SlackTranslation Translate(StoredSlackRequest request) => request switch
    {
        { Command: { } command } => SlackInbound.FromCommand(command),
        { Event: { } envelope } => SlackInbound.FromEvent(envelope, _bot.UserId),
        { Interaction: { } payload } => SlackInbound.FromInteraction(payload),
        _ => new SlackIgnored("an empty stored request"),
    };
}
