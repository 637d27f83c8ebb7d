using System.Globalization;
using ProductOps.Skills.Conversation;

namespace ProductOps.Skills.Cadences;

/// <summary>A person's questions of a cadence as a form, prefilled with earlier answers, and the answers read back from a submission.</summary>
public static class SubmissionForm
{
    public const string FormId = "cadences.submission";
    public const int MaxShort = 300;
    public const int MaxLong = 3000;

    public static Form Build(Cadence cadence, Cycle cycle, IReadOnlyList<Question> questions, IReadOnlyDictionary<string, string>? answers)
    {
        var inputs = questions.Select(q => Input(q, answers?.GetValueOrDefault(q.Id))).ToArray();
        return new Form(FormId, cadence.Draft.Form.Title, inputs, "Send update", cycle.Id.ToString(CultureInfo.InvariantCulture));
    }

    /// <summary>The answers, or errors by question; links must be http or https addresses.</summary>
    public static (IReadOnlyDictionary<string, string> Answers, Dictionary<string, string> Errors) Read(Form form, IReadOnlyList<Question> questions, FormValues values)
    {
        var errors = FormValidation.Check(form, values);
        var answers = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var question in questions)
        {
            if (values.Text(question.Id) is not { } answer)
            {
                continue;
            }

            if (question.Type == QuestionType.Link
                && !(Uri.TryCreate(answer, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)))
            {
                errors.TryAdd(question.Id, $"{question.Label} must be a web address starting with https://, like https://docs.example.com/plan.");
            }

            answers[question.Id] = answer;
        }

        return (answers, errors);
    }

    private static Input Input(Question q, string? answer)
    {
        var number = decimal.TryParse(answer, NumberStyles.Number, CultureInfo.InvariantCulture, out var n) ? n : (decimal?)null;
        return q.Type switch
        {
            QuestionType.ShortText => new TextInput(q.Id, q.Label) { Required = q.Required, MaxLength = MaxShort, Initial = answer, Hint = q.Hint },
            QuestionType.LongText => new TextInput(q.Id, q.Label) { Required = q.Required, Multiline = true, MaxLength = MaxLong, Initial = answer, Hint = q.Hint },
            QuestionType.Link => new TextInput(q.Id, q.Label) { Required = q.Required, MaxLength = MaxShort, Initial = answer, Placeholder = "https://", Hint = q.Hint },
            QuestionType.Number => new NumberInput(q.Id, q.Label) { Required = q.Required, Initial = number, Hint = q.Hint },
            QuestionType.Scale => new NumberInput(q.Id, q.Label) { Required = q.Required, Min = 1, Max = 10, WholeNumber = true, Initial = number, Hint = q.Hint ?? "1 = no confidence, 10 = certain." },
            QuestionType.Choice => new SelectInput(q.Id, q.Label, q.Choices ?? []) { Required = q.Required, Initial = answer is null ? [] : [answer], Hint = q.Hint },
            _ => throw new ArgumentOutOfRangeException(nameof(q), q.Type, "Unknown question type."),
        };
    }
}
