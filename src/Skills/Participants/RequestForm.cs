using ProductOps.Skills.Conversation;

namespace ProductOps.Skills.Participants;

/// <summary>The request form, and its submission: the same checks as the inline command, answered per field.</summary>
public sealed class RequestFormHandler(RequestInput input, IRequestStore requests, Proposer proposer, IParticipantStore pool, TimeProvider clock) : IFormHandler
{
    public const string FormId = "participants.request";

    public async Task<Response> HandleAsync(FormSubmission submission, Person person, CancellationToken ct)
    {
        var form = RequestForm.Build(await pool.VocabularyAsync(ct));
        var errors = FormValidation.Check(form, submission.Values);
        if (errors.Count > 0)
        {
            return Response.Invalid(errors);
        }

        var fields = RequestInput.Fields
            .Select(f => (Field: f, Value: string.Join(",", submission.Values.List(f))))
            .Where(f => f.Value.Length > 0)
            .ToDictionary(f => f.Field, f => f.Value);
        var (draft, problems) = await input.ReadAsync(fields, person, ct);
        if (draft is null)
        {
            return Response.Invalid(problems);
        }

        return Response.Say(await RequestParticipantsHandler.StartAsync(requests, proposer, person.Id, draft, clock, ct));
    }
}

public static class RequestForm
{
    public static Form Build(PoolVocabulary vocabulary) => new(
        RequestFormHandler.FormId,
        "Request participants",
        [
            new TextInput("study", "Study") { Required = true, MaxLength = 120, Placeholder = "SSO onboarding" },
            new SelectInput("method", "Method", Methods.Keys.Select(k => new Choice(k, k)).ToArray()) { Required = true, Initial = ["interview"] },
            new NumberInput("count", "How many") { Required = true, Min = 1, Max = RequestInput.MaxCount, WholeNumber = true, Initial = 5 },
            Choices("segment", "Segments", vocabulary.Segments),
            Choices("role", "Roles", vocabulary.Roles),
            Choices("region", "Regions", vocabulary.Regions),
            new TextInput("accounts", "Only these accounts") { Hint = "Names, aliases or CRM ids, separated by commas" },
            new TextInput("exclude", "Not these accounts") { Hint = "Names, aliases or CRM ids, separated by commas" },
            new DateInput("from", "From"),
            new DateInput("to", "To"),
            new NumberInput("incentive", "Incentive per person ($)") { Min = 0, Max = 10_000 },
            new NumberInput("per-account", "People per account") { Min = 1, Max = RequestInput.MaxPerAccount, WholeNumber = true, Initial = 1 },
        ],
        "Find participants");

    private static SelectInput Choices(string id, string label, IReadOnlyList<string> values) =>
        new(id, label, values.Select(v => new Choice(v, v)).ToArray()) { Multiple = true, Hint = "Leave empty for any" };
}
