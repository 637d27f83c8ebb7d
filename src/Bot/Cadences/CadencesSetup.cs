using ProductOps.Skills.Cadences;
using ProductOps.Storage.Cadences;
using Quartz;

namespace ProductOps.Bot.Cadences;

public static class CadencesSetup
{
    /// <summary>The cadence stores, the cycle logic, its Quartz timers and jobs, and the start-up check that every cadence is scheduled.</summary>
    public static IServiceCollection AddCadences(this IServiceCollection services)
    {
        services.AddSingleton<ICadenceStore, SqlCadenceStore>();
        services.AddSingleton<ICycleStore, SqlCycleStore>();
        services.AddSingleton<IAwayStore, SqlAwayStore>();
        services.AddSingleton<ICadenceScheduler, QuartzCadenceScheduler>();
        services.AddSingleton<CadenceCycles>();
        services.AddScoped<CadenceQuestions>();
        services.AddQuartz(quartz =>
        {
            quartz.AddJob<CadenceCycleJob>(job => job.WithIdentity(CadenceCycleJob.Key).StoreDurably());
            // A step cut off by a crash runs again at start (Quartz keeps its one-shot trigger's data until the job
            // completes); its messages carry outbox keys, so a step that had already stored them sends nothing twice.
            quartz.AddJob<CadenceStepJob>(job => job.WithIdentity(CadenceStepJob.Key).StoreDurably().RequestRecovery());
        });
        services.AddHostedService<CadenceScheduleCheck>();
        return services;
    }
}

/// <summary>
/// At start, gives every active cadence without a stored next opening one (new demo data, or an opening
/// lost to a crash mid-job). Cadences already scheduled keep their trigger, so a missed opening still
/// fires once through Quartz's misfire handling.
/// </summary>
public sealed class CadenceScheduleCheck(ICadenceStore cadences, ICadenceScheduler scheduler, CadenceCycles cycles, ILogger<CadenceScheduleCheck> log) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var scheduled = 0;
        foreach (var cadence in await cadences.ListAsync(cancellationToken))
        {
            if (!cadence.Paused && await scheduler.NextOpeningAsync(cadence.Id, cancellationToken) is null)
            {
                await cycles.ScheduleNextAsync(cadence, cancellationToken);
                scheduled++;
            }
        }

        log.LogInformation("Scheduled the next opening of {Count} cadences at start", scheduled);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
