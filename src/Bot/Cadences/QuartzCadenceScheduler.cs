using System.Globalization;
using ProductOps.Skills.Cadences;
using Quartz;

namespace ProductOps.Bot.Cadences;

/// <summary>
/// Cadence timers as one-shot Quartz triggers in the persistent store, one trigger group per cadence so
/// pausing or deleting calls off everything at once. A trigger missed while the bot was down fires once
/// when it is back (misfire: fire now); only the next opening is ever stored, so there is never a burst.
/// </summary>
public sealed class QuartzCadenceScheduler(ISchedulerFactory factory, TimeProvider clock) : ICadenceScheduler
{
    public async Task ScheduleOpeningAsync(long cadenceId, DateTimeOffset at, CancellationToken ct)
    {
        // A fresh name per occurrence: the job reschedules from inside the opening trigger that fired it,
        // and a replacement under the same key would be deleted when that one-shot trigger completes.
        var scheduler = await factory.GetScheduler(ct);
        await scheduler.UnscheduleJobs(GroupMatcher<TriggerKey>.GroupEquals(OpeningGroup(cadenceId)), ct);
        var trigger = TriggerBuilder.Create(clock)
            .WithIdentity("open-" + Text(at.UtcTicks), OpeningGroup(cadenceId))
            .ForJob(CadenceCycleJob.Key)
            .UsingJobData(CadenceCycleJob.CadenceId, Text(cadenceId))
            .StartAt(at)
            .WithSimpleSchedule(s => s.WithMisfireInstruction(SimpleTriggerMisfireInstruction.FireNow))
            .Build();
        await scheduler.ScheduleTrigger(trigger, TriggerConflict.Replace, ct);
    }

    public async Task ScheduleStepAsync(CycleStep work, CancellationToken ct)
    {
        var name = $"cycle-{work.CycleId}-{work.Kind}-{work.Index}-{work.At.UtcTicks}".ToLowerInvariant();
        var trigger = TriggerBuilder.Create(clock)
            .WithIdentity(name, StepGroup(work.CadenceId))
            .ForJob(CadenceStepJob.Key)
            .UsingJobData(CadenceStepJob.CadenceId, Text(work.CadenceId))
            .UsingJobData(CadenceStepJob.CycleId, Text(work.CycleId))
            .UsingJobData(CadenceStepJob.Kind, work.Kind.ToString())
            .UsingJobData(CadenceStepJob.Index, Text(work.Index))
            .UsingJobData(CadenceStepJob.At, Text(work.At.UtcTicks))
            .StartAt(work.At)
            .WithSimpleSchedule(s => s.WithMisfireInstruction(SimpleTriggerMisfireInstruction.FireNow))
            .Build();
        var scheduler = await factory.GetScheduler(ct);
        await scheduler.ScheduleTrigger(trigger, TriggerConflict.Keep, ct);
    }

    public async Task UnscheduleAsync(long cadenceId, CancellationToken ct)
    {
        var scheduler = await factory.GetScheduler(ct);
        await scheduler.UnscheduleJobs(GroupMatcher<TriggerKey>.GroupEquals(OpeningGroup(cadenceId)), ct);
        await scheduler.UnscheduleJobs(GroupMatcher<TriggerKey>.GroupEquals(StepGroup(cadenceId)), ct);
    }

    public async Task<DateTimeOffset?> NextOpeningAsync(long cadenceId, CancellationToken ct)
    {
        var scheduler = await factory.GetScheduler(ct);
        var found = await scheduler.QueryTriggers(new TriggerQuery { Group = GroupMatcher<TriggerKey>.GroupEquals(OpeningGroup(cadenceId)) }, ct);
        return found.Items.Select(t => t.NextFireTimeUtc).Where(t => t is not null).Min();
    }

    private static string OpeningGroup(long cadenceId) => $"cadence-{Text(cadenceId)}-opening";

    private static string StepGroup(long cadenceId) => $"cadence-{Text(cadenceId)}-steps";

    private static string Text(long n) => n.ToString(CultureInfo.InvariantCulture);
}
