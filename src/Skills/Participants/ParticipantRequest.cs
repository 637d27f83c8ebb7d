namespace ProductOps.Skills.Participants;

public enum RequestStatus
{
    /// <summary>People proposed, nothing reserved yet.</summary>
    Proposed,

    /// <summary>Confirmed: its people are reserved or contacted.</summary>
    Open,
    Cancelled,
}

/// <summary>What a PM asks for, once checked.</summary>
public sealed record RequestDraft(
    string Study,
    Method Method,
    int Wanted,
    PoolFilter Filter,
    decimal Incentive,
    DateOnly? From,
    DateOnly? To,
    int PerAccount,
    string Team);

/// <summary>
/// A request for participants. <paramref name="Proposed"/> is the current proposal;
/// <paramref name="Skipped"/> are people the PM dropped, never proposed again for it.
/// </summary>
public sealed record ParticipantRequest(
    long Id,
    long PmId,
    RequestDraft Draft,
    IReadOnlyList<long> Proposed,
    IReadOnlyList<long> Skipped,
    RequestStatus Status,
    DateTimeOffset CreatedAt)
{
    public StudyContext Context(long? askedBy) => new(Id, Draft.Study, Draft.Method, Draft.Team, askedBy ?? PmId, Draft.Incentive);
}

/// <summary>Participant requests and their current proposals.</summary>
public interface IRequestStore
{
    Task<ParticipantRequest> AddAsync(long pmId, RequestDraft draft, DateTimeOffset at, CancellationToken ct);

    Task<ParticipantRequest?> FindAsync(long id, CancellationToken ct);

    /// <summary>The person's newest requests first.</summary>
    Task<IReadOnlyList<ParticipantRequest>> ByPmAsync(long pmId, int limit, CancellationToken ct);

    Task SetProposalAsync(long id, IReadOnlyList<long> proposed, IReadOnlyList<long> skipped, CancellationToken ct);

    /// <summary>Moves the request to <paramref name="status"/> only from <paramref name="from"/>; false when it moved on meanwhile.</summary>
    Task<bool> SetStatusAsync(long id, RequestStatus from, RequestStatus status, CancellationToken ct);
}
