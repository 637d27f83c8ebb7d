using ProductOps.Storage.Inbound;

namespace ProductOps.Bot.Pipeline;

/// <summary>
/// Checkpoints the inbound queue once a second, off the acknowledgement path (see
/// <see cref="SqlInboundBacklog.Checkpoint"/>). Inside a commit, as SQLite does by default, the
/// checkpoint's flush to disk held up the acknowledgements waiting on that commit: Teams' p99 at 32
/// connections was 20.1 ms with it and 14.4 ms without (bench/README.md). It runs on a thread of its
/// own: on a thread-pool thread, the flush held that thread and the work queued behind it. While
/// acknowledgements queue up it does nothing unless the log passes 4 GB
/// (<see cref="SqlInboundBacklog.CheckpointPast"/>): even off that path, its flush of the log held the
/// queue's writer, and so every acknowledgement, for up to 200 ms in a Slack flood.
/// </summary>
/// <remarks>
/// The log is made to start over past 64 MB in the first quiet moment, or past 1 GB without waiting
/// for one; while acknowledgements queue up, only past 4 GB. A restart holds every write back while
/// it flushes to disk, and every acknowledgement waiting meanwhile waits for it: a restart every
/// 64 MB during a flood made Teams' p99 at 32 connections 36–61 ms, every 1 GB 19–30 ms, none
/// 16 ms. A restart keeps the log file's size, and the log is written over from its start. This host
/// drops cached pages of a file within a minute, and writing over dropped pages read each back from
/// disk first (p99 65 and 123 ms in one Slack flood in four), so every second that the queue writes,
/// the file is read back into the cache ahead of the writer (<see cref="SqlInboundBacklog.ReadLogAhead"/>).
/// Writing over cached pages costs the writer less than growing a fresh file. Once the queue has been
/// idle for a minute, a file over 64 MB is cut back; SQLite removes it when the bot stops cleanly.
/// </remarks>
public sealed class QueueCheckpoints(SqlInboundBacklog store, AcknowledgementsFirst acknowledgements, ILogger<QueueCheckpoints> log) : BackgroundService
{
    public static readonly TimeSpan Every = TimeSpan.FromSeconds(1);

    /// <summary>Log frames (about 4 KB each) past which the log starts over in a quiet moment: 64 MB.</summary>
    public const int RestartLogFrames = 16_384;

    /// <summary>Log frames past which it starts over without waiting for a quiet moment: 1 GB.</summary>
    public const int ForceRestartLogFrames = 262_144;

    /// <summary>The limit while acknowledgements queue up: 4 GB, which a flood of 9,000 a second fills in about a minute.</summary>
    public const int RestartLogFramesInAFlood = 1_048_576;

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.Factory.StartNew(() => Run(stoppingToken), stoppingToken, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    private void Run(CancellationToken ct)
    {
        // On shutdown SQLite checkpoints the log itself when the last connection closes.
        while (!ct.WaitHandle.WaitOne(Every))
        {
            try
            {
                var restarted = acknowledgements.Busy
                    ? store.CheckpointPast(RestartLogFramesInAFlood)
                    : store.Checkpoint(RestartLogFrames, ForceRestartLogFrames);
                if (restarted)
                {
                    log.LogDebug("The inbound queue's write-ahead log starts over");
                }

                store.ReadLogAhead();
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
