namespace ProductOps.Skills.Participants;

/// <summary>
/// Matches the pool to a request, checks everyone against the rules on the current ledger, and keeps
/// the request's proposal: for a new request, after a drop, and when the PM asks for more.
/// </summary>
public sealed class Proposer(IParticipantStore pool, IContactLedger ledger, IRequestStore requests, RuleSource rules, TimeProvider clock)
{
    /// <summary>Proposes up to <paramref name="wanted"/> people, keeping <paramref name="keep"/> and never proposing <paramref name="drop"/> again.</summary>
    public async Task<(Proposal Proposal, RuleValues Rules)> ProposeAsync(
        ParticipantRequest request, IReadOnlyList<long> keep, IReadOnlyList<long> drop, int wanted, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var values = await rules.CurrentAsync(ct);
        var candidates = await pool.MatchAsync(request.Draft.Filter, ct);
        var ids = candidates.Select(c => c.Person.Id).ToArray();
        var study = request.Context(null);
        var counts = await ledger.CountAsync(ids, candidates.Select(c => c.Account.Id).Distinct().ToArray(), LedgerQuestion.For(values, study, now), ct);
        var assessed = RuleEngine.Assess(candidates, counts, values, study, now);

        // Anyone already in this request (reserved, waiting, or dropped by an owner) is not proposed again.
        var already = (await ledger.ForRequestAsync(request.Id, ct)).Select(c => c.ParticipantId);
        var skip = drop.Concat(request.Skipped).Concat(already).ToHashSet();
        var proposal = Selection.Propose(assessed, wanted, request.Draft.PerAccount, keep, skip);
        await requests.SetProposalAsync(request.Id, proposal.Picked.Select(a => a.Candidate.Person.Id).ToArray(), skip.ToArray(), ct);
        return (proposal, values);
    }
}
