using System.Data.Common;
using ProductOps.Skills.Conversation;
using ProductOps.Storage;
using ProductOps.Storage.Migrations;
using Quartz;

namespace ProductOps.Bot.Hosting;

/// <summary>
/// <c>/healthz</c>: 200 while the database answers at the expected schema and the scheduler runs,
/// 503 otherwise. Outbox numbers are reported but do not decide health: failed or waiting messages
/// need an admin, not a restart. Errors are logged, never returned, since the endpoint is public.
/// </summary>
public static class HealthEndpoints
{
    public static WebApplication MapHealth(this WebApplication app)
    {
        app.MapGet("/healthz", CheckAsync);
        return app;
    }

    private static async Task<IResult> CheckAsync(
        Migrator migrator, ISchedulerFactory schedulers, IOutboxStore outbox, ILoggerFactory logs, CancellationToken ct)
    {
        var log = logs.CreateLogger(typeof(HealthEndpoints));
        var database = await DatabaseAsync(migrator, log, ct);
        var scheduler = await SchedulerAsync(schedulers, log, ct);
        var messages = database.Reachable ? await OutboxAsync(outbox, log, ct) : null;
        var healthy = database.Reachable && database.SchemaVersion == database.ExpectedSchemaVersion && scheduler.Started && !scheduler.ShutDown;
        var health = new Health(healthy ? "healthy" : "unhealthy", database, scheduler, messages);
        return Results.Json(health, statusCode: healthy ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
    }

    private static async Task<DatabaseHealth> DatabaseAsync(Migrator migrator, ILogger log, CancellationToken ct)
    {
        try
        {
            return new DatabaseHealth(true, await migrator.CurrentVersionAsync(ct), Migrator.LatestVersion);
        }
        catch (DbException e)
        {
            log.LogWarning(e, "Health check could not reach the database");
        }
        catch (StorageException e)
        {
            log.LogWarning(e, "Health check could not read the database");
        }

        return new DatabaseHealth(false, null, Migrator.LatestVersion);
    }

    private static async Task<SchedulerHealth> SchedulerAsync(ISchedulerFactory schedulers, ILogger log, CancellationToken ct)
    {
        try
        {
            var status = await (await schedulers.GetScheduler(ct)).GetStatus(ct);
            return new SchedulerHealth(
                status.ToString(),
                status == SchedulerStatus.Running,
                status is SchedulerStatus.ShuttingDown or SchedulerStatus.Shutdown);
        }
        catch (SchedulerException e)
        {
            log.LogWarning(e, "Health check could not ask the scheduler");
            return new SchedulerHealth(nameof(SchedulerStatus.Unknown), false, false);
        }
    }

    private static async Task<OutboxHealth?> OutboxAsync(IOutboxStore outbox, ILogger log, CancellationToken ct)
    {
        try
        {
            var counts = await outbox.CountAsync(ct);
            return new OutboxHealth(counts.Pending + counts.Sending, counts.Failed, counts.WaitingForPlatform);
        }
        catch (DbException e)
        {
            log.LogWarning(e, "Health check could not count the outbox");
            return null;
        }
    }

    private sealed record Health(string Status, DatabaseHealth Database, SchedulerHealth Scheduler, OutboxHealth? Outbox);

    private sealed record DatabaseHealth(bool Reachable, int? SchemaVersion, int ExpectedSchemaVersion);

    private sealed record SchedulerHealth(string Status, bool Started, bool ShutDown);

    private sealed record OutboxHealth(int Pending, int Failed, int WaitingForPlatform);
}
