namespace ProductOps.Skills.Metrics;

/// <summary>The value store, dropping the cached catalogue after each upsert: an upsert moves the metric's last date.</summary>
public sealed class CatalogTrackingValueStore(IMetricValueStore inner, CachedMetricCatalog catalog) : IMetricValueStore
{
    public async Task<UpsertCounts> UpsertAsync(long metricId, IReadOnlyList<MetricPoint> points, CancellationToken ct)
    {
        try
        {
            return await inner.UpsertAsync(metricId, points, ct);
        }
        finally
        {
            catalog.Invalidate();
        }
    }

    public Task<IReadOnlyList<MetricSeries>> SeriesAsync(long metricId, CancellationToken ct) => inner.SeriesAsync(metricId, ct);

    public Task<IReadOnlyList<DailyTotal>> DailyTotalsAsync(IReadOnlyDictionary<long, int> groupOfSeries, IReadOnlyList<DayRange> windows, CancellationToken ct) =>
        inner.DailyTotalsAsync(groupOfSeries, windows, ct);

    public Task<IReadOnlyList<DayTotal>> TotalsOnAsync(IReadOnlyDictionary<long, DateOnly> dayOfMetric, CancellationToken ct) =>
        inner.TotalsOnAsync(dayOfMetric, ct);
}
