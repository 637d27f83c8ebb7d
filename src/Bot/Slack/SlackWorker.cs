using Microsoft.Extensions.Options;

namespace ProductOps.Bot.Slack;

/// <summary>
/// Runs acknowledged Slack requests in the background, several at once so a command that opens a
/// form is not held up behind slow turns.
/// </summary>
public sealed class SlackWorker(SlackInbox queue, SlackTurns turns, IOptions<SlackOptions> options, ILogger<SlackWorker> log) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(Enumerable.Range(0, options.Value.Workers).Select(_ => ConsumeAsync(stoppingToken)));

    private async Task ConsumeAsync(CancellationToken ct)
    {
        await foreach (var work in queue.Reader.ReadAllAsync(ct))
        {
            try
            {
                await turns.RunAsync(work, ct);
            }
#pragma warning disable CA1031 // The turn itself has its error hook; this keeps one bad delivery (a database outage, a bug in rendering) from stopping the worker.
            catch (Exception e) when (e is not OperationCanceledException)
#pragma warning restore CA1031
            {
                log.LogError(e, "Slack work for user {UserId} in {TeamId} failed ({Inbound})",
                    work.Turn.Context.UserId, work.Turn.Context.TeamId, work.Turn.Inbound.GetType().Name);
            }
        }
    }
}
