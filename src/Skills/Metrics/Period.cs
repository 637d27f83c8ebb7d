namespace ProductOps.Skills.Metrics;

/// <summary>The window a lookup shows, ending on the metric's newest date: 7d, 30d, qtd, ytd or 12m.</summary>
public sealed record Period(string Name)
{
    public static readonly Period Default = new("30d");

    public static IReadOnlyList<string> Names { get; } = ["7d", "30d", "qtd", "ytd", "12m"];

    public static Period? Parse(string text) =>
        Names.FirstOrDefault(n => n.Equals(text.Trim(), StringComparison.OrdinalIgnoreCase)) is { } name ? new Period(name) : null;

    public DateOnly Start(DateOnly end) => Name switch
    {
        "7d" => end.AddDays(-6),
        "30d" => end.AddDays(-29),
        "qtd" => Quarter.Containing(end).Start,
        "ytd" => new DateOnly(end.Year, 1, 1),
        "12m" => end.AddMonths(-12).AddDays(1),
        _ => throw new InvalidOperationException($"Unknown period {Name}."),
    };

    /// <summary>How the comparison reads in replies: "vs 30 days before", "vs a year before".</summary>
    public string Describe => Name switch
    {
        "7d" => "last 7 days",
        "30d" => "last 30 days",
        "qtd" => "quarter to date",
        "ytd" => "year to date",
        _ => "last 12 months",
    };
}

public enum Comparison
{
    /// <summary>Against the value just before the period started.</summary>
    Previous,

    /// <summary>Against the value a year before the newest date.</summary>
    YearOverYear,
}
