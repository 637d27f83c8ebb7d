namespace ProductOps.Skills.Cadences;

public enum StepKind
{
    /// <summary>The first DM of a cycle, with the Submit button.</summary>
    Nudge,

    /// <summary>A reminder to those who have not submitted; <see cref="CycleStep.Index"/> is the reminder's position.</summary>
    Remind,

    /// <summary>The due time: the digest, then the escalation.</summary>
    Close,
}

/// <summary>Work of an open cycle at a time. Running a step twice sends nothing twice: every message has an outbox key.</summary>
public sealed record CycleStep(long CadenceId, long CycleId, StepKind Kind, int Index, DateTimeOffset At);

/// <summary>
/// Durable timers for cadences: the next opening of each, and the steps of open cycles. Only the next
/// opening is ever held, so an opening missed during downtime runs once on start, never once per miss.
/// </summary>
public interface ICadenceScheduler
{
    /// <summary>Replaces the cadence's next opening.</summary>
    Task ScheduleOpeningAsync(long cadenceId, DateTimeOffset at, CancellationToken ct);

    /// <summary>Schedules the step unless the same step at the same time is already scheduled.</summary>
    Task ScheduleStepAsync(CycleStep work, CancellationToken ct);

    /// <summary>Removes the cadence's opening and every pending step of its cycles.</summary>
    Task UnscheduleAsync(long cadenceId, CancellationToken ct);

    /// <summary>When the cadence next opens, or null when nothing is scheduled.</summary>
    Task<DateTimeOffset?> NextOpeningAsync(long cadenceId, CancellationToken ct);
}
