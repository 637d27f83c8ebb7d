namespace ProductOps.Skills.Participants;

/// <summary>The exclusions of one rule: how many, and the people (first by name) it names.</summary>
public sealed record ExclusionGroup(RuleKind Rule, IReadOnlyList<Assessment> People);

/// <summary>
/// A proposal: whom to propose, and the numbers behind it: how many matched, how many each rule
/// excluded, how many passed every rule, and how many of those the account spread held back.
/// </summary>
public sealed record Proposal(
    IReadOnlyList<Assessment> Picked,
    int Matched,
    IReadOnlyList<ExclusionGroup> Excluded,
    int Eligible,
    int HeldBySpread,
    int Wanted);

/// <summary>Ranks eligible people by least recently contacted and spreads them across accounts.</summary>
public static class Selection
{
    /// <summary>
    /// Up to <paramref name="wanted"/> people, at most <paramref name="perAccount"/> per account. People in
    /// <paramref name="keep"/> (already proposed) stay first and count for the spread; people in
    /// <paramref name="skip"/> (dropped, or already in the request) are never proposed again.
    /// </summary>
    public static Proposal Propose(IReadOnlyList<Assessment> assessed, int wanted, int perAccount, IReadOnlyList<long> keep, IReadOnlySet<long> skip)
    {
        var kept = keep.Select(id => assessed.FirstOrDefault(a => a.Candidate.Person.Id == id && a.Eligible)).OfType<Assessment>().ToList();
        var perAccountCount = kept.GroupBy(a => a.Candidate.Account.Id).ToDictionary(g => g.Key, g => g.Count());
        var eligible = assessed.Where(a => a.Eligible && !skip.Contains(a.Candidate.Person.Id)).ToArray();

        // Never contacted first, then least recently; at equal footing, accounts with fewer people in
        // the pool are not crowded out by the big ones, and ids keep the order stable.
        var ranked = eligible
            .Where(a => !kept.Contains(a))
            .OrderBy(a => a.LastContact ?? DateTimeOffset.MinValue)
            .ThenBy(a => a.Candidate.Person.Id);
        var picked = new List<Assessment>(kept);
        var held = 0;
        foreach (var a in ranked)
        {
            var account = a.Candidate.Account.Id;
            if (perAccountCount.GetValueOrDefault(account) >= perAccount)
            {
                held++;
                continue;
            }

            if (picked.Count >= wanted)
            {
                continue;
            }

            picked.Add(a);
            perAccountCount[account] = perAccountCount.GetValueOrDefault(account) + 1;
        }

        var excluded = assessed
            .Where(a => !a.Eligible)
            .GroupBy(a => a.First!.Rule)
            .OrderBy(g => g.Key)
            .Select(g => new ExclusionGroup(g.Key, g.OrderBy(a => a.Candidate.Person.Name, StringComparer.OrdinalIgnoreCase).ToArray()))
            .ToArray();
        return new Proposal(picked, assessed.Count, excluded, assessed.Count(a => a.Eligible), held, wanted);
    }
}
