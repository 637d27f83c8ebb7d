using Microsoft.Extensions.Options;
using ProductOps.Bot.Pipeline;

namespace ProductOps.Bot.Slack;

/// <summary>
/// Runs acknowledged Slack requests in the background, several at once so a command that opens a
/// form is not held up behind slow turns, but one at a time while Slack is waiting for
/// acknowledgements (<see cref="AcknowledgementsFirst"/>).
/// </summary>
public sealed class SlackWorker(SlackInbox queue, SlackTurns turns, AcknowledgementsFirst acknowledgements, IOptions<SlackOptions> options, ILogger<SlackWorker> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await ReplayAsync(stoppingToken);
        await Task.WhenAll(Enumerable.Range(0, options.Value.Workers).Select(_ => ConsumeAsync(stoppingToken)));
    }

    /// <summary>Runs the turns of requests acknowledged before a crash or restart but never finished.</summary>
    private async Task ReplayAsync(CancellationToken ct)
    {
        foreach (var work in await queue.LeftOverAsync(ct))
        {
            log.LogInformation("Replaying Slack request {StoredId} from user {UserId}, acknowledged before the last shutdown", work.StoredId, work.Turn.Context.UserId);
            await RunAsync(work, ct);
        }
    }

    private async Task ConsumeAsync(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            SlackWork work;
            try
            {
                work = await queue.NextAsync(ct);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            // Shutdown stops taking new work but lets a started turn finish, so a graceful restart
            // neither repeats nor loses a reply; only a crash leaves work to replay.
            using (await acknowledgements.TurnAsync(CancellationToken.None))
            {
                await RunAsync(work, CancellationToken.None);
            }
        }
    }

    private async Task RunAsync(SlackWork work, CancellationToken ct)
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

        // Done, or failed in a way running it again would not fix. A crash mid-turn never gets here,
        // so the stored request stays and runs again at the next start. The next turn does not wait
        // for the removal's commit.
        _ = queue.CompleteAsync(work);
    }
}
