using System.Globalization;
using ProductOps.Skills.Cadences;
using Quartz;

namespace ProductOps.Bot.Cadences;

/// <summary>Runs one step of an open cycle: nudges, a reminder, or the close with digest and escalation.</summary>
[DisallowConcurrentExecution]
public sealed class CadenceStepJob(CadenceCycles cycles, ILogger<CadenceStepJob> log) : IJob
{
    public const string CadenceId = "cadence";
    public const string CycleId = "cycle";
    public const string Kind = "kind";
    public const string Index = "index";
    public const string At = "at";

    public static readonly JobKey Key = new("cadence-step", "cadences");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var data = context.MergedJobDataMap;
        var step = new CycleStep(
            Number(data, CadenceId),
            Number(data, CycleId),
            Enum.Parse<StepKind>(data.GetString(Kind)!),
            (int)Number(data, Index),
            new DateTimeOffset(Number(data, At), TimeSpan.Zero));
        await cycles.RunStepAsync(step, cancellationToken);
        log.LogInformation("Ran {Step} {Index} of cycle {CycleId} of cadence {CadenceId}", step.Kind, step.Index, step.CycleId, step.CadenceId);
    }

    private static long Number(JobDataMap data, string key) => long.Parse(data.GetString(key)!, CultureInfo.InvariantCulture);
}
