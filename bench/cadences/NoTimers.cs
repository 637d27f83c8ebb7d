using ProductOps.Skills.Cadences;

namespace ProductOps.Bench.Cadences;

/// <summary>The benchmark runs a cycle's steps itself, so scheduling them only records them.</summary>
internal sealed class NoTimers : ICadenceScheduler
{
    public List<CycleStep> Steps { get; } = [];

    public Task ScheduleOpeningAsync(long cadenceId, DateTimeOffset at, CancellationToken ct) => Task.CompletedTask;

    public Task ScheduleStepAsync(CycleStep work, CancellationToken ct)
    {
        Steps.Add(work);
        return Task.CompletedTask;
    }

    public Task UnscheduleAsync(long cadenceId, CancellationToken ct) => Task.CompletedTask;

    public Task<DateTimeOffset?> NextOpeningAsync(long cadenceId, CancellationToken ct) => Task.FromResult<DateTimeOffset?>(null);
}
