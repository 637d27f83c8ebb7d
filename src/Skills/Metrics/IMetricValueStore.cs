namespace ProductOps.Skills.Metrics;

/// <summary>One value of a metric on a date, for one combination of dimension values (none for a plain total).</summary>
public sealed record MetricPoint(DateOnly Date, IReadOnlyDictionary<string, string> Dimensions, double Value);

/// <summary>One combination of dimension values a metric has values for.</summary>
public sealed record MetricSeries(long Id, IReadOnlyDictionary<string, string> Dimensions);

/// <summary>A window of days, both ends included.</summary>
public sealed record DayRange(DateOnly First, DateOnly Last);

/// <summary>The sum and count of one group's values on one day of one window; windows and groups are numbered by the caller.</summary>
public sealed record DailyTotal(int Window, int Group, DateOnly Date, double Sum, int Count);

/// <summary>The sum and count of a metric's values on one day.</summary>
public sealed record DayTotal(long MetricId, double Sum, int Count);

public sealed record UpsertCounts(int Added, int Updated);

/// <summary>The time series behind the catalogue. Values are unique by (metric, date, dimension values).</summary>
public interface IMetricValueStore
{
    /// <summary>Inserts or replaces the points in one transaction, and moves the metric's last date forward.</summary>
    Task<UpsertCounts> UpsertAsync(long metricId, IReadOnlyList<MetricPoint> points, CancellationToken ct);

    Task<IReadOnlyList<MetricSeries>> SeriesAsync(long metricId, CancellationToken ct);

    /// <summary>
    /// Per window, group and day with values, the sum and count of the values of the series in
    /// <paramref name="groupOfSeries"/> (series id to group). Windows are read independently, so a
    /// day in two windows counts in both.
    /// </summary>
    Task<IReadOnlyList<DailyTotal>> DailyTotalsAsync(IReadOnlyDictionary<long, int> groupOfSeries, IReadOnlyList<DayRange> windows, CancellationToken ct);

    /// <summary>Per metric in <paramref name="dayOfMetric"/>, the sum and count of its values on that day; metrics with none are left out.</summary>
    Task<IReadOnlyList<DayTotal>> TotalsOnAsync(IReadOnlyDictionary<long, DateOnly> dayOfMetric, CancellationToken ct);
}
