namespace ProductOps.Skills.Metrics;

/// <summary>An objective as of now: its key results' states, at-risk ones first.</summary>
public sealed record ObjectiveState(Objective Objective, IReadOnlyList<KeyResultState> KeyResults)
{
    public bool AtRisk => KeyResults.Any(k => k.AtRisk);

    public bool Stale => KeyResults.Any(k => k.Stale);
}

/// <summary>Assesses a quarter's objectives: current values (metric-linked ones from the metric), progress, expectation, risk.</summary>
public sealed class OkrBoard(IOkrStore okrs, IMetricCatalog catalog, MetricLookup lookup, OkrRules rules, TimeProvider clock)
{
    public OkrRules Rules => rules;

    public Quarter CurrentQuarter => Quarter.Containing(DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime));

    /// <summary>The objectives that <paramref name="keep"/> lets through, at-risk first, then stale, then in order of creation.</summary>
    public async Task<IReadOnlyList<ObjectiveState>> AssessAsync(Quarter quarter, Func<Objective, bool> keep, CancellationToken ct)
    {
        var objectives = (await okrs.ListAsync(quarter, ct)).Where(keep).ToArray();
        var linked = await LinkedValuesAsync(objectives.SelectMany(o => o.KeyResults), ct);
        var now = clock.GetUtcNow();
        return objectives
            .Select(o => new ObjectiveState(o, o.KeyResults
                .Select(k => rules.Assess(k, Current(k, linked), quarter, now))
                .OrderByDescending(k => k.AtRisk).ThenByDescending(k => k.Stale).ThenBy(k => k.KeyResult.Id)
                .ToArray()))
            .OrderByDescending(o => o.AtRisk).ThenByDescending(o => o.Stale).ThenBy(o => o.Objective.Id)
            .ToArray();
    }

    /// <summary>The key result's value now: the metric's newest total when it follows one, else its last check-in.</summary>
    public async Task<double> CurrentAsync(KeyResult kr, CancellationToken ct) =>
        Current(kr, await LinkedValuesAsync([kr], ct));

    public KeyResultState Assess(KeyResult kr, double current, Quarter quarter) => rules.Assess(kr, current, quarter, clock.GetUtcNow());

    private static double Current(KeyResult kr, IReadOnlyDictionary<string, double> linked) =>
        kr.MetricKey is { } key && linked.TryGetValue(key, out var v) ? v : kr.Current;

    private async Task<IReadOnlyDictionary<string, double>> LinkedValuesAsync(IEnumerable<KeyResult> keyResults, CancellationToken ct)
    {
        var keys = keyResults.Select(k => k.MetricKey).OfType<string>().ToHashSet(StringComparer.OrdinalIgnoreCase);
        var values = new Dictionary<string, double>(StringComparer.OrdinalIgnoreCase);
        if (keys.Count == 0)
        {
            return values;
        }

        // One read for every linked metric: a quarter can link dozens of key results to metrics.
        var metrics = (await catalog.ListAsync(ct)).Where(m => keys.Contains(m.Key)).ToArray();
        var latest = await lookup.LatestAsync(metrics, ct);
        foreach (var metric in metrics)
        {
            if (latest.TryGetValue(metric.Id, out var value))
            {
                values[metric.Key] = value;
            }
        }

        return values;
    }
}
