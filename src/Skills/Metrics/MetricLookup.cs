namespace ProductOps.Skills.Metrics;

/// <summary>
/// A metric (or one dimension value of it) over a period: its newest value and that value's date, the
/// value compared with, and one value a day. <paramref name="Reported"/> is how many series have a value
/// on the newest day, <paramref name="Usual"/> the most that had one on any day of the period: fewer
/// means the newest total covers only part of the metric.
/// </summary>
public sealed record Trend(string Label, double Current, double? Before, IReadOnlyList<double> Daily, DateOnly CurrentDate, int Reported, int Usual)
{
    public bool IsPartial => Reported < Usual;
}

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

        // Group 0 holds the series outside the breakdown; labels are spelled as in the first series with each value.
        var groupOfSeries = new Dictionary<long, int>();
        var groupOfLabel = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        var labels = new List<string> { "total" };
        foreach (var s in matching)
        {
            var group = 0;
            if (by is not null && s.Dimensions.TryGetValue(by, out var label) && !groupOfLabel.TryGetValue(label, out group))
            {
                group = groupOfLabel[label] = labels.Count;
                labels.Add(label);
            }

            groupOfSeries[s.Id] = group;
        }

        var totals = await values.DailyTotalsAsync(groupOfSeries, [new DayRange(from, end), new DayRange(compareDate.AddDays(-CompareLookBackDays), compareDate)], ct);
        var rows = totals.Where(t => t.Window == 0).ToArray();
        if (rows.Length == 0)
        {
            return null;
        }

        var before = totals.Where(t => t.Window == 1).ToArray();
        var total = Build("total", rows, before, metric.Averages);
        var breakdown = new List<Trend>();
        for (var group = 1; group < labels.Count; group++)
        {
            var groupRows = rows.Where(r => r.Group == group).ToArray();
            if (groupRows.Length > 0)
            {
                breakdown.Add(Build(labels[group], groupRows, before.Where(r => r.Group == group).ToArray(), metric.Averages));
            }
        }

        return new LookupResult(from, end, compareDate, total, breakdown.OrderByDescending(t => t.Current).ToArray());
    }

    /// <summary>The metric's newest total over every series, or null without values; OKRs linked to a metric follow it.</summary>
    public async Task<double?> LatestAsync(Metric metric, CancellationToken ct) =>
        (await LatestAsync([metric], ct)).TryGetValue(metric.Id, out var value) ? value : null;

    /// <summary>The newest totals of several metrics in one read, by metric id; metrics without values are left out.</summary>
    public async Task<IReadOnlyDictionary<long, double>> LatestAsync(IReadOnlyCollection<Metric> metrics, CancellationToken ct)
    {
        var dayOfMetric = metrics.Where(m => m.LastDate is not null).ToDictionary(m => m.Id, m => m.LastDate!.Value);
        var averages = metrics.Where(m => m.Averages).Select(m => m.Id).ToHashSet();
        return (await values.TotalsOnAsync(dayOfMetric, ct)).ToDictionary(t => t.MetricId, t => Aggregate(t.Sum, t.Count, averages.Contains(t.MetricId)));
    }

    private static Trend Build(string label, DailyTotal[] rows, DailyTotal[] before, bool averages)
    {
        var days = rows.GroupBy(r => r.Date).OrderBy(g => g.Key).ToArray();
        var daily = days.Select(g => Aggregate(g, averages)).ToArray();
        double? then = before.Length == 0 ? null : Aggregate(before.GroupBy(r => r.Date).MaxBy(g => g.Key)!, averages);
        return new Trend(label, daily[^1], then, daily, days[^1].Key, days[^1].Sum(r => r.Count), days.Max(g => g.Sum(r => r.Count)));
    }

    private static double Aggregate(IEnumerable<DailyTotal> totals, bool averages)
    {
        double sum = 0;
        var count = 0;
        foreach (var t in totals)
        {
            sum += t.Sum;
            count += t.Count;
        }

        return Aggregate(sum, count, averages);
    }

    /// <summary>Totals add up; percentages are the mean of every series' value.</summary>
    private static double Aggregate(double sum, int count, bool averages) => averages ? sum / count : sum;
}
