namespace ProductOps.Skills.Metrics;

/// <summary>The metric catalogue: one definition per number. Keys are unique, ignoring case.</summary>
public interface IMetricCatalog
{
    /// <summary>Every metric, by key.</summary>
    Task<IReadOnlyList<Metric>> ListAsync(CancellationToken ct);

    Task<Metric?> FindAsync(string key, CancellationToken ct);

    /// <summary>Adds the metric, or replaces the fields of the one with the same key; the stored metric comes back.</summary>
    Task<Metric> SaveAsync(MetricDraft draft, CancellationToken ct);
}
