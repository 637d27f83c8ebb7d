using ProductOps.Skills.Importing;

namespace ProductOps.Skills.Metrics;

/// <summary>
/// Resolves the parent column of an OKR import: an objective's code (O-3), or the title of another
/// objective in the file or already in the same quarter. An unknown parent, an objective that is its
/// own parent, or a loop of parents rejects the objective's rows, and then its children's.
/// </summary>
public static class OkrParents
{
    private const int MaxDepth = 100;

    /// <summary>The plan of the groups whose parents resolve; <paramref name="stored"/> gives a quarter's stored objectives.</summary>
    public static async Task<IReadOnlyList<ObjectivePlan>> ResolveAsync(
        IReadOnlyList<OkrGroup> groups, IOkrStore okrs, Func<Quarter, Task<IReadOnlyList<Objective>>> stored, List<RejectedRow> rejected, CancellationToken ct)
    {
        var alive = groups.ToList();
        while (true)
        {
            var links = new Dictionary<OkrGroup, Link>();
            var problems = new Dictionary<OkrGroup, string>();
            foreach (var group in alive)
            {
                var (link, problem) = await LinkAsync(group, alive, okrs, stored, ct);
                if (problem is null)
                {
                    links[group] = link;
                }
                else
                {
                    problems[group] = problem;
                }
            }

            foreach (var group in links.Keys)
            {
                if (await LoopsAsync(group, links, alive, okrs, ct))
                {
                    problems[group] = $"objective \"{group.Title}\" would be its own ancestor through parent \"{group.Parent}\"";
                }
            }

            if (problems.Count == 0)
            {
                return alive.Select(g => Plan(g, links[g], alive)).ToArray();
            }

            foreach (var (group, problem) in problems)
            {
                rejected.AddRange(group.Lines.Select(line => new RejectedRow(line, problem)));
                alive.Remove(group);
            }
        }
    }

    /// <summary>A parent: an objective of the file, or a stored one, or none.</summary>
    private readonly record struct Link(OkrGroup? InFile, long? Stored);

    private static async Task<(Link Link, string? Problem)> LinkAsync(
        OkrGroup group, IReadOnlyList<OkrGroup> alive, IOkrStore okrs, Func<Quarter, Task<IReadOnlyList<Objective>>> stored, CancellationToken ct)
    {
        if (group.Parent is not { } parent)
        {
            return (new Link(null, group.Existing?.ParentId), null);
        }

        if (Codes.ParseObjective(parent) is { } id && parent.StartsWith("O-", StringComparison.OrdinalIgnoreCase))
        {
            if (id == group.Existing?.Id)
            {
                return (default, $"objective \"{group.Title}\" cannot be its own parent");
            }

            var inFile = alive.FirstOrDefault(g => g.Existing?.Id == id);
            return inFile is not null ? (new Link(inFile, null), null)
                : await okrs.FindObjectiveAsync(id, ct) is not null ? (new Link(null, id), null)
                : (default, $"parent {parent} is not an objective");
        }

        var byTitle = alive.Where(g => g.Title.Equals(parent, StringComparison.OrdinalIgnoreCase)).OrderBy(g => g.Quarter == group.Quarter ? 0 : 1).FirstOrDefault();
        if (byTitle == group)
        {
            return (default, $"objective \"{group.Title}\" cannot be its own parent");
        }

        if (byTitle is not null)
        {
            return (new Link(byTitle, null), null);
        }

        var byStoredTitle = (await stored(group.Quarter)).FirstOrDefault(o => o.Title.Equals(parent, StringComparison.OrdinalIgnoreCase));
        return byStoredTitle is not null ? (new Link(null, byStoredTitle.Id), null)
            : (default, $"parent \"{parent}\" is neither an objective code like O-3 nor the title of an objective in this file or in {group.Quarter}");
    }

    /// <summary>Whether following parents from the group (the file's new links first, then the stored ones) comes back to it.</summary>
    private static async Task<bool> LoopsAsync(OkrGroup start, IReadOnlyDictionary<OkrGroup, Link> links, IReadOnlyList<OkrGroup> alive, IOkrStore okrs, CancellationToken ct)
    {
        var link = links[start];
        for (var depth = 0; depth < MaxDepth; depth++)
        {
            var next = link.InFile ?? (link.Stored is { } id ? alive.FirstOrDefault(g => g.Existing?.Id == id) : null);
            if (next == start)
            {
                return true;
            }

            if (next is not null)
            {
                if (!links.TryGetValue(next, out link))
                {
                    return false;
                }

                continue;
            }

            if (link.Stored is not { } storedId || await okrs.FindObjectiveAsync(storedId, ct) is not { } stored)
            {
                return false;
            }

            link = new Link(null, stored.ParentId);
        }

        return true;
    }

    private static ObjectivePlan Plan(OkrGroup group, Link link, List<OkrGroup> alive) =>
        new(group.Existing?.Id, group.Title, group.OwnerId, group.Team, group.Quarter, link.InFile is null ? link.Stored : null, link.InFile is null ? null : alive.IndexOf(link.InFile), group.KeyResults);
}
