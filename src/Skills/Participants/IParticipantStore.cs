namespace ProductOps.Skills.Participants;

/// <summary>Who may be proposed: a method, and optional criteria; empty lists mean "any".</summary>
public sealed record PoolFilter(
    Method Method,
    IReadOnlyList<string> Segments,
    IReadOnlyList<string> Roles,
    IReadOnlyList<string> Regions,
    IReadOnlyList<long> Accounts,
    IReadOnlyList<long> ExcludedAccounts);

/// <summary>The words the pool uses, for "did you mean" and for the request form.</summary>
public sealed record PoolVocabulary(IReadOnlyList<string> Segments, IReadOnlyList<string> Roles, IReadOnlyList<string> Regions);

/// <summary>The research participant pool.</summary>
public interface IParticipantStore
{
    /// <summary>By e-mail, ignoring case.</summary>
    Task<Candidate?> FindByEmailAsync(string email, CancellationToken ct);

    Task<IReadOnlyList<Candidate>> FindAsync(IReadOnlyCollection<long> ids, CancellationToken ct);

    /// <summary>Everyone at one account.</summary>
    Task<IReadOnlyList<Candidate>> AtAccountAsync(long accountId, CancellationToken ct);

    /// <summary>
    /// Everyone who matches the criteria, whatever the rules say, except that the method's opt-in
    /// and do-not-contact are left to the rules, so they can be counted and named.
    /// </summary>
    Task<IReadOnlyList<Candidate>> MatchAsync(PoolFilter filter, CancellationToken ct);

    Task<PoolVocabulary> VocabularyAsync(CancellationToken ct);

    /// <summary>Adds or updates each participant by e-mail in one transaction; returns how many were added and updated.</summary>
    Task<(int Added, int Updated)> UpsertAsync(IReadOnlyList<ParticipantData> participants, CancellationToken ct);
}
