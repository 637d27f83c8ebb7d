using ProductOps.Skills.Conversation;

namespace ProductOps.Bot.Outbox;

/// <summary>
/// Delivers stored proactive messages on one chat platform. One implementation per platform;
/// the dispatcher only hands a sender messages for people or channels it can reach.
/// </summary>
public interface IMessageSender
{
    /// <summary>The platform name, one of <see cref="Platforms"/>.</summary>
    string Platform { get; }

    /// <summary>False when the platform's credentials are missing: its messages wait in the outbox.</summary>
    bool IsConfigured { get; }

    Task<SendResult> SendAsync(Delivery delivery, CancellationToken ct);
}

/// <summary>One message to deliver: to a person (with their identity on this platform) or to a channel.</summary>
public sealed record Delivery(string Key, Recipient To, ChatIdentity? Identity, Reply Reply);

public enum SendOutcome
{
    Sent,

    /// <summary>A passing failure (rate limit, 5xx, network): try again, after <see cref="SendResult.RetryAfter"/> if given.</summary>
    Retry,

    /// <summary>A failure that retrying cannot fix (user blocked the bot, channel gone): recorded, not retried.</summary>
    Failed,
}

public sealed record SendResult(SendOutcome Outcome, string? Error = null, TimeSpan? RetryAfter = null)
{
    public static readonly SendResult Sent = new(SendOutcome.Sent);

    public static SendResult Retry(string error, TimeSpan? after = null) => new(SendOutcome.Retry, error, after);

    public static SendResult Failed(string error) => new(SendOutcome.Failed, error);
}
