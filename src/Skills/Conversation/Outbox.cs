namespace ProductOps.Skills.Conversation;

/// <summary>Where a proactive message goes: a person's DM, or a channel.</summary>
public abstract record Recipient;

/// <summary>A person's direct messages, on whichever configured platform they are known.</summary>
public sealed record PersonRecipient(long PersonId) : Recipient;

/// <summary>
/// A channel by name or platform id. With no platform given, the first configured chat platform
/// is used (most organisations run one).
/// </summary>
public sealed record ChannelRecipient(string Channel, string? Platform = null) : Recipient;

/// <summary>A proactive message. <paramref name="Key"/> makes it idempotent: one key is delivered at most once, ever.</summary>
public sealed record OutboundMessage(string Key, Recipient To, Reply Reply);

/// <summary>
/// Stores proactive messages (nudges, loop-closing DMs, approval requests, digests) before they are
/// sent; a dispatcher delivers them with retries. Enqueue is the only way skills send on their own.
/// </summary>
public interface IOutbox
{
    /// <summary>Stores the message; returns false (and stores nothing) when its key was enqueued before.</summary>
    Task<bool> EnqueueAsync(OutboundMessage message, CancellationToken ct);

    /// <summary>
    /// Stores the messages together (the stored outbox in one transaction: all or none, and one write
    /// for thousands of nudges); keys enqueued before are skipped. Returns how many were stored.
    /// </summary>
    async Task<int> EnqueueAllAsync(IReadOnlyList<OutboundMessage> messages, CancellationToken ct)
    {
        var stored = 0;
        foreach (var message in messages)
        {
            stored += await EnqueueAsync(message, ct) ? 1 : 0;
        }

        return stored;
    }
}
