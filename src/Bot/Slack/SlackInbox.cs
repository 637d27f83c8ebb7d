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

/// <summary>
/// A verified Slack request as received, kept until its turn has run so a crash loses nothing. A slash
/// command posted over HTTP is kept as the form Slack sent, less its verification token
/// (<see cref="CommandForm"/>): one string is written faster than the command's fields, on every acknowledgement.
/// </summary>
public sealed record StoredSlackRequest(SlashCommand? Command = null, EventEnvelope? Event = null, InteractionPayload? Interaction = null, string? CommandForm = null);

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
    private readonly SlackBot _bot;
    private readonly WaitingLine<SlackWork> _line;

    private int _count;

    public SlackInbox(IOptions<SlackOptions> options, SqlInboundBacklog store, SlackBot bot, ILogger<SlackInbox> log, int memoryCapacity = 1000)
    {
        _options = options.Value;
        _bot = bot;
        _line = new WaitingLine<SlackWork>(store, Queue, memoryCapacity, Read, log);
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

        long? id;
        try
        {
            id = await _line.StoreAsync(JsonSerializer.Serialize(request, SlackJson.Options), turn.Context.DedupeKey, stored => new SlackWork(turn, StoredId: stored), ct);
        }
        catch (Exception)
        {
            // Nothing was stored (the database is away, say): the place is free again, or the inbox would fill for good.
            Interlocked.Decrement(ref _count);
            throw;
        }

        if (id is null)
        {
            Interlocked.Decrement(ref _count);
            return InboxAnswer.Repeated;
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

    /// <summary>
    /// The work is done (or failed for good): forget its stored request. Completes once it is
    /// removed, which the worker need not wait for (<see cref="WaitingLine{T}.CompleteAsync"/>).
    /// </summary>
    public Task CompleteAsync(SlackWork work)
    {
        Interlocked.Decrement(ref _count);
        return work.StoredId is { } id ? _line.CompleteAsync(id) : Task.CompletedTask;
    }

    /// <summary>
    /// Requests acknowledged before a crash or restart whose turns never finished; each now counts as
    /// queued work. Those that were in memory are returned to run first; those that were waiting
    /// in the database take their place in line as before.
    /// </summary>
    public async Task<IReadOnlyList<SlackWork>> LeftOverAsync(CancellationToken ct)
    {
        var (left, waiting) = await _line.RecoverAsync(ct);
        Interlocked.Add(ref _count, left.Count + waiting);
        return left;
    }

    public void Dispose() => _line.Dispose();

    /// <summary>A stored request as work for a worker, translated again as it was when it arrived; null when there is nothing to run.</summary>
    private SlackWork? Read(QueuedInbound row)
    {
        SlackTranslation translation = JsonSerializer.Deserialize<StoredSlackRequest>(row.Payload, SlackJson.Options) switch
        {
            { Command: { } command } => SlackInbound.FromCommand(command),
            { CommandForm: { } form } => SlackInbound.FromCommand(SlashCommand.FromForm(SlackForm.Parse(form))),
            { Event: { } envelope } => SlackInbound.FromEvent(envelope, _bot.UserId),
            { Interaction: { } payload } => SlackInbound.FromInteraction(payload),
            _ => new SlackIgnored("an empty stored request"),
        };
        return translation is SlackTurn turn ? new SlackWork(turn, StoredId: row.Id) : null;
    }
}
