using ProductOps.Skills.Conversation;
using Quartz;

namespace ProductOps.Bot.Scheduling;

/// <summary>Daily: deletes delivered outbox messages older than <see cref="Retention"/>; failed ones stay for admins.</summary>
[DisallowConcurrentExecution]
public sealed class OutboxCleanupJob(IOutboxStore outbox, ILogger<OutboxCleanupJob> log) : IJob
{
    public static readonly JobKey Key = new("outbox-cleanup", "maintenance");

    public static readonly TriggerKey Daily = new("outbox-cleanup-daily", "maintenance");

    /// <summary>Also how long a delivered key stays idempotent: a key reused after this is sent again.</summary>
    public static readonly TimeSpan Retention = TimeSpan.FromDays(30);

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var purged = await outbox.PurgeDeliveredAsync(Retention, cancellationToken);
        log.LogInformation("Purged {Count} delivered outbox messages older than {Days} days", purged, Retention.TotalDays);
    }
}
