using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using ProductOps.Bot.Pipeline;
using ProductOps.Skills.Admin;
using ProductOps.Skills.Conversation;

namespace ProductOps.Bot.Teams;

/// <summary>The HTTP answer to an invoke: Teams reads the status and body as the invoke response.</summary>
public sealed record InvokeAnswer(int Status, JsonNode? Body = null)
{
    /// <summary>Handled, nothing to show (closes a dialog).</summary>
    public static readonly InvokeAnswer Empty = new(StatusCodes.Status200OK);

    public static InvokeAnswer Ok(JsonNode body) => new(StatusCodes.Status200OK, body);
}

/// <summary>
/// Invokes: Teams waits for the answer (about 5 s), so each runs its turn within
/// <see cref="TeamsOptions.InvokeBudgetSeconds"/>; a slower turn is answered with a short
/// "working on it" and its result is posted to the conversation when it is ready.
/// </summary>
public sealed class TeamsInvokes(
    TurnRunner turns,
    TeamsDirectory directory,
    TeamsReplies replies,
    CardData cards,
    IPeopleStore people,
    TeamsPeopleSearch search,
    IOptions<TeamsOptions> options,
    TimeProvider clock,
    IHostApplicationLifetime lifetime,
    ILogger<TeamsInvokes> log)
{
    public const string Execute = "adaptiveCard/action";
    public const string TaskFetch = "task/fetch";
    public const string TaskSubmit = "task/submit";
    public const string ExtensionFetch = "composeExtension/fetchTask";
    public const string ExtensionSubmit = "composeExtension/submitAction";

    private const string CardType = "application/vnd.microsoft.card.adaptive";
    private const string MessageType = "application/vnd.microsoft.activity.message";
    private const string Working = "Working on it; the answer follows in this chat.";

    public Task<InvokeAnswer> HandleAsync(Activity activity, CancellationToken ct) => activity.Name switch
    {
        Execute => ExecuteAsync(activity, ct),
        TaskFetch => FetchAsync(activity, ct),
        TaskSubmit => SubmitAsync(activity, inExtension: false, ct),
        ExtensionFetch => ExtensionFetchAsync(activity, ct),
        ExtensionSubmit => ExtensionSubmitAsync(activity, ct),
        TeamsPeopleSearch.Invoke => search.AnswerAsync(activity, ct),

        // A legacy Bot Framework card action carries no name, and ProductOps cards never send one; other
        // invokes are features ProductOps does not offer. Both get an empty 200; a 5xx reads as the bot failing.
        _ => Task.FromResult(InvokeAnswer.Empty),
    };

    /// <summary>What a repeated delivery of an invoke already handled gets: a shape Teams accepts, changing nothing.</summary>
    public static InvokeAnswer Repeated(Activity activity) =>
        activity.Name == Execute ? Universal(MessageType, "Already done.") : InvokeAnswer.Empty;

    /// <summary>
    /// What an invoke that failed outside its turn gets: a shape Teams shows for its kind, with the
    /// reference of the failure's log line.
    /// </summary>
    public static InvokeAnswer Failed(Activity activity, string reference)
    {
        var text = $"Something went wrong on my side. If it happens again, give an admin the reference {reference}.";
        return activity.Name switch
        {
            Execute => Universal(MessageType, text),
            TaskFetch or TaskSubmit or ExtensionFetch or ExtensionSubmit => Message(text),
            _ => InvokeAnswer.Empty,
        };
    }

    /// <summary>Action.Execute: the button's turn, answered with the card that replaces the one pressed.</summary>
    private async Task<InvokeAnswer> ExecuteAsync(Activity activity, CancellationToken ct)
    {
        var action = Property(activity.Value, "action");
        var data = Property(action, "data");
        var (actionId, value) = CardData.ReadAction(data) ?? (Text(Property(action, "verb")) ?? "", null);
        return await RunAsync(
            activity,
            user => new ActionInbound(user, TeamsInbound.Where(activity), actionId, value, activity.ReplyToId),
            response =>
            {
                if (response.Replies.FirstOrDefault(r => r.Visibility != Visibility.DirectMessage) is { } shown)
                {
                    DeliverRest(activity, response with { Replies = Except(response.Replies, shown) });
                    return Task.FromResult(Universal(CardType, AdaptiveCardRenderer.Render(shown).AsNode()));
                }

                if (response.Form is { } form)
                {
                    DeliverRest(activity, response with { Form = null });
                    return Task.FromResult(Universal(CardType, AdaptiveCardRenderer.RenderFormLauncher(form, cards.OpenForm(form)).AsNode()));
                }

                DeliverRest(activity, response);
                return Task.FromResult(Universal(MessageType, "Done."));
            },
            Universal(MessageType, Working),
            ct);
    }

    /// <summary>task/fetch from a form button: the form as a dialog. No turn runs: the form came with the button.</summary>
    private async Task<InvokeAnswer> FetchAsync(Activity activity, CancellationToken ct)
    {
        var form = cards.ReadOpenForm(Property(activity.Value, "data"));
        return form is null ? Expired() : await DialogAsync(form, FormValues.None, new Dictionary<string, string>(), ct);
    }

    /// <summary>A dialog's submit: the form's turn; field errors keep the dialog open and show under their fields.</summary>
    private async Task<InvokeAnswer> SubmitAsync(Activity activity, bool inExtension, CancellationToken ct)
    {
        var data = Property(activity.Value, "data");
        if (cards.ReadSubmittedForm(data) is not { } form)
        {
            return Expired();
        }

        var values = CardData.Values(form, data);
        return await RunAsync(
            activity,
            user => new FormSubmission(user, TeamsInbound.Where(activity), form.FormId, values, form.State),
            async response =>
            {
                if (response.FieldErrors.Count > 0)
                {
                    return await DialogAsync(form, values, response.FieldErrors, ct);
                }

                if (response.Form is { } next)
                {
                    DeliverRest(activity, response with { Form = null });
                    return await DialogAsync(next, FormValues.None, new Dictionary<string, string>(), ct);
                }

                // A message action's dialog may open where the bot is not a member: its answer shows in the dialog.
                if (inExtension && response.Replies.FirstOrDefault(r => r.Visibility == Visibility.Asker) is { } shown)
                {
                    DeliverRest(activity, response with { Replies = Except(response.Replies, shown) });
                    return Dialog(options.Value.BotName, AdaptiveCardRenderer.Render(shown));
                }

                DeliverRest(activity, response);
                return InvokeAnswer.Empty;
            },
            Message(Working),
            ct);
    }

    /// <summary>"Send to product" on a message: the shared message's turn; a form it opens becomes the dialog.</summary>
    private async Task<InvokeAnswer> ExtensionFetchAsync(Activity activity, CancellationToken ct)
    {
        if (Text(Property(activity.Value, "commandId")) is not TeamsInbound.SendToProductCommand and var command)
        {
            return Message($"ProductOps has no message action called \"{command}\".");
        }

        var shared = TeamsInbound.Shared(Property(activity.Value, "messagePayload"));
        return await RunAsync(
            activity,
            user => new MessageInbound(user, TeamsInbound.Where(activity), MessageKind.Shared, shared.Text, shared, TeamsInbound.SendToProductShortcut),
            async response =>
            {
                if (response.Form is { } form)
                {
                    DeliverRest(activity, response with { Form = null });
                    return await DialogAsync(form, FormValues.None, new Dictionary<string, string>(), ct);
                }

                if (response.Replies.FirstOrDefault(r => r.Visibility == Visibility.Asker) is { } shown)
                {
                    DeliverRest(activity, response with { Replies = Except(response.Replies, shown) });
                    return Dialog(options.Value.BotName, AdaptiveCardRenderer.Render(shown));
                }

                // Teams shows an error for a fetchTask answered without a task.
                DeliverRest(activity, response);
                return Message(response.Replies.Count > 0
                    ? "Done; the answer follows in this chat."
                    : "There is nothing to fill in for this message. Try again, or use the feedback command in a chat with ProductOps.");
            },
            Message(Working),
            ct);
    }

    private Task<InvokeAnswer> ExtensionSubmitAsync(Activity activity, CancellationToken ct) =>
        Text(Property(activity.Value, "commandId")) is not TeamsInbound.SendToProductCommand and var command
            ? Task.FromResult(Message($"ProductOps has no message action called \"{command}\"."))
            : SubmitAsync(activity, inExtension: true, ct);

    /// <summary>
    /// Runs the turn and answers with <paramref name="answer"/> inside the budget; otherwise answers
    /// <paramref name="placeholder"/> and posts the result to the conversation when the turn ends.
    /// </summary>
    private async Task<InvokeAnswer> RunAsync(
        Activity activity, Func<ChatUser, Inbound> build, Func<Response, Task<InvokeAnswer>> answer, InvokeAnswer placeholder, CancellationToken ct)
    {
        // The turn outlives the request when it is slow; only stopping the app cancels it.
        var stopping = lifetime.ApplicationStopping;
        var turn = Task.Run(
            async () =>
            {
                var user = await directory.RememberAsync(activity, stopping);
                return await turns.RunAsync(build(user), stopping);
            },
            stopping);
        var budget = Task.Delay(TimeSpan.FromSeconds(options.Value.InvokeBudgetSeconds), clock, ct);
        if (await Task.WhenAny(turn, budget) == turn)
        {
            return await answer(await turn);
        }

        log.LogWarning("Teams invoke {Name} {ActivityId} ran past its budget; answering later in the conversation", activity.Name, activity.Id);
        _ = FinishLateAsync(activity, turn);
        return placeholder;
    }

    private async Task FinishLateAsync(Activity activity, Task<Response> turn)
    {
        try
        {
            await replies.DeliverAsync(activity, await turn, lifetime.ApplicationStopping);
        }
#pragma warning disable CA1031 // Nothing awaits a late answer: a failure not logged here is never seen.
        catch (Exception e)
#pragma warning restore CA1031
        {
            log.LogError(e, "Late answer to Teams invoke {Name} {ActivityId} not delivered", activity.Name, activity.Id);
        }
    }

    /// <summary>Replies and forms the invoke answer itself does not show, posted to the conversation after answering.</summary>
    private void DeliverRest(Activity activity, Response rest)
    {
        if (rest.Replies.Count > 0 || rest.Form is not null)
        {
            _ = FinishLateAsync(activity, Task.FromResult(rest));
        }
    }

    private static Reply[] Except(IReadOnlyList<Reply> replies, Reply shown) => replies.Where(r => !ReferenceEquals(r, shown)).ToArray();

    private async Task<InvokeAnswer> DialogAsync(Form form, FormValues values, IReadOnlyDictionary<string, string> errors, CancellationToken ct)
    {
        var known = form.Inputs.Any(i => i is UserInput) ? await people.ListAsync(ct) : [];
        var card = AdaptiveCardRenderer.RenderDialog(form, cards.SubmitForm(form), values, errors, known);
        return Dialog(form.Title, card, form.Inputs.Count > 4 ? "large" : "medium");
    }

    private static InvokeAnswer Dialog(string title, CardJson card, string height = "medium") => InvokeAnswer.Ok(new JsonObject
    {
        ["task"] = new JsonObject
        {
            ["type"] = "continue",
            ["value"] = new JsonObject
            {
                ["title"] = title.Length > 64 ? title[..63] + "…" : title,
                ["height"] = height,
                ["width"] = "medium",
                ["card"] = new JsonObject { ["contentType"] = CardType, ["content"] = card.AsNode() },
            },
        },
    });

    private static InvokeAnswer Message(string text) => InvokeAnswer.Ok(new JsonObject
    {
        ["task"] = new JsonObject { ["type"] = "message", ["value"] = text },
    });

    private static InvokeAnswer Expired() =>
        Message("This form has expired or was changed on the way. Run its command again for a fresh one.");

    private static InvokeAnswer Universal(string type, JsonNode value) => InvokeAnswer.Ok(new JsonObject
    {
        ["statusCode"] = 200,
        ["type"] = type,
        ["value"] = value,
    });

    private static JsonElement? Property(JsonElement? element, string name) =>
        element is { ValueKind: JsonValueKind.Object } e && e.TryGetProperty(name, out var p) ? p : null;

    private static string? Text(JsonElement? element) => element is { ValueKind: JsonValueKind.String } e ? e.GetString() : null;
}
