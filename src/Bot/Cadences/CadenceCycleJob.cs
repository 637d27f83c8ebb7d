using System.Globalization;
using ProductOps.Skills.Cadences;
using Quartz;

namespace ProductOps.Bot.Cadences;

/// <summary>Opens a cadence's cycle at its scheduled time and schedules the next opening.</summary>
[DisallowConcurrentExecution]
public sealed class CadenceCycleJob(CadenceCycles cycles, ILogger<CadenceCycleJob> log) : IJob
{
    public const string CadenceId = "cadence";

    public static readonly JobKey Key = new("cadence-cycle", "cadences");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var id = long.Parse(context.MergedJobDataMap.GetString(CadenceId)!, CultureInfo.InvariantCulture);
        var cycle = await cycles.OpenScheduledAsync(id, context.ScheduledFireTimeUtc ?? context.FireTimeUtc, cancellationToken);
        if (cycle is null)
        {
            log.LogInformation("Cadence {CadenceId} opened no cycle: paused, deleted or skipped", id);
        }
        else
        {
            log.LogInformation("Cadence {CadenceId} opened cycle {CycleNumber} ({CycleId})", id, cycle.Number, cycle.Id);
        }
    }
}
