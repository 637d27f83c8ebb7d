namespace ProductOps.Skills.Participants;

/// <summary>Where one person stands in one study.</summary>
public enum ContactStatus
{
    /// <summary>Held for the study while the account's owner decides.</summary>
    AwaitingApproval,

    /// <summary>Held for the study; lapses at its expiry unless marked contacted.</summary>
    Reserved,
    Contacted,
    Completed,
    NoShow,

    /// <summary>Dropped, declined, cancelled or lapsed: no longer counts for any rule.</summary>
    Released,
}

/// <summary>
/// One row of the shared contact ledger: a person, their account, the study and team that asked,
/// and where it stands. <paramref name="At"/> is when the contact was made or reserved; the rules count from it.
/// </summary>
public sealed record Contact(
    long Id,
    long? RequestId,
    long ParticipantId,
    long AccountId,
    string Study,
    Method Method,
    string Team,
    long? AskedBy,
    ContactStatus Status,
    decimal Incentive,
    DateTimeOffset At,
    DateTimeOffset? ExpiresAt,
    long? ApproverId,
    DateTimeOffset? ApprovalAskedAt,
    DateTimeOffset? RemindedAt,
    DateTimeOffset? EscalatedAt)
{
    /// <summary>Whether the contact still counts for the rules at <paramref name="now"/>.</summary>
    public bool Holds(DateTimeOffset now) => Status switch
    {
        ContactStatus.Released => false,
        ContactStatus.Reserved => ExpiresAt is not { } expires || expires > now,
        _ => true,
    };
}

/// <summary>The kinds of ledger events, stable names for readers of the history.</summary>
public static class ContactEvents
{
    public const string Reserved = "reserved";
    public const string ApprovalAsked = "approval-asked";
    public const string Approved = "approved";
    public const string Declined = "declined";
    public const string Suggested = "suggested";
    public const string Override = "override";
    public const string Contacted = "contacted";
    public const string Completed = "completed";
    public const string NoShow = "no-show";
    public const string Released = "released";
    public const string Expired = "expired";
    public const string Reminded = "reminded";
    public const string Escalated = "escalated";
}

/// <summary>The study a batch of contacts belongs to, and who asked.</summary>
public sealed record StudyContext(long? RequestId, string Study, Method Method, string Team, long? AskedBy, decimal Incentive);

/// <summary>A contact to write: who, in which state, and the event that explains it.</summary>
public sealed record NewContact(
    long ParticipantId,
    long AccountId,
    ContactStatus Status,
    DateTimeOffset? ExpiresAt,
    long? ApproverId,
    string Event,
    string? Reason);

/// <summary>A change of one contact's state, with the event that records it.</summary>
public sealed record ContactChange(ContactStatus Status, DateTimeOffset? ExpiresAt, string Event, long? ActorId, string? Reason);

/// <summary>A past contact for the ledger's history import (demo data, migrations from another tool).</summary>
public sealed record PastContact(StudyContext Study, long ParticipantId, long AccountId, ContactStatus Status, DateTimeOffset At);
