using System.Globalization;
using ProductOps.Skills.Conversation;

namespace ProductOps.Skills.Metrics;

/// <summary>How numbers, changes, sparklines and freshness read in every metric and OKR reply.</summary>
public static class MetricFormat
{
    private const string Bars = "▁▂▃▄▅▆▇█";

    /// <summary>Longest sparkline; longer periods are averaged into this many buckets so it fits on a phone.</summary>
    public const int SparkWidth = 30;

    public static string Value(double value, MetricUnit unit) => unit switch
    {
        MetricUnit.Currency => (value < 0 ? "-$" : "$") + Compact(Math.Abs(value)),
        MetricUnit.Percent => value.ToString("0.#", CultureInfo.InvariantCulture) + "%",
        _ => (value < 0 ? "-" : "") + Compact(Math.Abs(value)),
    };

    /// <summary>A signed difference: "+$120k", "-3", "+1.2 pts" (percentages change in points).</summary>
    public static string Delta(double delta, MetricUnit unit)
    {
        var sign = delta < 0 ? "-" : "+";
        var size = Math.Abs(delta);
        return unit switch
        {
            MetricUnit.Currency => sign + "$" + Compact(size),
            MetricUnit.Percent => sign + size.ToString("0.#", CultureInfo.InvariantCulture) + " pts",
            _ => sign + Compact(size),
        };
    }

    /// <summary>
    /// The change from <paramref name="before"/> to <paramref name="now"/>, absolute and in percent,
    /// marked green when it goes the good way for the metric and red when it goes the bad way.
    /// </summary>
    public static string Change(double now, double before, MetricUnit unit, MetricDirection direction)
    {
        var delta = now - before;
        if (Math.Abs(delta) < 1e-9)
        {
            return "⚪ no change";
        }

        var good = delta > 0 == (direction == MetricDirection.UpIsGood);
        var mark = (good ? "🟢 " : "🔴 ") + (delta > 0 ? "▲ " : "▼ ");
        var percent = before == 0 ? "" : $" ({(delta > 0 ? "+" : "-")}{Math.Abs(delta / before * 100).ToString("0.#", CultureInfo.InvariantCulture)}%)";
        return mark + Delta(delta, unit) + percent;
    }

    /// <summary>A text sparkline, lowest value ▁ and highest █; a flat series reads as a flat line.</summary>
    public static string Sparkline(IReadOnlyList<double> values)
    {
        if (values.Count == 0)
        {
            return "";
        }

        var points = Bucket(values, SparkWidth);
        var min = points.Min();
        var max = points.Max();
        if (max - min < 1e-12)
        {
            return new string(Bars[3], points.Count);
        }

        return string.Concat(points.Select(v => Bars[(int)Math.Round((v - min) / (max - min) * (Bars.Length - 1))]));
    }

    /// <summary>"daily", "weekly", "monthly" or "every 3 days".</summary>
    public static string Every(int days) => days switch
    {
        1 => "daily",
        7 => "weekly",
        30 or 31 => "monthly",
        _ => $"every {days} days",
    };

    public static string Age(int days) => days switch
    {
        <= 0 => "from today",
        1 => "1 day old",
        _ => $"{days} days old",
    };

    /// <summary>Days since the last value; null when the metric has none.</summary>
    public static int? AgeDays(Metric metric, DateOnly today) => metric.LastDate is { } last ? today.DayNumber - last.DayNumber : null;

    /// <summary>Stale once the newest value is older than the metric's expected freshness.</summary>
    public static bool IsStale(Metric metric, DateOnly today) => AgeDays(metric, today) is not { } age || age > metric.FreshnessDays;

    /// <summary>"Last value 2026-03-01, 1 day old; expected daily.", with a warning sign when stale.</summary>
    public static Markup Freshness(Metric metric, DateOnly today)
    {
        if (metric.LastDate is not { } last)
        {
            return Markup.Of($"⚠ No values yet; expected {Every(metric.FreshnessDays)}.");
        }

        var age = Age(today.DayNumber - last.DayNumber);
        return IsStale(metric, today)
            ? Markup.Of($"⚠ Stale: last value {Date(last)}, {age}; expected {Every(metric.FreshnessDays)}.")
            : Markup.Of($"Last value {Date(last)}, {age}; expected {Every(metric.FreshnessDays)}.");
    }

    /// <summary>A ten-cell progress bar for a fraction from 0 to 1.</summary>
    public static string ProgressBar(double fraction)
    {
        var filled = (int)Math.Round(Math.Clamp(fraction, 0, 1) * 10, MidpointRounding.AwayFromZero);
        return new string('▓', filled) + new string('░', 10 - filled);
    }

    /// <summary>A fraction as a whole percentage; a negative zero (no progress on a falling target) shows as 0%.</summary>
    public static string Percent(double fraction) => (Math.Round(fraction * 100) + 0.0).ToString("0", CultureInfo.InvariantCulture) + "%";

    public static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string Unit(MetricUnit unit) => unit.ToString().ToLowerInvariant();

    public static string Direction(MetricDirection direction) => direction == MetricDirection.UpIsGood ? "up is good" : "down is good";

    private static string Compact(double size) => size switch
    {
        >= 1e9 => (size / 1e9).ToString("0.##", CultureInfo.InvariantCulture) + "B",
        >= 1e6 => (size / 1e6).ToString("0.##", CultureInfo.InvariantCulture) + "M",
        >= 1e4 => (size / 1e3).ToString("0.#", CultureInfo.InvariantCulture) + "k",
        _ => size.ToString(size == Math.Round(size) ? "#,0" : "#,0.##", CultureInfo.InvariantCulture),
    };

    private static List<double> Bucket(IReadOnlyList<double> values, int width)
    {
        if (values.Count <= width)
        {
            return values.ToList();
        }

        var buckets = new List<double>(width);
        for (var b = 0; b < width; b++)
        {
            var from = b * values.Count / width;
            var to = (b + 1) * values.Count / width;
            var sum = 0.0;
            for (var i = from; i < to; i++)
            {
                sum += values[i];
            }

            buckets.Add(sum / (to - from));
        }

        return buckets;
    }
}
