using System.Globalization;
using System.Text.RegularExpressions;

namespace ProductOps.Skills.Cadences;

/// <summary>Durations as people write them: "4 days 7 hours", "2d", "90 minutes", "1 week".</summary>
public static partial class Durations
{
    /// <summary>The duration, or null with a problem when the text is not one; negative durations read as negative.</summary>
    public static TimeSpan? Parse(string? text, out string problem)
    {
        problem = "";
        var clean = (text ?? "").Trim().ToLowerInvariant().Replace(" and ", " ", StringComparison.Ordinal);
        var negative = clean.StartsWith('-');
        clean = clean.TrimStart('-').Trim();
        var matches = Part().Matches(clean);
        if (matches.Count == 0 || Part().Replace(clean, "").Trim().Length > 0)
        {
            problem = $"\"{text?.Trim()}\" is not a duration; write it like 4 days, 2 hours, 1 day 6 hours or 3d.";
            return null;
        }

        var total = TimeSpan.Zero;
        foreach (Match m in matches)
        {
            var n = int.Parse(m.Groups["n"].Value, CultureInfo.InvariantCulture);
            total += m.Groups["unit"].Value[0] switch
            {
                'w' => TimeSpan.FromDays(7 * n),
                'd' => TimeSpan.FromDays(n),
                'h' => TimeSpan.FromHours(n),
                _ => TimeSpan.FromMinutes(n),
            };
        }

        return negative ? -total : total;
    }

    /// <summary>Several durations separated by commas: "1 day, 2 hours".</summary>
    public static IReadOnlyList<TimeSpan>? ParseList(string? text, out string problem)
    {
        problem = "";
        var list = new List<TimeSpan>();
        foreach (var part in (text ?? "").Split([',', ';'], StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (Parse(part, out problem) is not { } span)
            {
                return null;
            }

            list.Add(span);
        }

        return list;
    }

    /// <summary>"4 days 7 hours".</summary>
    public static string Show(TimeSpan span)
    {
        var parts = new List<string>();
        Add(parts, span.Days, "day");
        Add(parts, span.Hours, "hour");
        Add(parts, span.Minutes, "minute");
        return parts.Count == 0 ? "0 minutes" : string.Join(" ", parts);
    }

    /// <summary>A short stable form for outbox keys: "1d", "2h", "1d6h30m".</summary>
    public static string Key(TimeSpan span) =>
        (span.Days > 0 ? $"{span.Days}d" : "") + (span.Hours > 0 ? $"{span.Hours}h" : "") + (span.Minutes > 0 || span == TimeSpan.Zero ? $"{span.Minutes}m" : "");

    private static void Add(List<string> parts, int n, string unit)
    {
        if (n > 0)
        {
            parts.Add(n == 1 ? $"1 {unit}" : $"{n} {unit}s");
        }
    }

    [GeneratedRegex(@"(?<n>\d{1,4})\s*(?<unit>weeks?|w|days?|d|hours?|hrs?|h|minutes?|mins?|m)\b")]
    private static partial Regex Part();
}
