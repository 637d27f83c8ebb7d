namespace ProductOps.Skills.Metrics;

/// <summary>One value of a metric on a date, for one combination of dimension values (none for a plain total).</summary>
public sealed record MetricPoint(DateOnly Date, IReadOnlyDictionary<string, string> Dimensions, double Value);

/// <summary>One combination of dimension values a metric has values for.</summary>
public sealed record MetricSeries(long Id, IReadOnlyDictionary<string, string> Dimensions);

public sealed record SeriesValue(long SeriesId, DateOnly Date, double Value);

public sealed record UpsertCounts(int Added, int Updated);

/// <summary>The time series behind the catalogue. Values are unique by (metric, date, dimension values).</summary>
public interface IMetricValueStore
{
    /// <summary>Inserts or replaces the points in one transaction, and moves the metric's last date forward.</summary>
    Task<UpsertCounts> UpsertAsync(long metricId, IReadOnlyList<MetricPoint> points, CancellationToken ct);

    Task<IReadOnlyList<MetricSeries>> SeriesAsync(long metricId, CancellationToken ct);

    /// <summary>The values of the given series from <paramref name="first"/> to <paramref name="last"/>, both included.</summary>
    Task<IReadOnlyList<SeriesValue>> ValuesAsync(IReadOnlyCollection<long> seriesIds, DateOnly first, DateOnly last, CancellationToken ct);
}
