namespace ProductOps.Skills.Metrics;

/// <summary>
/// The catalogue kept in memory: every lookup, OKR status and ingest reads it whole, while it changes
/// only when a metric is saved or values are upserted (which moves a metric's last date). Both go
/// through here or through <see cref="CatalogTrackingValueStore"/>, which drop the copy.
/// </summary>
public sealed class CachedMetricCatalog(IMetricCatalog inner) : IMetricCatalog
{
    private readonly Lock _gate = new();
    private IReadOnlyList<Metric>? _metrics;
    private long _version;

    public async Task<IReadOnlyList<Metric>> ListAsync(CancellationToken ct)
    {
        long version;
        lock (_gate)
        {
            if (_metrics is { } cached)
            {
                return cached;
            }

            version = _version;
        }

        var metrics = await inner.ListAsync(ct);
        lock (_gate)
        {
            // A change while this read ran may be missing from it: keep it only if there was none.
            if (_version == version)
            {
                _metrics = metrics;
            }
        }

        return metrics;
    }

    public Task<Metric?> FindAsync(string key, CancellationToken ct) => inner.FindAsync(key, ct);

    public async Task<Metric> SaveAsync(MetricDraft draft, CancellationToken ct)
    {
        try
        {
            return await inner.SaveAsync(draft, ct);
        }
        finally
        {
            // Also on failure: the write may have committed before it failed.
            Invalidate();
        }
    }

    /// <summary>Drops the copy; the next read loads the catalogue again.</summary>
    public void Invalidate()
    {
        lock (_gate)
        {
            _metrics = null;
            _version++;
        }
    }
}
