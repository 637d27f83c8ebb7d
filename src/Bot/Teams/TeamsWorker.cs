using System.Data.Common;
using System.Threading.Channels;
using Microsoft.Extensions.Options;
using ProductOps.Storage;

namespace ProductOps.Bot.Teams;

/// <summary>Activities acknowledged to Teams and waiting for the worker; bounded, so a flood slows the endpoint instead of filling memory.</summary>
public sealed class TeamsBacklog
{
    public const int Capacity = 1000;

    private readonly Channel<Activity> _channel = Channel.CreateBounded<Activity>(new BoundedChannelOptions(Capacity)
    {
        FullMode = BoundedChannelFullMode.Wait,
        SingleReader = true,
    });

    public ValueTask EnqueueAsync(Activity activity, CancellationToken ct) => _channel.Writer.WriteAsync(activity, ct);

    public IAsyncEnumerable<Activity> ReadAllAsync(CancellationToken ct) => _channel.Reader.ReadAllAsync(ct);
}

/// <summary>
/// Handles acknowledged activities in the background, a few at a time. One failing activity is
/// logged and the others go on; turn failures themselves are handled by the turn runner.
/// </summary>
public sealed class TeamsWorker(TeamsBacklog queue, IServiceScopeFactory scopes, IOptions<TeamsOptions> options, ILogger<TeamsWorker> log) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Parallel.ForEachAsync(
            queue.ReadAllAsync(stoppingToken),
            new ParallelOptions { MaxDegreeOfParallelism = options.Value.Workers, CancellationToken = stoppingToken },
            async (activity, ct) =>
            {
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
            });
}
