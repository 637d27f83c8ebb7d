using ProductOps.Skills.Admin;
using ProductOps.Skills.Importing;

namespace ProductOps.Skills.Metrics;

/// <summary>
/// <c>import okrs FILE.csv</c>, <c>POST /api/okrs</c> and <c>/okr import</c>: one row per key result,
/// grouped into objectives by title and quarter. Objectives and key results that exist (same title,
/// ignoring case) are updated, so a planning sheet can be imported again; every objective ends with
/// 2–5 key results. With any bad row nothing is imported unless partial.
/// </summary>
public sealed class OkrImport(IOkrStore okrs, IMetricCatalog catalog, MetricLookup lookup, OkrBoard board, IPeopleStore people, IAuditLog audit, TimeProvider clock) : ICsvImport
{
    public const string KindName = "okrs";

    public const string AuditAction = "okrs.import";

    public string Kind => KindName;

    public string Columns => OkrImportRows.Columns;

    public async Task<ImportReport> ImportAsync(TextReader csv, ImportRequest request, CancellationToken ct)
    {
        var (table, problem) = await CsvTable.ReadAsync(csv, OkrImportRows.Known, OkrImportRows.Required, Columns, ct);
        if (problem is not null)
        {
            return ImportReport.Failed(problem);
        }

        var now = clock.GetUtcNow();
        var current = board.CurrentQuarter;
        var reader = new OkrImportRows(catalog, people);
        var rejected = new List<RejectedRow>();
        var rows = new List<OkrRow>();

        // The first rejected line of each objective: the good rows' problems may stem from it.
        var rejectedLineOf = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        foreach (var line in table)
        {
            var (row, rowProblem) = await reader.ReadAsync(line, current, ct);
            if (row is null)
            {
                rejected.Add(new RejectedRow(line.Line, rowProblem!));
                if (line["objective"] is { } title)
                {
                    rejectedLineOf.TryAdd(title, line.Line);
                }
            }
            else
            {
                rows.Add(row);
            }
        }

        // Each quarter's stored objectives are read once, however many rows name it.
        var stored = new Dictionary<Quarter, IReadOnlyList<Objective>>();
        async Task<IReadOnlyList<Objective>> StoredAsync(Quarter quarter) =>
            stored.TryGetValue(quarter, out var known) ? known : stored[quarter] = await okrs.ListAsync(quarter, ct);

        var groups = new List<OkrGroup>();
        foreach (var rowsOfObjective in rows.GroupBy(r => (r.Objective.ToUpperInvariant(), r.Quarter)))
        {
            var existing = (await StoredAsync(rowsOfObjective.Key.Quarter))
                .FirstOrDefault(o => o.Title.Equals(rowsOfObjective.First().Objective, StringComparison.OrdinalIgnoreCase));
            if (await GroupAsync(rowsOfObjective.ToArray(), existing, rejected, rejectedLineOf, ct) is { } group)
            {
                groups.Add(group);
            }
        }

        var plan = await OkrParents.ResolveAsync(groups, okrs, StoredAsync, rejected, ct);
        rejected.Sort((a, b) => a.Line.CompareTo(b.Line));
        if (rejected.Count > 0 && !request.Partial)
        {
            return new ImportReport(0, 0, rejected, false);
        }

        await okrs.ImportAsync(plan, now, ct);
        var keyResults = plan.SelectMany(o => o.KeyResults).ToArray();
        var (added, updated) = (keyResults.Count(k => k.Id is null), keyResults.Count(k => k.Id is not null));
        await audit.WriteAsync(
            new AuditChange(request.ActorId, request.ActorName, AuditAction, "objectives and key results", null,
                $"{plan.Count(o => o.Id is null)} objectives added, {plan.Count(o => o.Id is not null)} updated; {added} key results added, {updated} updated; {rejected.Count} rows rejected"),
            ct);
        return new ImportReport(added, updated, rejected, true);
    }

