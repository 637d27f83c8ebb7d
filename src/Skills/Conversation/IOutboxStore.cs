namespace ProductOps.Skills.Conversation;

/// <summary>
/// The outbox as the dispatcher and admins see it. A message moves pending → sending (claimed
/// under a lease) → delivered, back to pending for a retry, or failed for good.
/// </summary>
public interface IOutboxStore
{
    /// <summary>
    /// Claims up to <paramref name="max"/> messages that are due, or whose lease ran out while
    /// sending, and leases them for <paramref name="lease"/>: no other dispatcher claims them until
    /// the lease ends or the message is settled.
    /// </summary>
    Task<IReadOnlyList<ClaimedMessage>> ClaimDueAsync(int max, TimeSpan lease, CancellationToken ct);

    Task MarkDeliveredAsync(ClaimedMessage message, string platform, CancellationToken ct);

    /// <summary>Counts the attempt and makes the message due again at <paramref name="at"/>.</summary>
    Task ScheduleRetryAsync(ClaimedMessage message, DateTimeOffset at, string problem, CancellationToken ct);

    /// <summary>Counts the attempt and gives up: the message is kept, with its error, for admins to see.</summary>
    Task MarkFailedAsync(ClaimedMessage message, string problem, CancellationToken ct);

    /// <summary>
    /// Puts the message back without counting an attempt because no configured platform can take it
    /// yet; it is counted as waiting until a platform delivers it.
    /// </summary>
    Task WaitForPlatformAsync(ClaimedMessage message, DateTimeOffset recheckAt, string reason, CancellationToken ct);

    Task<OutboxCounts> CountAsync(CancellationToken ct);

    /// <summary>The latest permanent failures, newest first.</summary>
    Task<IReadOnlyList<OutboxFailure>> RecentFailuresAsync(int max, CancellationToken ct);

    /// <summary>Deletes delivered messages older than <paramref name="age"/>; returns how many.</summary>
    Task<int> PurgeDeliveredAsync(TimeSpan age, CancellationToken ct);
}

/// <summary>A message claimed for delivery. <paramref name="Lease"/> proves the claim when it is settled.</summary>
public sealed record ClaimedMessage(long Id, OutboundMessage Message, int Attempts, string Lease);

/// <summary>
/// How many messages are in each state. <paramref name="Pending"/> excludes those
/// <paramref name="WaitingForPlatform"/>, which no configured platform can take yet.
/// </summary>
public sealed record OutboxCounts(int Pending, int Sending, int WaitingForPlatform, int Delivered, int Failed);

public sealed record OutboxFailure(string Key, Recipient To, int Attempts, string? LastError, DateTimeOffset FailedAt);
