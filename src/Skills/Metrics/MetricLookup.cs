namespace ProductOps.Skills.Metrics;

/// <summary>A metric (or one dimension value of it) over a period: its newest value, the value compared with, and one value a day.</summary>
public sealed record Trend(string Label, double Current, double? Before, IReadOnlyList<double> Daily);

/// <summary>What a lookup found: the period, the date compared with, the total and the breakdown rows (largest first).</summary>
public sealed record LookupResult(DateOnly From, DateOnly To, DateOnly CompareDate, Trend Total, IReadOnlyList<Trend> Breakdown);

/// <summary>
/// Computes lookups from the stored series. Values are pushed at the finest grain; totals over the
/// series that match a filter are sums, or averages for percentages.
/// </summary>
public sealed class MetricLookup(IMetricValueStore values)
{
    /// <summary>How far before the comparison date a value still counts, for metrics not pushed every day.</summary>
    private const int CompareLookBackDays = 7;

    public static bool Matches(MetricSeries series, IReadOnlyDictionary<string, string> filter) =>
        filter.All(f => series.Dimensions.TryGetValue(f.Key, out var v) && v.Equals(f.Value, StringComparison.OrdinalIgnoreCase));

    /// <summary>The values a dimension takes across the series, as first stored.</summary>
    public static IReadOnlyList<string> ValuesOf(IEnumerable<MetricSeries> series, string dimension) =>
        series.Select(s => s.Dimensions.GetValueOrDefault(dimension)).OfType<string>()
            .Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.OrdinalIgnoreCase).ToArray();

    /// <summary>Null when no value matches the filter.</summary>
    public async Task<LookupResult?> RunAsync(
        Metric metric,
        IReadOnlyList<MetricSeries> series,
        IReadOnlyDictionary<string, string> filter,
        Period period,
        Comparison compare,
        string? by,
        CancellationToken ct)
    {
        var matching = series.Where(s => Matches(s, filter)).ToArray();
        if (metric.LastDate is not { } end || matching.Length == 0)
        {
            return null;
        }

        var from = period.Start(end);
        var compareDate = compare == Comparison.Previous ? from.AddDays(-1) : end.AddYears(-1);
        var ids = matching.Select(s => s.Id).ToArray();
        var rows = await values.ValuesAsync(ids, from, end, ct);
        if (rows.Count == 0)
        {
            return null;
        }

        var before = await values.ValuesAsync(ids, compareDate.AddDays(-CompareLookBackDays), compareDate, ct);
        var total = Build("total", rows, before, metric.Averages);
        var breakdown = new List<Trend>();
        if (by is not null)
        {
            var groups = matching.Where(s => s.Dimensions.ContainsKey(by))
                .GroupBy(s => s.Dimensions[by], StringComparer.OrdinalIgnoreCase);
            foreach (var group in groups)
            {
                var inGroup = group.Select(s => s.Id).ToHashSet();
                var groupRows = rows.Where(r => inGroup.Contains(r.SeriesId)).ToArray();
                if (groupRows.Length > 0)
                {
                    breakdown.Add(Build(group.Key, groupRows, before.Where(r => inGroup.Contains(r.SeriesId)).ToArray(), metric.Averages));
                }
            }
        }

        return new LookupResult(from, end, compareDate, total, breakdown.OrderByDescending(t => t.Current).ToArray());
    }

    /// <summary>The metric's newest total over every series, or null without values; OKRs linked to a metric follow it.</summary>
    public async Task<double?> LatestAsync(Metric metric, CancellationToken ct)
    {
        if (metric.LastDate is not { } last)
        {
            return null;
        }

        var ids = (await values.SeriesAsync(metric.Id, ct)).Select(s => s.Id).ToArray();
        var rows = await values.ValuesAsync(ids, last, last, ct);
        return rows.Count == 0 ? null : Aggregate(rows.Select(r => r.Value), metric.Averages);
    }

    private static Trend Build(string label, IReadOnlyList<SeriesValue> rows, IReadOnlyList<SeriesValue> before, bool averages)
    {
        var daily = rows.GroupBy(r => r.Date).OrderBy(g => g.Key).Select(g => Aggregate(g.Select(r => r.Value), averages)).ToArray();
        double? then = before.Count == 0
            ? null
            : Aggregate(before.GroupBy(r => r.Date).MaxBy(g => g.Key)!.Select(r => r.Value), averages);
        return new Trend(label, daily[^1], then, daily);
    }

    private static double Aggregate(IEnumerable<double> values, bool averages) => averages ? values.Average() : values.Sum();
}
