using ProductOps.Skills.Metrics;
using Quartz;

namespace ProductOps.Bot.Metrics;

/// <summary>
/// Hourly: sends the week's product-health digest once it is due (the schedule lives in settings
/// admins edit in chat, so the trigger never needs rescheduling). A failure is reported to the admins.
/// </summary>
[DisallowConcurrentExecution]
public sealed class MetricsDigestJob(MetricsDigest digest, TimeProvider clock, ILogger<MetricsDigestJob> log) : IJob
{
    public static readonly JobKey Key = new("metrics-digest", "metrics");

    public static readonly TriggerKey Hourly = new("metrics-digest-hourly", "metrics");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        try
        {
            if (await digest.RunIfDueAsync(cancellationToken) is { } outcome)
            {
                log.LogInformation("Weekly digest: {Summary} ({Problems} problems reported)", outcome.Summary, outcome.Problems.Count);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // A digest must never be dropped silently: the admins hear of it, then Quartz records the failure.
            log.LogError(e, "Weekly digest failed");
            var week = MetricFormat.Date(DigestSettings.WeekOf(clock.GetUtcNow()));
            await digest.ReportAsync([$"Building or sending this week's digest failed: {e.Message}"], $"metrics.digest.failed.{week}", cancellationToken);
            throw new JobExecutionException(e);
        }
    }
}
