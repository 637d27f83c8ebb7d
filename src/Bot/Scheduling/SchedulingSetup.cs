using Microsoft.Data.Sqlite;
using ProductOps.Storage;
using Quartz;

namespace ProductOps.Bot.Scheduling;

public static class SchedulingSetup
{
    /// <summary>Run the cleanup at a quiet hour, UTC.</summary>
    private const string OutboxCleanupCron = "0 15 3 * * ?";

    /// <summary>
    /// Quartz with its ADO job store in the ProductOps database (tables from migration 0003, which
    /// Quartz validates at start). Runs after the database is migrated, since hosted services start
    /// after <c>PrepareDatabaseAsync</c>.
    /// </summary>
    public static IServiceCollection AddScheduling(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddQuartz(quartz =>
        {
            quartz.ConfigureScheduler(scheduler =>
            {
                scheduler.InstanceName = "ProductOps";

                // Misfires (occurrences missed while the bot was down): a recurring trigger fires once
                // as soon as the scheduler is back, then keeps its schedule; never a burst of catch-up runs.
                scheduler.DefaultMisfireHandling = DefaultMisfireHandling.FireAndProceed;
            });
            quartz.UsePersistentStore(store =>
            {
                store.UseSqlite(source => source.DataSourceFactory = sp =>
                    SqliteFactory.Instance.CreateDataSource(sp.GetRequiredService<Database>().ConnectionString));
                store.UseSystemTextJsonSerializer();
            });

            quartz.AddJob<HousekeepingJob>(job => job.WithIdentity(HousekeepingJob.Key).StoreDurably());
            quartz.AddTrigger(trigger => trigger
                .ForJob(HousekeepingJob.Key)
                .WithIdentity(HousekeepingJob.Daily)
                .WithCronSchedule(OutboxCleanupCron, cron => cron.InTimeZone(TimeZoneInfo.Utc).WithMisfireInstruction(CronTriggerMisfireInstruction.FireAndProceed)));
        });
        services.AddQuartzHostedService(hosted => hosted.WaitForJobsToComplete = true);
        return services;
    }
}
