using System.Globalization;
using ProductOps.Skills.Conversation;
using ProductOps.Skills.Importing;

namespace ProductOps.Skills.Metrics;

/// <summary>A value as it arrived, before any check: from a CSV line or a JSON item (<paramref name="Line"/> says which).</summary>
public sealed record RawPoint(int Line, string Metric, string Date, string Value, IReadOnlyDictionary<string, string> Dimensions);

/// <summary>
/// Checks pushed values and upserts them by (metric, date, dimension values). With any bad row
/// nothing is stored unless the caller asked for a partial import; every bad row gets its reason.
/// </summary>
public sealed class MetricIngest(IMetricCatalog catalog, IMetricValueStore values, TimeProvider clock)
{
    /// <summary>Values dated after tomorrow (UTC) are refused: a time zone ahead is fine, a typo in the year is not.</summary>
    private const int FutureDaysAllowed = 1;

    public async Task<ImportReport> IngestAsync(IReadOnlyList<RawPoint> rows, bool partial, CancellationToken ct)
    {
        if (rows.Count == 0)
        {
            return ImportReport.Failed("There are no values. Send at least one row with a date and a value.");
        }

        var metrics = await catalog.ListAsync(ct);
        var latest = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime).AddDays(FutureDaysAllowed);
        var rejected = new List<RejectedRow>();
        var good = new Dictionary<Metric, List<MetricPoint>>();
        var seen = new Dictionary<(long, DateOnly, string), int>();
        foreach (var row in rows)
        {
            var (metric, point, problem) = Check(row, metrics, latest);
            if (problem is not null)
            {
                rejected.Add(new RejectedRow(row.Line, problem));
                continue;
            }

            var identity = (metric!.Id, point!.Date, string.Join(';', point.Dimensions.OrderBy(d => d.Key, StringComparer.Ordinal).Select(d => $"{d.Key}={d.Value}")));
            if (!seen.TryAdd(identity, row.Line))
            {
                rejected.Add(new RejectedRow(row.Line, $"repeats line {seen[identity]}: same metric, date and dimensions. Send each value once."));
                continue;
            }

            (good.TryGetValue(metric, out var list) ? list : good[metric] = []).Add(point);
        }

        if (rejected.Count > 0 && !partial)
        {
            return new ImportReport(0, 0, rejected, false);
        }

        int added = 0, updated = 0;
        foreach (var (metric, points) in good)
        {
            var counts = await values.UpsertAsync(metric.Id, points, ct);
            added += counts.Added;
            updated += counts.Updated;
        }

        return new ImportReport(added, updated, rejected, true);
    }

    private static (Metric? Metric, MetricPoint? Point, string? Problem) Check(RawPoint row, IReadOnlyList<Metric> metrics, DateOnly latest)
    {
        if (row.Metric.Trim().Length == 0)
        {
            return (null, null, "the metric is empty. Give the key of a metric from the catalogue.");
        }

        var metric = metrics.FirstOrDefault(m => m.Answers(row.Metric.Trim()));
        if (metric is null)
        {
            var close = Suggestions.Closest(row.Metric.Trim(), metrics.Select(m => m.Key));
            var hint = close.Count > 0 ? $" Did you mean {string.Join(" or ", close)}?" : " An admin adds it with /metric set.";
            return (null, null, $"there is no metric \"{row.Metric.Trim()}\" in the catalogue.{hint}");
        }

        if (!DateOnly.TryParseExact(row.Date.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return (metric, null, row.Date.Trim().Length == 0
                ? "the date is empty. Give it as YYYY-MM-DD, like 2026-03-01."
                : $"the date \"{row.Date.Trim()}\" is not a date like 2026-03-01 (YYYY-MM-DD).");
        }

        if (date > latest)
        {
            return (metric, null, $"the date {MetricFormat.Date(date)} is in the future. Send values for days that have happened.");
        }

        var text = row.Value.Trim();
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value))
        {
            return (metric, null, text.Length == 0
                ? "the value is empty. Give a number, like 1250 or 12.5."
                : $"the value \"{text}\" is not a number. Use digits with a dot for decimals and no thousands separators or units, like 1250000 or 12.5.");
        }

        if (!MetricNumber.InRange(value))
        {
            return (metric, null, "the value " + MetricNumber.TooLarge(text));
        }

        var dimensions = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (typed, dimensionValue) in row.Dimensions)
        {
            if (dimensionValue.Trim().Length == 0)
            {
                continue;
            }

            if (metric.Dimension(typed.Trim()) is not { } dimension)
            {
                var known = metric.Dimensions.Count == 0 ? "it has no dimensions" : "its dimensions are " + string.Join(", ", metric.Dimensions);
                return (metric, null, $"{metric.Key} has no dimension \"{typed.Trim()}\"; {known}.");
            }

            // Case-insensitive, like lookups: "EMEA" and "emea" are one series, not two that double-count.
            dimensions[dimension] = dimensionValue.Trim().ToLowerInvariant();
        }

        return (metric, new MetricPoint(date, dimensions, value), null);
    }
}
