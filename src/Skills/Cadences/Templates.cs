using ProductOps.Skills.Conversation;

namespace ProductOps.Skills.Cadences;

public enum QuestionType
{
    ShortText,
    LongText,
    Number,

    /// <summary>A whole number from 1 to 10.</summary>
    Scale,

    /// <summary>One of fixed choices, such as on track / at risk / off track.</summary>
    Choice,

    /// <summary>An http or https address.</summary>
    Link,
}

/// <summary>One question of a check-in. <paramref name="Id"/> keys the stored answers, so it never changes once used.</summary>
public sealed record Question(string Id, string Label, QuestionType Type, bool Required = false, IReadOnlyList<Choice>? Choices = null)
{
    public string? Hint { get; init; }
}

/// <summary>The standard form of a check-in: ordered questions, the same every cycle.</summary>
public sealed record Template(string Key, string Title, string Summary, IReadOnlyList<Question> Questions)
{
    /// <summary>How personal questions that ask for a 1–10 confidence end their ids ("KR-12 confidence").</summary>
    public const string ConfidenceSuffix = " confidence";

    /// <summary>
    /// How worrying a submission is, so the digest shows the worst first: 2 for off track or not ready,
    /// 1 for at risk or a confidence of 4 or less (in the template's scales, or a personal question
    /// whose id ends with <see cref="ConfidenceSuffix"/>), else 0.
    /// </summary>
    public int Risk(IReadOnlyDictionary<string, string> answers)
    {
        var risk = answers.Any(a => a.Key.EndsWith(ConfidenceSuffix, StringComparison.Ordinal) && int.TryParse(a.Value, out var c) && c <= 4) ? 1 : 0;
        foreach (var question in Questions)
        {
            if (!answers.TryGetValue(question.Id, out var answer))
            {
                continue;
            }

            risk = Math.Max(risk, question.Type switch
            {
                QuestionType.Choice when answer is Templates.OffTrack or Templates.NotReady => 2,
                QuestionType.Choice when answer is Templates.AtRisk => 1,
                QuestionType.Scale when int.TryParse(answer, out var n) && n <= 4 => 1,
                _ => 0,
            });
        }

        return risk;
    }

    /// <summary>The label of a stored answer: the choice's label for choices, else the answer itself.</summary>
    public static string Show(Question question, string answer) =>
        question.Choices?.FirstOrDefault(c => c.Value == answer)?.Label ?? answer;
}

/// <summary>The built-in check-ins product ops runs with the rest of the company.</summary>
public static class Templates
{
    public const string OnTrack = "on_track";
    public const string AtRisk = "at_risk";
    public const string OffTrack = "off_track";
    public const string NotReady = "not_ready";

    private static readonly Choice[] Status = [new(OnTrack, "On track"), new(AtRisk, "At risk"), new(OffTrack, "Off track")];

    public static readonly Template Roadmap = new(
        "roadmap",
        "Monthly roadmap check-in",
        "Now / next / later changes, top risk and asks of other teams.",
        [
            new Question("status", "Overall status", QuestionType.Choice, true, Status),
            new Question("now", "Now: what changed in what you are building", QuestionType.LongText, true),
            new Question("next", "Next: what changed in what comes next", QuestionType.LongText),
            new Question("later", "Later: what moved in or out", QuestionType.LongText),
            new Question("risk", "Top risk", QuestionType.ShortText),
            new Question("asks", "Asks of other teams", QuestionType.LongText),
        ]);

    public static readonly Template Planning = new(
        "planning",
        "Quarterly planning inputs",
        "Proposed outcomes, metrics and targets, dependencies and headcount asks.",
        [
            new Question("outcomes", "Proposed outcomes", QuestionType.LongText, true),
            new Question("metrics", "Metrics and targets", QuestionType.LongText, true),
            new Question("dependencies", "Dependencies on other teams", QuestionType.LongText),
            new Question("headcount", "Headcount ask (people)", QuestionType.Number),
            new Question("doc", "Planning document", QuestionType.Link) { Hint = "A link, like https://docs.example.com/q3-plan" },
        ]);

    public static readonly Template Okr = new(
        "okr",
        "OKR confidence update",
        "Per key result: current value, confidence 1–10 and a one-line reason.",
        [
            new Question("key_result", "Key result", QuestionType.ShortText, true),
            new Question("value", "Current value", QuestionType.Number, true),
            new Question("confidence", "Confidence (1–10)", QuestionType.Scale, true),
            new Question("reason", "One-line reason", QuestionType.ShortText, true),
        ]);

    public static readonly Template Gtm = new(
        "gtm",
        "GTM roadmap update",
        "For sales and support: what ships next month, what changed, customer talking points.",
        [
            new Question("status", "Overall status", QuestionType.Choice, true, Status),
            new Question("ships", "What ships next month", QuestionType.LongText, true),
            new Question("changed", "What changed since last month", QuestionType.LongText),
            new Question("talking_points", "Customer talking points", QuestionType.LongText, true),
        ]);

    public static readonly Template Launch = new(
        "launch",
        "Launch readiness review",
        "Go / no-go, blockers, enablement and documentation for an upcoming launch.",
        [
            new Question("launch", "Launch", QuestionType.ShortText, true),
            new Question("readiness", "Readiness", QuestionType.Choice, true, [new("ready", "Ready"), new(AtRisk, "At risk"), new(NotReady, "Not ready")]),
            new Question("blockers", "Blockers", QuestionType.LongText),
            new Question("enablement", "Sales and support enablement done?", QuestionType.Choice, true, [new("yes", "Yes"), new("no", "No")]),
            new Question("docs", "Launch documentation", QuestionType.Link),
        ]);

    public static IReadOnlyList<Template> All { get; } = [Roadmap, Planning, Okr, Gtm, Launch];

    public static Template? Find(string? key) =>
        All.FirstOrDefault(t => string.Equals(t.Key, key?.Trim(), StringComparison.OrdinalIgnoreCase)
                                || string.Equals(t.Title, key?.Trim(), StringComparison.OrdinalIgnoreCase));
}
