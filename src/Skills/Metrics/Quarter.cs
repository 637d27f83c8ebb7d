using System.Globalization;
using System.Text.RegularExpressions;

namespace ProductOps.Skills.Metrics;

/// <summary>A calendar quarter, written "2026-Q1".</summary>
public readonly partial record struct Quarter(int Year, int Number)
{
    public DateOnly Start => new(Year, (Number * 3) - 2, 1);

    public DateOnly End => Start.AddMonths(3).AddDays(-1);

    public int Days => End.DayNumber - Start.DayNumber + 1;

    public static Quarter Containing(DateOnly date) => new(date.Year, ((date.Month - 1) / 3) + 1);

    /// <summary>Reads "2026-Q1", "Q1-2026", "2026Q1", or "Q1" (in <paramref name="current"/>'s year).</summary>
    public static Quarter? Parse(string text, Quarter current)
    {
        var match = Pattern().Match(text.Trim());
        if (!match.Success)
        {
            return null;
        }

        var year = match.Groups["y1"].Success ? match.Groups["y1"].Value : match.Groups["y2"].Value;
        return new Quarter(
            year.Length == 0 ? current.Year : int.Parse(year, CultureInfo.InvariantCulture),
            int.Parse(match.Groups["q"].Value, CultureInfo.InvariantCulture));
    }

    /// <summary>How far through the quarter <paramref name="now"/> is, from 0 before it starts to 1 once it ended.</summary>
    public double Elapsed(DateTimeOffset now)
    {
        var start = new DateTimeOffset(Start.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var end = new DateTimeOffset(End.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        return Math.Clamp((now - start) / (end - start), 0, 1);
    }

    public override string ToString() => $"{Year}-Q{Number}";

    /// <summary>Written like a quarter but with no such quarter number (Q0, Q5): worth a message, not a search.</summary>
    public static bool LooksLikeOne(string text) => Shape().IsMatch(text.Trim());

    [GeneratedRegex(@"^(?:(?<y1>\d{4})[-\s]?)?Q(?<q>[1-4])(?:[-\s]?(?<y2>\d{4}))?$", RegexOptions.IgnoreCase)]
    private static partial Regex Pattern();

    [GeneratedRegex(@"^(?:\d{4}[-\s]?)?Q\d+(?:[-\s]?\d{4})?$", RegexOptions.IgnoreCase)]
    private static partial Regex Shape();
}
