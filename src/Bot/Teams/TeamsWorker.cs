using System.Data.Common;
using Microsoft.Extensions.Options;
using ProductOps.Bot.Pipeline;
using ProductOps.Bot.Teams.Connector;
using ProductOps.Storage;
using ProductOps.Storage.Inbound;

namespace ProductOps.Bot.Teams;

/// <summary>
/// Activities acknowledged to Teams and waiting for the worker: stored before the 200, so a crash
/// loses none; bounded, so a flood slows the endpoint instead of filling memory.
/// </summary>
public sealed class TeamsBacklog(SqlInboundBacklog store)
{
    private readonly DurableBacklog<Activity> _backlog = new("teams", store, TeamsJson.Options);

    public ValueTask EnqueueAsync(Activity activity, CancellationToken ct) => _backlog.EnqueueAsync(activity, ct);

    /// <summary>Stores and queues the activity unless it was delivered before; false for a repeat.</summary>
    public ValueTask<bool> EnqueueUnlessSeenAsync(Activity activity, string deliveryKey, CancellationToken ct) =>
        _backlog.EnqueueUnlessSeenAsync(activity, deliveryKey, ct);

    public IAsyncEnumerable<Queued<Activity>> ReadAllAsync(CancellationToken ct) => _backlog.ReadAllAsync(ct);

    public Task CompleteAsync(long id, CancellationToken ct) => _backlog.CompleteAsync(id, ct);
}

/// <summary>
/// Handles acknowledged activities in the background, a few at a time. One failing activity is
/// logged and the others go on; turn failures themselves are handled by the turn runner.
/// </summary>
public sealed class TeamsWorker(TeamsBacklog queue, IServiceScopeFactory scopes, TrustedServiceUrls trusted, IOptions<TeamsOptions> options, ILogger<TeamsWorker> log)
    : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Parallel.ForEachAsync(
            queue.ReadAllAsync(stoppingToken),
            new ParallelOptions { MaxDegreeOfParallelism = options.Value.Workers, CancellationToken = stoppingToken },
            async (queued, _) =>
            {
                // Shutdown stops taking new activities but lets a started one finish, so a graceful
                // restart neither repeats nor loses a reply; only a crash leaves one to replay.
                var ct = CancellationToken.None;
                var activity = queued.Item;

                // Stored only after authentication; one replayed after a restart comes before any new
                // activity has vouched for its service URL again.
                if (activity.ServiceUrl is { Length: > 0 } serviceUrl)
                {
                    trusted.Trust(serviceUrl);
                }

                await using var scope = scopes.CreateAsyncScope();
                try
                {
                    await scope.ServiceProvider.GetRequiredService<TeamsActivities>().HandleAsync(activity, ct);
                }
                catch (HttpRequestException e)
                {
                    log.LogError(e, "Teams activity {ActivityId} ({Type}) failed talking to Teams", activity.Id, activity.Type);
                }
                catch (TaskCanceledException e) when (!ct.IsCancellationRequested)
                {
                    log.LogError(e, "Teams activity {ActivityId} ({Type}) timed out talking to Teams", activity.Id, activity.Type);
                }
                catch (DbException e)
                {
                    log.LogError(e, "Teams activity {ActivityId} ({Type}) failed in the database", activity.Id, activity.Type);
                }
                catch (StorageException e)
                {
                    log.LogError(e, "Teams activity {ActivityId} ({Type}) failed in storage", activity.Id, activity.Type);
                }

                // Handled, or failed in a way replaying would not fix. A crash mid-turn never gets
                // here, so the activity stays stored and runs again at the next start.
                await queue.CompleteAsync(queued.Id, CancellationToken.None);
            });
}
