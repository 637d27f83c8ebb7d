using System.Text.Json.Nodes;
using ProductOps.Bot.Pipeline;
using ProductOps.Bot.Slack.Rendering;
using ProductOps.Bot.Slack.Requests;
using ProductOps.Skills.Conversation;

namespace ProductOps.Bot.Slack;

/// <summary>What to answer Slack: a status and, where Slack reads one, a JSON body or the URL challenge.</summary>
public sealed record SlackAck(int Status, JsonObject? Body = null, string? Challenge = null)
{
    public static readonly SlackAck Ok = new(StatusCodes.Status200OK);
}

/// <summary>
/// Where verified payloads enter, from HTTP and Socket Mode alike: translate, enqueue, acknowledge.
/// The one exception is a modal submission, which Slack wants judged inside the acknowledgement
/// (errors under the fields, or close): its turn runs here, within a budget below Slack's 3 s.
/// </summary>
public sealed class SlackIngress(
    SlackInbox queue,
    SlackBot bot,
    SlackTurns turns,
    SlackResponder responder,
    IHostApplicationLifetime lifetime,
    TimeProvider clock,
    ILogger<SlackIngress> log)
{
    /// <summary>How long a submission's turn may run before the modal is closed and the answer follows as a message.</summary>
    public static readonly TimeSpan SubmissionBudget = TimeSpan.FromMilliseconds(2500);

    private long _lastBusyLog;

    /// <summary>A slash command; <paramref name="form"/> is the form it was read from, when it came over HTTP.</summary>
    public Task<SlackAck> CommandAsync(SlashCommand command, string? form = null) =>
        AcceptAsync(SlackInbound.FromCommand(command), form is null ? new StoredSlackRequest(Command: command) : new StoredSlackRequest(CommandForm: form), "command " + command.Command);

    public Task<SlackAck> EventAsync(EventEnvelope envelope) =>
        AcceptAsync(SlackInbound.FromEvent(envelope, bot.UserId), new StoredSlackRequest(Event: envelope), "event " + envelope.EventId);

    public async Task<SlackAck> InteractionAsync(InteractionPayload payload)
    {
        var translation = SlackInbound.FromInteraction(payload);
        if (translation is SlackTurn { Inbound: FormSubmission } submission)
        {
            return await SubmitAsync(submission);
        }

        return await AcceptAsync(translation, new StoredSlackRequest(Interaction: payload), "interaction " + payload.Type);
    }

    private async Task<SlackAck> AcceptAsync(SlackTranslation translation, StoredSlackRequest request, string what)
    {
        switch (translation)
        {
            case SlackChallenge challenge:
                return new SlackAck(StatusCodes.Status200OK, Challenge: challenge.Challenge);
            case SlackIgnored ignored:
                log.LogDebug("Slack {What} ignored: {Reason}", what, ignored.Reason);
                return SlackAck.Ok;
            case SlackInvalid invalid:
                log.LogWarning("Slack {What} refused: {Reason}", what, invalid.Reason);
                return new SlackAck(StatusCodes.Status400BadRequest);
            case SlackTurn turn:
                return await queue.TryEnqueueAsync(turn, request, lifetime.ApplicationStopping) switch
                {
                    InboxAnswer.Queued => SlackAck.Ok,
                    InboxAnswer.Repeated => Repeated(what),
                    _ => Full(turn, what),
                };
            default:
                throw new ArgumentOutOfRangeException(nameof(translation), translation.GetType().Name, "Unknown translation.");
        }
    }

    private SlackAck Repeated(string what)
    {
        log.LogInformation("Skipped repeated Slack delivery of {What}", what);
        return SlackAck.Ok;
    }

    private SlackAck Full(SlackTurn turn, string what)
    {
        // Once per second at most: under a flood, one line per refused request would add to the load.
        var last = Interlocked.Read(ref _lastBusyLog);
        if (clock.GetElapsedTime(last) > TimeSpan.FromSeconds(1) && Interlocked.CompareExchange(ref _lastBusyLog, clock.GetTimestamp(), last) == last)
        {
            log.LogWarning("Slack work queue full; turning requests away (latest: {What} from {UserId})", what, turn.Context.UserId);
        }

        return Busy(turn);
    }

    private async Task<SlackAck> SubmitAsync(SlackTurn turn)
    {
        // The turn must not be cancelled when Slack hangs up: a late answer is still delivered as a message.
        var ct = lifetime.ApplicationStopping;
        var run = turns.RespondAsync(turn, ct);
        if (await Task.WhenAny(run, Task.Delay(SubmissionBudget, clock, ct)) != run)
        {
            log.LogWarning("Form submission by {UserId} took over {Budget} ms; closing the form and answering by message", turn.Context.UserId, SubmissionBudget.TotalMilliseconds);
            _ = DeliverLateAsync(turn, run);
            return new SlackAck(StatusCodes.Status200OK, new JsonObject { ["response_action"] = "clear" });
        }

        var response = await run;
        if (response.FieldErrors.Count > 0)
        {
            return new SlackAck(StatusCodes.Status200OK, BlockKitRenderer.Errors(response.FieldErrors));
        }

        if (response.Form is { } next)
        {
            var modal = await responder.ModalAsync(turn.Context, next, ct);
            Enqueue(turn, response with { Form = null });
            return modal is null
                ? new SlackAck(StatusCodes.Status200OK, new JsonObject { ["response_action"] = "clear" })
                : new SlackAck(StatusCodes.Status200OK, new JsonObject { ["response_action"] = "update", ["view"] = modal });
        }

        Enqueue(turn, response);
        return new SlackAck(StatusCodes.Status200OK, new JsonObject { ["response_action"] = "clear" });
    }

    /// <summary>Sends a late submission's answer as a message; a failure is logged and the person told, as nobody awaits this.</summary>
    private async Task DeliverLateAsync(SlackTurn turn, Task<Response> run)
    {
        Response response;
        try
        {
            response = await run;
        }
        catch (OperationCanceledException)
        {
            log.LogInformation("Shutting down before a late form submission by {UserId} was answered", turn.Context.UserId);
            return;
        }
#pragma warning disable CA1031 // The skill's own failures are answered by the turn runner; this catches what fails around it (the person's details, the database).
        catch (Exception e)
#pragma warning restore CA1031
        {
            var reference = TurnRunner.NewReference();
            log.LogError(e, "Late form submission by {UserId} in {TeamId} failed with reference {Reference}", turn.Context.UserId, turn.Context.TeamId, reference);
            response = Response.Say(Markup.Of(
                $"Something went wrong on my side and your form was not handled. Please submit it again; if it happens again, give an admin the reference {Md.Code(reference)}."));
        }

        Enqueue(turn, response);
    }

    private void Enqueue(SlackTurn turn, Response response)
    {
        if (response.Replies.Count == 0 && response.Form is null && response.FieldErrors.Count == 0)
        {
            return;
        }

        if (!queue.TryEnqueue(new SlackWork(turn, response)))
        {
            log.LogWarning("Slack queue full; the replies to a form submission by {UserId} were dropped", turn.Context.UserId);
        }
    }

    /// <summary>Commands show the ack body to the person; events and others are asked to come back (Slack retries them).</summary>
    private static SlackAck Busy(SlackTurn turn) => turn.Inbound is CommandInbound
        ? new SlackAck(StatusCodes.Status200OK, new JsonObject { ["response_type"] = "ephemeral", ["text"] = "ProductOps is very busy right now. Please try again in a minute." })
        : new SlackAck(StatusCodes.Status503ServiceUnavailable);
}
