using Microsoft.Extensions.Options;
using ProductOps.Bot.Pipeline;
using ProductOps.Bot.Teams.Connector;
using ProductOps.Storage.Inbound;

namespace ProductOps.Bot.Teams;

/// <summary>
/// Activities acknowledged to Teams and waiting for the worker: stored before the 200, so a crash
/// loses none; a burst beyond the first thousand waits in the database, not in memory.
/// </summary>
public sealed class TeamsBacklog(SqlInboundBacklog store, AcknowledgementsFirst acknowledgements, IOptions<TeamsOptions> options, ILogger<TeamsBacklog> log) : IDisposable
{
    private readonly DurableBacklog<Activity> _backlog = new("teams", store, TeamsJson.Options, log, options.Value.QueueCapacity, acknowledgements: acknowledgements);

    /// <summary>Stores the activity as Teams sent it (<paramref name="json"/>) and queues it.</summary>
    public ValueTask EnqueueAsync(Activity activity, string json, CancellationToken ct) => _backlog.EnqueueAsync(activity, json, ct);

    /// <summary>Stores and queues the activity unless it was delivered before; false for a repeat.</summary>
    public ValueTask<bool> EnqueueUnlessSeenAsync(Activity activity, string json, string deliveryKey, CancellationToken ct) =>
        _backlog.EnqueueUnlessSeenAsync(activity, json, deliveryKey, ct);

    public IAsyncEnumerable<Queued<Activity>> ReadAllAsync(CancellationToken ct) => _backlog.ReadAllAsync(ct);

    public Task CompleteAsync(long id) => _backlog.CompleteAsync(id);

    public void Dispose() => _backlog.Dispose();
}

/// <summary>
/// Handles acknowledged activities in the background, a few at a time (one at a time while Teams
/// waits for acknowledgements: <see cref="AcknowledgementsFirst"/>). One failing activity is logged
/// and the others go on; turn failures themselves are handled by the turn runner.
/// </summary>
public sealed class TeamsWorker(
    TeamsBacklog queue,
    IServiceScopeFactory scopes,
    TrustedServiceUrls trusted,
    AcknowledgementsFirst acknowledgements,
    IOptions<TeamsOptions> options,
    ILogger<TeamsWorker> log)
    : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Parallel.ForEachAsync(
            queue.ReadAllAsync(stoppingToken),
            new ParallelOptions { MaxDegreeOfParallelism = options.Value.Workers, CancellationToken = stoppingToken },
            async (queued, stopping) =>
            {
                using (await acknowledgements.TurnAsync(CancellationToken.None))
                {
                    await HandleAsync(queued.Item);
                }

                // Handled, or failed in a way replaying would not fix. A crash mid-turn never gets here,
                // so the activity stays stored and runs again at the next start. The next activity
                // does not wait for the removal's commit.
                _ = queue.CompleteAsync(queued.Id);
            });

    /// <summary>
    /// Shutdown stops taking new activities but lets a started one finish, so a graceful restart
    /// neither repeats nor loses a reply; only a crash leaves one to replay.
    /// </summary>
    private async Task HandleAsync(Activity activity)
    {
        // Stored only after authentication; one replayed after a restart comes before any new
        // activity has vouched for its service URL again.
        if (activity.ServiceUrl is { Length: > 0 } serviceUrl)
        {
            trusted.Trust(serviceUrl);
        }

        try
        {
            await using var scope = scopes.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<TeamsActivities>().HandleAsync(activity, CancellationToken.None);
        }
#pragma warning disable CA1031 // Turns have their own error hook; this keeps one bad activity (an answer from Teams that is not what it should be, a database outage, a bug) from ending the worker and with it the app. Nothing here is cancelled, so a cancellation is a timeout.
        catch (Exception e)
#pragma warning restore CA1031
        {
            log.LogError(e, "Teams activity {ActivityId} ({Type}) in {ConversationId} failed and is dropped", activity.Id, activity.Type, activity.Conversation?.Id);
        }
    }
}
