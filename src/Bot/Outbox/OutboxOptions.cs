namespace ProductOps.Bot.Outbox;

/// <summary>How the outbox dispatcher delivers stored messages, bound from the "Outbox" section.</summary>
public sealed class OutboxOptions
{
    public const string Section = "Outbox";

    /// <summary>How often to look for due messages when nothing was enqueued in this process.</summary>
    public int PollSeconds { get; set; } = 2;

    /// <summary>Attempts before a message is marked failed for good.</summary>
    public int MaxAttempts { get; set; } = 10;

    /// <summary>Messages claimed per pass.</summary>
    public int BatchSize { get; set; } = 20;

    /// <summary>
    /// How long a claimed message is reserved for one dispatcher. It must outlast the slowest send:
    /// when it runs out (after a crash, or a send that hangs) another pass sends the message again.
    /// </summary>
    public int LeaseSeconds { get; set; } = 120;

    /// <summary>The first retry delay; it doubles with each attempt up to <see cref="MaxRetryMinutes"/>.</summary>
    public int FirstRetrySeconds { get; set; } = 5;

    public int MaxRetryMinutes { get; set; } = 15;

    /// <summary>How often a message no configured platform can take is looked at again.</summary>
    public int PlatformRecheckSeconds { get; set; } = 60;

    /// <summary>Problems a person can act on; empty when the options are usable.</summary>
    public IEnumerable<string> Problems()
    {
        if (PollSeconds is < 1 or > 3600)
        {
            yield return $"Outbox:PollSeconds is {PollSeconds}; use 1 to 3600 seconds.";
        }

        if (MaxAttempts < 1)
        {
            yield return $"Outbox:MaxAttempts is {MaxAttempts}; use at least 1.";
        }

        if (BatchSize is < 1 or > 500)
        {
            yield return $"Outbox:BatchSize is {BatchSize}; use 1 to 500.";
        }

        if (LeaseSeconds < 30)
        {
            yield return $"Outbox:LeaseSeconds is {LeaseSeconds}; use at least 30, longer than the slowest send, or slow sends are sent twice.";
        }

        if (FirstRetrySeconds < 1 || MaxRetryMinutes < 1 || FirstRetrySeconds > MaxRetryMinutes * 60)
        {
            yield return $"Outbox:FirstRetrySeconds ({FirstRetrySeconds}) must be at least 1 and no more than Outbox:MaxRetryMinutes ({MaxRetryMinutes}) in seconds.";
        }

        if (PlatformRecheckSeconds < 1)
        {
            yield return $"Outbox:PlatformRecheckSeconds is {PlatformRecheckSeconds}; use at least 1.";
        }
    }
}
