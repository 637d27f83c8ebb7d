namespace ProductOps.Skills.Participants;

/// <summary>
/// The one contact ledger all teams share. The rules read only this: who was contacted, at which
/// account, for which study and team, and when.
/// </summary>
public interface IContactLedger
{
    /// <summary>Contacts of these people and at these accounts within the window, oldest first, released ones included.</summary>
    Task<IReadOnlyList<Contact>> HistoryAsync(IReadOnlyCollection<long> participantIds, IReadOnlyCollection<long> accountIds, LedgerWindow window, CancellationToken ct);

    /// <summary>
    /// Answers <paramref name="question"/> for these people and accounts in the store, counting
    /// exactly what <see cref="LedgerCounts.Of"/> counts from <see cref="HistoryAsync"/>, without
    /// reading the contacts out: a request over many people stays cheap.
    /// </summary>
    Task<LedgerCounts> CountAsync(
        IReadOnlyCollection<long> participantIds, IReadOnlyCollection<long> accountIds, LedgerQuestion question, CancellationToken ct);

    /// <summary>
    /// In one write transaction that keeps every other writer out: reads the ledger of these
    /// candidates and their accounts as it stands, asks <paramref name="decide"/> whom to place, and
    /// writes those contacts. Two confirmations at the same moment therefore never pass a cap together.
    /// </summary>
    Task<IReadOnlyList<Contact>> ReserveAsync(
        StudyContext study,
        IReadOnlyList<Candidate> candidates,
        LedgerWindow window,
        Func<IReadOnlyList<Contact>, IReadOnlyList<NewContact>> decide,
        CancellationToken ct);

    Task<Contact?> FindAsync(long contactId, CancellationToken ct);

    Task<IReadOnlyList<Contact>> ForRequestAsync(long requestId, CancellationToken ct);

    /// <summary>The latest decline of this participant for this request by an approver, or null.</summary>
    Task<Decline?> DeclineAsync(long requestId, long participantId, CancellationToken ct);

    /// <summary>Changes the contact only while it is in one of <paramref name="from"/>; false when it moved on meanwhile.</summary>
    Task<bool> ChangeAsync(long contactId, IReadOnlyCollection<ContactStatus> from, ContactChange change, CancellationToken ct);

    /// <summary>Adds past contacts as they happened (no rules applied).</summary>
    Task ImportAsync(IReadOnlyList<PastContact> history, CancellationToken ct);
}

/// <summary>What the follow-up job works through: approvals waiting for an answer and reservations that lapsed.</summary>
public interface IFollowUpStore
{
    /// <summary>Contacts still awaiting approval whose owner was asked at or before <paramref name="askedBefore"/>.</summary>
    Task<IReadOnlyList<Contact>> WaitingApprovalAsync(DateTimeOffset askedBefore, CancellationToken ct);

    /// <summary>Reservations whose expiry has passed.</summary>
    Task<IReadOnlyList<Contact>> LapsedAsync(DateTimeOffset now, CancellationToken ct);

    /// <summary>Records a reminder or an escalation once; false when it was already recorded.</summary>
    Task<bool> MarkAsync(long contactId, string kind, CancellationToken ct);
}

/// <summary>An approver's "no" to contacting someone for a request, with the reason they gave.</summary>
public sealed record Decline(long? By, string? Reason);