    /// <summary>The objective's rows as one planned objective, or null when they cannot make one (each row then rejected with the reason).</summary>
    private async Task<OkrGroup?> GroupAsync(OkrRow[] rows, Objective? existing, List<RejectedRow> rejected, Dictionary<string, int> rejectedLineOf, CancellationToken ct)
    {
        var title = rows[0].Objective;
        OkrGroup? Reject(string reason)
        {
            rejected.AddRange(rows.Select(r => new RejectedRow(r.Line, reason)));
            return null;
        }

        var teams = Distinct(rows.Select(r => r.Team), StringComparer.OrdinalIgnoreCase);
        var owners = Distinct(rows.Select(r => r.OwnerId), EqualityComparer<long?>.Default);
        var parents = Distinct(rows.Select(r => r.Parent), StringComparer.OrdinalIgnoreCase);
        if (new[] { ("team", teams.Length), ("owner", owners.Length), ("parent", parents.Length) }.FirstOrDefault(f => f.Item2 > 1) is ({ } column, _))
        {
            return Reject($"the rows of objective \"{title}\" give different values for {column}; give one, or leave it blank after the first row");
        }

        var team = teams.FirstOrDefault() ?? existing?.Team;
        var ownerId = owners.FirstOrDefault() ?? existing?.OwnerId;
        if (team is null || ownerId is null)
        {
            var missing = team is null ? "team" : "owner";
            return Reject(rejectedLineOf.TryGetValue(title, out var badLine)
                ? $"objective \"{title}\" has no {missing} on its good rows; line {badLine}, rejected, may be the one that gives it"
                : $"objective \"{title}\" needs a {missing} on at least one of its rows");
        }

        var keyResults = new List<(int Line, KeyResultPlan Plan)>();
        foreach (var row in rows)
        {
            var match = existing?.KeyResults.FirstOrDefault(k => k.Title.Equals(row.KeyResult, StringComparison.OrdinalIgnoreCase));
            if (keyResults.Any(k => k.Plan.Title.Equals(row.KeyResult, StringComparison.OrdinalIgnoreCase)))
            {
                rejected.Add(new RejectedRow(row.Line, $"key result \"{row.KeyResult}\" appears twice for objective \"{title}\""));
                continue;
            }

            var start = row.Start ?? match?.Start ?? (row.Metric is null ? 0 : await lookup.LatestAsync(row.Metric, ct) ?? 0);
            if (start == row.Target)
            {
                rejected.Add(new RejectedRow(row.Line, $"start and target are both {OkrReplies.Number(start)}, so there is nothing to make progress on"));
                continue;
            }

            var unit = row.Unit ?? row.Metric?.Unit ?? match?.Unit ?? MetricUnit.Count;
            keyResults.Add((row.Line, new KeyResultPlan(match?.Id, row.KeyResult, row.KeyResultOwnerId ?? ownerId.Value, row.Metric?.Key, start, row.Target, unit)));
        }

        var kept = existing?.KeyResults.Count(k => keyResults.All(p => p.Plan.Id != k.Id)) ?? 0;
        var total = kept + keyResults.Count;
        if (total is < 2 or > Objective.MaxKeyResults)
        {
            var had = kept > 0 ? $" ({kept} already in {existing!.Code})" : "";
            rejected.AddRange(keyResults.Select(k => new RejectedRow(k.Line, $"objective \"{title}\" would have {total} key result{(total == 1 ? "" : "s")}{had}; an objective takes 2–{Objective.MaxKeyResults}")));
            return null;
        }

        return new OkrGroup(rows.Select(r => r.Line).ToArray(), existing, title, ownerId.Value, team, rows[0].Quarter, parents.FirstOrDefault(), keyResults.Select(k => k.Plan).ToArray());
    }

    /// <summary>The values the objective's rows give for a field; more than one is a contradiction.</summary>
    private static T[] Distinct<T>(IEnumerable<T?> values, IEqualityComparer<T> comparer) =>
        values.Where(v => v is not null).Select(v => v!).Distinct(comparer).ToArray();
}

/// <summary>An objective read from a file, before its parent is resolved.</summary>
public sealed record OkrGroup(
    IReadOnlyList<int> Lines,
    Objective? Existing,
    string Title,
    long OwnerId,
    string Team,
    Quarter Quarter,
    string? Parent,
    IReadOnlyList<KeyResultPlan> KeyResults);
