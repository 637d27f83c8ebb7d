using ProductOps.Skills.Conversation;
using ProductOps.Storage.Deliveries;
using ProductOps.Storage.Teams;
using Quartz;

namespace ProductOps.Bot.Scheduling;

/// <summary>
/// Daily: deletes delivered outbox messages older than <see cref="Retention"/> (failed ones stay for
/// admins), forgets inbound delivery keys older than <see cref="DeliveryMemory"/> and files offered
/// in Teams that nobody accepted in time.
/// </summary>
[DisallowConcurrentExecution]
public sealed class HousekeepingJob(IOutboxStore outbox, SqlDeliveryLog deliveries, SqlPendingFiles offeredFiles, ILogger<HousekeepingJob> log) : IJob
{
    public static readonly JobKey Key = new("housekeeping", "maintenance");

    public static readonly TriggerKey Daily = new("housekeeping-daily", "maintenance");

    /// <summary>Also how long a delivered key stays idempotent: a key reused after this is sent again.</summary>
    public static readonly TimeSpan Retention = TimeSpan.FromDays(30);

    /// <summary>Platforms retry a delivery for minutes, not days; a week is a wide margin.</summary>
    public static readonly TimeSpan DeliveryMemory = TimeSpan.FromDays(7);

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var purged = await outbox.PurgeDeliveredAsync(Retention, cancellationToken);
        var forgotten = await deliveries.PurgeOlderThanAsync(DeliveryMemory, cancellationToken);
        var expired = await offeredFiles.PurgeExpiredAsync(cancellationToken);
        log.LogInformation(
            "Housekeeping purged {Messages} delivered outbox messages, {Deliveries} inbound delivery keys and {Files} expired file offers", purged, forgotten, expired);
    }
}
