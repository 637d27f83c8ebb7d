using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using ProductOps.Bot.Scheduling;
using ProductOps.Skills.Conversation;
using ProductOps.Storage.Outbox;
using Quartz;

namespace ProductOps.Bot.Tests.Scheduling;

public sealed class SchedulerRestartTests : IAsyncLifetime, IDisposable
{
    private TempDatabase _db = null!;

    public async Task InitializeAsync() => _db = await TempDatabase.CreateAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => _db.Dispose();

    [Fact]
    public async Task Scheduler_JobScheduledBeforeARestart_FiresAfterIt()
    {
        var firedBefore = new Fired();
        using (var before = Host(firedBefore))
        {
            await before.StartAsync();
            var scheduler = await before.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
            var job = JobBuilder.Create<ProbeJob>().WithIdentity("probe", "tests").Build();
            var trigger = TriggerBuilder.Create(TimeProvider.System).WithIdentity("probe-once", "tests")
                .StartAt(TimeProvider.System.GetUtcNow().AddSeconds(2)).Build();
            await scheduler.ScheduleJob(job, trigger);
            await before.StopAsync();
        }

        var firedAfter = new Fired();
        using var after = Host(firedAfter);

        await after.StartAsync();

        var fireTime = await firedAfter.Task.WaitAsync(TimeSpan.FromSeconds(10));
        await after.StopAsync();
        Assert.False(firedBefore.Task.IsCompleted);
        Assert.True(fireTime > DateTimeOffset.MinValue);
    }

    [Fact]
    public async Task Scheduler_Started_RegistersTheDailyOutboxCleanupInTheDatabase()
    {
        using var host = Host(new Fired());

        await host.StartAsync();

        var scheduler = await host.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        Assert.Equal(SchedulerStatus.Running, await StatusOnceSettledAsync(scheduler));
        Assert.True(await scheduler.Exists(HousekeepingJob.Key));
        var trigger = await scheduler.GetTrigger(HousekeepingJob.Daily);
        Assert.IsAssignableFrom<ICronTrigger>(trigger);
        await host.StopAsync();
    }

    /// <summary>The hosted service starts the scheduler just after the host has started, not within StartAsync.</summary>
    private static async Task<SchedulerStatus> StatusOnceSettledAsync(IScheduler scheduler)
    {
        for (var i = 0; i < 50 && await scheduler.GetStatus() != SchedulerStatus.Running; i++)
        {
            await Task.Delay(100);
        }

        return await scheduler.GetStatus();
    }

    private IHost Host(Fired fired)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder();
        builder.Services.AddSingleton(_db.Database);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<IOutboxStore, SqlOutboxStore>();
        builder.Services.AddSingleton(fired);
        builder.Services.AddScheduling(builder.Configuration);
        return builder.Build();
    }

    /// <summary>Completes when the probe job runs, with its fire time.</summary>
    public sealed class Fired : TaskCompletionSource<DateTimeOffset>
    {
        public Fired()
            : base(TaskCreationOptions.RunContinuationsAsynchronously)
        {
        }
    }

    [DisallowConcurrentExecution]
    public sealed class ProbeJob(Fired fired) : IJob
    {
        public ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
        {
            fired.TrySetResult(context.FireTimeUtc);
            return ValueTask.CompletedTask;
        }
    }
}
