using ProductOps.Skills.Accounts;
using ProductOps.Skills.Admin;
using ProductOps.Skills.Conversation;

namespace ProductOps.Skills.Feedback;

/// <summary>What the form opens with: whatever quick capture or a shared message already told.</summary>
public sealed record FeedbackPrefill(
    string? Account = null,
    string? Area = null,
    string? Type = null,
    string? Urgency = null,
    string? Arr = null,
    string? Verbatim = null,
    string? Link = null,
    string? Author = null);

/// <summary>The <c>/feedback</c> form. The shared message's author travels in the form's state.</summary>
public static class FeedbackForm
{
    public const string Id = "feedback.capture";

    public static async Task<Form> BuildAsync(IAreaStore areas, IAccountStore accounts, FeedbackPrefill prefill, CancellationToken ct)
    {
        var areaChoices = (await areas.ListAsync(ct)).Select(a => new Choice(a.Name, a.Name)).Append(new Choice(FeedbackInput.NotSure, "Not sure")).ToArray();
        var account = prefill.Account is { } typed ? await accounts.FindByNameAsync(typed, ct) : null;
        var accountHint = "As in the CRM. A name not in the catalogue is kept as typed and can be linked later.";
        if (prefill.Account is { } name && account is null && await FeedbackLookup.CloseAccountsAsync(accounts, name, 3, ct) is { Count: > 0 } close)
        {
            accountHint = $"\"{name}\" is not in the catalogue. Did you mean {string.Join(" or ", close.Select(a => a.Name))}?";
        }

        var arr = prefill.Arr ?? (account?.Arr is { } known ? Money.Format(known) : null);
        Input[] inputs =
        [
            new TextInput("account", "Customer account") { Initial = account?.Name ?? prefill.Account, Hint = accountHint, MaxLength = FeedbackInput.MaxAccount },
            new SelectInput("area", "Product area", areaChoices) { Required = true, Initial = prefill.Area is { } area ? [area] : [] },
            new SelectInput("type", "Type", FeedbackVocabulary.Types.Select(t => new Choice(t.Key, t.Label)).ToArray())
            {
                Required = true,
                Initial = [prefill.Type ?? FeedbackVocabulary.Types[0].Key],
            },
            new SelectInput("urgency", "Urgency", FeedbackVocabulary.Urgencies.Select(u => new Choice(u.Key, $"{u.Label}: {u.Meaning}")).ToArray())
            {
                Required = true,
                Initial = [prefill.Urgency ?? FeedbackVocabulary.Urgencies[0].Key],
            },
            new TextInput("arr", "Revenue at stake") { Initial = arr, Hint = "Like 120k or 1.2M. Left empty, the account's ARR is used.", MaxLength = 30 },
            new TextInput("verbatim", "The customer's words")
            {
                Multiline = true,
                Required = true,
                Initial = prefill.Verbatim,
                MaxLength = FeedbackSettings.MaxVerbatim,
                Placeholder = "What did they say, in their words?",
            },
            new TextInput("link", "Source link") { Initial = prefill.Link, Hint = "The call, ticket or message it came from.", MaxLength = FeedbackInput.MaxLink },
            new CheckboxInput("keep_posted", "Keep me posted when product acts on it") { Initial = true },
        ];
        return new Form(Id, "Send feedback to product", inputs, "Send", prefill.Author);
    }
}

/// <summary>Submissions of the <c>/feedback</c> form: checked field by field, then stored and routed.</summary>
public sealed class SubmitFeedbackFormHandler(IAreaStore areas, IAccountStore accounts, FeedbackInput input, FeedbackCapture capture) : IFormHandler
{
    public async Task<Response> HandleAsync(FormSubmission submission, Person person, CancellationToken ct)
    {
        var values = submission.Values;
        var form = await FeedbackForm.BuildAsync(areas, accounts, new FeedbackPrefill(), ct);
        var errors = FormValidation.Check(form, values);
        if (errors.Count > 0)
        {
            return Response.Invalid(errors);
        }

        var raw = new RawFeedback(
            values.Text("account"),
            values.Text("area"),
            values.Text("type"),
            values.Text("urgency"),
            values.Text("arr"),
            values.Text("verbatim") ?? "",
            values.Text("link"),
            submission.State,
            values.Flag("keep_posted"));
        var (draft, problems) = await input.ReadAsync(raw, ct);
        return draft is null ? Response.Invalid(problems) : await capture.SubmitAsync(person, draft, ct);
    }
}
