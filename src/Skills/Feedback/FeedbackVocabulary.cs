namespace ProductOps.Skills.Feedback;

/// <summary>A fixed word people type (<c>type:churn-risk</c>), how it reads, and what it means.</summary>
public sealed record Term(string Key, string Label, string Meaning);

/// <summary>The words of feedback types, urgencies and theme statuses, in one place for parsing, forms and help.</summary>
public static class FeedbackVocabulary
{
    public const string Open = "open";

    public static readonly IReadOnlyList<Term> Types =
    [
        new("feature-request", "Feature request", "something the product cannot do yet"),
        new("bug", "Bug or friction", "something that is broken or hard to use"),
        new("churn-risk", "Churn risk", "the customer may leave over it"),
        new("lost-deal", "Lost deal", "a deal was lost over it"),
        new("praise", "Praise", "something the customer loves"),
        new("competitive", "Competitive intel", "what a competitor offers or does"),
    ];

    public static readonly IReadOnlyList<Term> Urgencies =
    [
        new("nice-to-have", "Nice to have", "would help; no deadline"),
        new("important", "Important", "hurts the customer's work or an open deal"),
        new("critical", "Critical", "blocks a deal or a renewal now; the area's PM is told at once"),
    ];

    public static readonly IReadOnlyList<Term> Statuses =
    [
        new("planned", "Planned", "on the roadmap"),
        new("in-progress", "In progress", "being built"),
        new("shipped", "Shipped", "available to customers"),
        new("declined", "Declined", "not something we will do"),
        new("needs-info", "Needs info", "product needs more detail from the field"),
    ];

    private static readonly Dictionary<string, string> TypeAliases = new(StringComparer.OrdinalIgnoreCase)
    {
        ["feature"] = "feature-request",
        ["request"] = "feature-request",
        ["friction"] = "bug",
        ["bug-or-friction"] = "bug",
        ["churn"] = "churn-risk",
        ["lost"] = "lost-deal",
        ["competitive-intel"] = "competitive",
        ["competitor"] = "competitive",
    };

    public static string? Type(string text) => Find(Types, text) ?? TypeAliases.GetValueOrDefault(Normal(text));

    public static string? Urgency(string text) => Find(Urgencies, text);

    public static string? Status(string text) => Find(Statuses, text);

    public static string Label(IReadOnlyList<Term> terms, string key) =>
        terms.FirstOrDefault(t => t.Key == key)?.Label ?? (key == Open ? "Open" : key);

    public static string TypeLabel(string key) => Label(Types, key);

    public static string UrgencyLabel(string key) => Label(Urgencies, key);

    public static string StatusLabel(string key) => Label(Statuses, key);

    public static string Keys(IReadOnlyList<Term> terms) => string.Join(", ", terms.Select(t => t.Key));

    private static string? Find(IReadOnlyList<Term> terms, string text)
    {
        var normal = Normal(text);
        return terms.FirstOrDefault(t => t.Key == normal || Normal(t.Label) == normal)?.Key;
    }

    private static string Normal(string text) => text.Trim().ToLowerInvariant().Replace(' ', '-').Replace('_', '-');
}
