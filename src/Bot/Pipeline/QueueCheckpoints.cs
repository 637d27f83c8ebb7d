using ProductOps.Storage.Inbound;

namespace ProductOps.Bot.Pipeline;

/// <summary>
/// Checkpoints the inbound queue once a second, off the acknowledgement path (see
/// <see cref="SqlInboundBacklog.Checkpoint"/>). Inside a commit, as SQLite does by default, the
/// checkpoint's flush to disk held up the acknowledgements waiting on that commit: Teams' p99 at 32
/// connections was 20.1 ms with it and 14.4 ms without (bench/README.md). It runs on a thread of its
/// own: on a thread-pool thread, the flush held that thread and the work queued behind it.
/// </summary>
public sealed class QueueCheckpoints(SqlInboundBacklog store, ILogger<QueueCheckpoints> log) : BackgroundService
{
    public static readonly TimeSpan Every = TimeSpan.FromSeconds(1);

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.Factory.StartNew(() => Run(stoppingToken), stoppingToken, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    private void Run(CancellationToken ct)
    {
        // On shutdown SQLite checkpoints the log itself when the last connection closes.
        while (!ct.WaitHandle.WaitOne(Every))
        {
            try
            {
                store.Checkpoint();
            }
#pragma warning disable CA1031 // A failed checkpoint loses nothing (the log keeps every commit); the next one tries again.
            catch (Exception e)
#pragma warning restore CA1031
            {
                log.LogWarning(e, "Could not checkpoint the inbound queue's write-ahead log; trying again in {Every} s", Every.TotalSeconds);
            }
        }
    }
}
