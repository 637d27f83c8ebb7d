using System.Collections.Concurrent;
using System.Data.Common;
using System.Threading.Channels;
using Dapper;
using ProductOps.Storage.Audit;

namespace ProductOps.Storage.Inbound;

/// <summary>One stored piece of inbound work and when it arrived.</summary>
public sealed record QueuedInbound(long Id, string Payload, DateTimeOffset ReceivedAt);

/// <summary>
/// Inbound work that was acknowledged to a platform but not yet handled, so a crash between the
/// acknowledgement and the reply loses nothing: what is still here at start-up is handled again.
/// </summary>
/// <remarks>
/// Every acknowledgement waits for its row to be committed, and under load many arrive at once. One
/// writer commits whatever is waiting in a single transaction (group commit): each caller still
/// returns only after its own row is durable, but a burst of requests shares one commit instead of
/// queueing for SQLite's write lock one by one.
/// </remarks>
public sealed class SqlInboundBacklog : IDisposable
{
    private const int MaxBatch = 256;

    // Attempts to make the log start over, and the pause between them: about a second in all.
    private const int RestartAttempts = 10;
    private static readonly TimeSpan RestartPause = TimeSpan.FromMilliseconds(100);

    // How long the queue must have committed nothing for a moment to count as quiet.
    private static readonly TimeSpan QuietSpan = TimeSpan.FromMilliseconds(50);

    // How long the queue must have committed nothing before a log file a flood left large is cut back.
    private static readonly TimeSpan IdleSpan = TimeSpan.FromMinutes(1);

    // A log frame's header, before the page it carries.
    private const int FrameHeaderBytes = 24;

    // How much of the log file is kept cached for its writer: the size past which it starts over even without a quiet moment.
    private const long LogReadAheadBytes = 1L << 30;

    // How long disposing waits for the writes already queued, removals nobody waits for included.
    private static readonly TimeSpan DrainLimit = TimeSpan.FromSeconds(10);

    // How long a removal waits for others to share its commit, unless an insert comes first.
    private static readonly TimeSpan DefaultRemovalGather = TimeSpan.FromMilliseconds(10);

    // Put in the channel to make the writer commit the removals gathered so far.
    private static readonly Write CommitRemovals = new(null, null, null, null);

    private readonly Database _database;
    private readonly TimeProvider _clock;
    private readonly Channel<Write> _writes = Channel.CreateUnbounded<Write>(new UnboundedChannelOptions { SingleReader = true });
    private readonly ConcurrentQueue<Write> _removals = new();
    private readonly Timer _removalsDue;
    private readonly TimeSpan _removalGather;
    private readonly Task _writer;
    private int _removalsGathering;
    private bool _closed;
    private long _committed;
    private long _lastCommitTicks;
    private long _checkpointed;
    private long _readAhead;

    // The highest id this process has committed: ids are never handed out twice (see Statements).
    private long _lastId;

    /// <param name="database">Where the queue is stored.</param>
    /// <param name="clock">The time stored with each item.</param>
    /// <param name="removalGather">How long a removal waits for others to share its commit (<see cref="RemoveAsync"/>); 10 ms unless given.</param>
    public SqlInboundBacklog(Database database, TimeProvider clock, TimeSpan? removalGather = null)
    {
        _database = database.ForQueue();
        _clock = clock;
        _removalGather = removalGather ?? DefaultRemovalGather;
        _removalsDue = new Timer(_ => _writes.Writer.TryWrite(CommitRemovals));
        _writer = Task.Run(WriteAllAsync);
    }

    public async Task<long> AddAsync(string queue, string payload, CancellationToken ct) =>
        (await SubmitAsync(new Write(queue, payload, null, null), ct))!.Value;

    /// <summary>
    /// Stores the work unless its delivery key was seen before, in one transaction, so a delivery is
    /// never marked seen without being stored. Null for a repeated delivery.
    /// </summary>
    public Task<long?> AddUnlessSeenAsync(string queue, string payload, string deliveryKey, CancellationToken ct) =>
        SubmitAsync(new Write(queue, payload, deliveryKey, null), ct);

    /// <summary>Everything still waiting in a queue, oldest first.</summary>
    public async Task<IReadOnlyList<QueuedInbound>> PendingAsync(string queue, CancellationToken ct)
    {
        await using var connection = await _database.OpenAsync(ct);
        var rows = await connection.QueryAsync<(long Id, string Payload, string ReceivedAt)>(new CommandDefinition(
            "SELECT id, payload, received_at FROM inbound_queue WHERE queue = @queue ORDER BY id;",
            new { queue },
            cancellationToken: ct));
        return rows.Select(r => new QueuedInbound(r.Id, r.Payload, StoredTime.Parse(r.ReceivedAt))).ToArray();
    }

    /// <summary>
    /// At most <paramref name="limit"/> items of a queue stored after <paramref name="afterId"/> and no
    /// later than <paramref name="upToId"/>, oldest first. Rows are read in id order, skipping other
    /// queues' rows: the bound keeps a reader that has caught up from walking to the end of the table.
    /// </summary>
    public async Task<IReadOnlyList<QueuedInbound>> PendingAsync(string queue, long afterId, long upToId, int limit, CancellationToken ct)
    {
        await using var connection = await _database.OpenAsync(ct);
        var rows = await connection.QueryAsync<(long Id, string Payload, string ReceivedAt)>(new CommandDefinition(
            "SELECT id, payload, received_at FROM inbound_queue WHERE id > @afterId AND id <= @upToId AND queue = @queue ORDER BY id LIMIT @limit;",
            new { queue, afterId, upToId, limit },
            cancellationToken: ct));
        return rows.Select(r => new QueuedInbound(r.Id, r.Payload, StoredTime.Parse(r.ReceivedAt))).ToArray();
    }

    /// <summary>How many items wait in a queue, and the newest one's id (0 when none).</summary>
    public async Task<(int Count, long NewestId)> CountAsync(string queue, CancellationToken ct)
    {
        await using var connection = await _database.OpenAsync(ct);
        return await connection.QuerySingleAsync<(int, long)>(new CommandDefinition(
            "SELECT count(*), coalesce(max(id), 0) FROM inbound_queue WHERE queue = @queue;", new { queue }, cancellationToken: ct));
    }

    /// <summary>
    /// Forgets handled work. Removals are gathered for up to 10 ms (or until the next insert) and
    /// committed together: in a drain, one commit and one wake of the writer for dozens of turns
    /// rather than one each, whose idle threads then spun on the core the turns need. A crash in
    /// that moment only means the work runs again at the next start, as one during its turn would.
    /// </summary>
    public Task RemoveAsync(long id, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _closed), this);
        var write = new Write(null, null, null, id);
        _removals.Enqueue(write);
        if (Interlocked.Exchange(ref _removalsGathering, 1) == 0)
        {
            _removalsDue.Change(_removalGather, Timeout.InfiniteTimeSpan);
        }

        return write.Done.Task;
    }

    /// <summary>
    /// Copies what the queue's commits added to the write-ahead log into the database file, when there
    /// is anything new. The queue's connections never do so inside a commit (<see cref="Database.ForQueue"/>),
    /// so this runs on a schedule, off the acknowledgement path; usually it does not block the writer. It is
    /// synchronous, as SQLite is: call it from a thread of its own, not the thread pool's, which it
    /// would hold up for as long as the disk takes to flush. True when the log was made to start over
    /// (or, idle, cut back: <see cref="TruncateOversizedLog"/>).
    /// </summary>
    /// <remarks>
    /// The log starts over only when a write begins with every frame copied and no reader still on
    /// one. While writes follow each other without a pause (a flood of acknowledgements, or turns
    /// and their removals) each begins before the checkpoint has copied the one before: in the Teams
    /// benchmark the log grew to 3.5 GB in 80 s. So past <paramref name="restartLogFrames"/> frames
    /// (about 4 KB each) the checkpoint starts it over in the first quiet moment, and past
    /// <paramref name="forceRestartLogFrames"/> without waiting for one (<see cref="TryRestart"/>).
    /// </remarks>
    public bool Checkpoint(int restartLogFrames, int forceRestartLogFrames)
    {
        var committed = Volatile.Read(ref _committed);
        if (committed == _checkpointed)
        {
            return Idle() && TruncateOversizedLog(restartLogFrames);
        }

        using var connection = _database.Open();
        var (_, logFrames, copiedFrames) = WalCheckpoint(connection, "PASSIVE");
        var restarted = false;
        var forced = logFrames > forceRestartLogFrames;
        if (logFrames > restartLogFrames && (forced || Quiet()) && TryRestart(connection, forced) is { } frames)
        {
            (logFrames, copiedFrames) = frames;
            restarted = true;
        }

        // A reader still on an older snapshot keeps the newest frames in the log: try again next time.
        if (copiedFrames == logFrames)
        {
            _checkpointed = committed;
        }

        return restarted;
    }

    /// <summary>
    /// For while writes follow each other without a pause: nothing at all, unless the log file has
    /// grown past <paramref name="limitFrames"/> frames, when it is checkpointed and started over as
    /// <see cref="Checkpoint"/> does past its forced limit. A checkpoint flushes the log to disk, and
    /// the writer's appends to the log wait for that flush: up to 200 ms on this host's disk in a Slack
    /// flood, with every acknowledgement waiting behind them. The copying waits for the pause instead.
    /// True when the log was made to start over.
    /// </summary>
    public bool CheckpointPast(int limitFrames) => LogFileFrames() > limitFrames && Checkpoint(limitFrames, limitFrames);

    /// <summary>
    /// While the queue writes, keeps its log file in the OS cache: when anything was committed since
    /// the last call, asks for the file (up to 1 GB) to be read back in the background, so that the
    /// writer, starting the log over, writes over cached pages rather than read each back from disk
    /// (<see cref="LogReadAhead"/>). Pages still cached cost nothing. Call it on a schedule, off the
    /// writer's path. How many bytes were asked for: 0 when nothing was committed.
    /// </summary>
    public long ReadLogAhead()
    {
        var committed = Volatile.Read(ref _committed);
        if (committed == _readAhead)
        {
            return 0;
        }

        _readAhead = committed;
        return LogReadAhead.Request(_database.DataSource + "-wal", LogReadAheadBytes);
    }

    /// <summary>
    /// A checkpoint after which the next write starts the log over. It holds writes back while it
    /// copies the frames not yet copied and flushes the log and the database file to disk: while
    /// acknowledgements kept coming, 20–64 ms in the Teams benchmark, and every acknowledgement
    /// waiting for it waits that long. With nothing left to copy it takes 0–2 ms.
    /// So each attempt first copies nearly everything with a passive checkpoint, which holds nobody
    /// back, and unless <paramref name="forced"/> goes on only while the queue is quiet (has
    /// committed nothing for <see cref="QuietSpan"/>). An attempt gives up at once when a writer or
    /// reader is busy (SQLite's own way sleeps for readers, in steps of up to 100 ms, holding writes
    /// back: p99 52–55 ms in the Teams benchmark), and the pause between attempts holds nobody up.
    /// </summary>
    private (int LogFrames, int CopiedFrames)? TryRestart(DbConnection connection, bool forced) =>
        WithoutWaitingForLocks(connection, () =>
        {
            for (var attempt = 0; attempt < RestartAttempts; attempt++)
            {
                WalCheckpoint(connection, "PASSIVE");
                if (!forced && !Quiet())
                {
                    // The quiet moment is over, or has not come: the next checkpoint looks for another.
                    return null;
                }

                // The file keeps its size: writing over its pages, kept cached (ReadLogAhead), costs the
                // writer less than growing a fresh file, which zeroes every page it adds, and cutting back
                // a gigabyte holds writes for about 200 ms.
                if (WalCheckpoint(connection, "RESTART") is (0, var logFrames, var copiedFrames))
                {
                    return ((int, int)?)(logFrames, copiedFrames);
                }

                Thread.Sleep(RestartPause);
            }

            return null;
        });

    /// <summary>
    /// Cuts the log file back to nothing when it holds more than <paramref name="restartLogFrames"/>
    /// frames' worth: a restart keeps the size a flood grew it to (up to 4 GB), since starting over
    /// only rewrites it from the beginning. Only after the queue has been idle for
    /// <see cref="IdleSpan"/>: freeing gigabytes of cached pages holds writes back, so it is best done
    /// when none is coming. Cutting back in the first quiet moment instead made a Slack flood soon after
    /// another cheaper, but put Teams' p99 at 33–231 ms in three runs of six at 32 connections
    /// (bench/README.md, "Every flood like the first?").
    /// True when the file was cut back.
    /// </summary>
    private bool TruncateOversizedLog(int restartLogFrames)
    {
        if (LogFileFrames() <= restartLogFrames)
        {
            return false;
        }

        using var connection = _database.Open();
        return WithoutWaitingForLocks(connection, () => WalCheckpoint(connection, "TRUNCATE").Busy == 0);
    }

    /// <summary>How many frames the log file has room for: at least as many as the log holds.</summary>
    private long LogFileFrames()
    {
        var logFile = new FileInfo(_database.DataSource + "-wal");
        if (!logFile.Exists)
        {
            return 0;
        }

        using var connection = _database.Open();
        return logFile.Length / (connection.QuerySingle<long>("PRAGMA page_size;") + FrameHeaderBytes);
    }

    /// <summary>Runs checkpoints that give up at once, rather than wait, when another connection holds a lock.</summary>
    private static T WithoutWaitingForLocks<T>(DbConnection connection, Func<T> checkpoints)
    {
        connection.Execute("PRAGMA busy_timeout = 0;");
        try
        {
            return checkpoints();
        }
        finally
        {
            connection.Execute($"PRAGMA busy_timeout = {Database.BusyTimeoutMs};");
        }
    }

    /// <summary>The queue has committed nothing for <see cref="IdleSpan"/>.</summary>
    private bool Idle() => _clock.GetUtcNow().UtcTicks - Volatile.Read(ref _lastCommitTicks) >= IdleSpan.Ticks;

    /// <summary>The queue has committed nothing for <see cref="QuietSpan"/>.</summary>
    private bool Quiet() => _clock.GetUtcNow().UtcTicks - Volatile.Read(ref _lastCommitTicks) >= QuietSpan.Ticks;

    private static (int Busy, int LogFrames, int CopiedFrames) WalCheckpoint(DbConnection connection, string mode) =>
        connection.QuerySingle<(int, int, int)>($"PRAGMA wal_checkpoint({mode});");

    /// <summary>
    /// Takes no new writes and waits (up to 10 s) for those already queued to be committed, so a
    /// graceful shutdown keeps the removals of work just handled and does not run it again.
    /// </summary>
    public void Dispose()
    {
        Volatile.Write(ref _closed, true);
        _writes.Writer.TryComplete();
        _writer.Wait(DrainLimit);
        _removalsDue.Dispose();
    }

    /// <summary>
    /// Cancellation is honoured only before the write is queued: once queued it is committed, and the
    /// caller waits for it, so a stored row is never one its caller believes was not stored.
    /// </summary>
    private Task<long?> SubmitAsync(Write write, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        ObjectDisposedException.ThrowIf(!_writes.Writer.TryWrite(write), this);
        return write.Done.Task;
    }

    private async Task WriteAllAsync()
    {
        var batch = new List<Write>(MaxBatch);
        Statements? statements = null;
        while (await _writes.Reader.WaitToReadAsync())
        {
            while (batch.Count < MaxBatch && _writes.Reader.TryRead(out var write))
            {
                if (!ReferenceEquals(write, CommitRemovals))
                {
                    batch.Add(write);
                }
            }

            TakeRemovals(batch);
            statements = Commit(batch, statements);
        }

        // Shutting down: the removals still gathering are committed too, so handled work does not run again.
        while (TakeRemovals(batch) > 0)
        {
            statements = Commit(batch, statements);
        }

        statements?.Dispose();
    }

    /// <summary>
    /// Adds the gathered removals to the batch, as many as fit; the rest go in the next commit,
    /// which is asked for at once. How many the batch holds.
    /// </summary>
    private int TakeRemovals(List<Write> batch)
    {
        // Cleared before taking, so a removal gathered meanwhile sets the timer again rather than wait for nothing.
        Volatile.Write(ref _removalsGathering, 0);
        while (batch.Count < MaxBatch && _removals.TryDequeue(out var removal))
        {
            batch.Add(removal);
        }

        if (!_removals.IsEmpty)
        {
            _writes.Writer.TryWrite(CommitRemovals);
        }

        return batch.Count;
    }

    /// <summary>Commits the batch in one transaction and tells every caller; the statements to use next.</summary>
    private Statements? Commit(List<Write> batch, Statements? statements)
    {
        if (batch.Count == 0)
        {
            return statements;
        }

        try
        {
            statements ??= new Statements(_database.Open());
            var now = _clock.GetUtcNow();
            var results = statements.Commit(batch, StoredTime.Text(now), _lastId);
            _lastId = Math.Max(_lastId, results.Max() ?? 0);
            Interlocked.Increment(ref _committed);
            Volatile.Write(ref _lastCommitTicks, _clock.GetUtcNow().UtcTicks);
            for (var i = 0; i < batch.Count; i++)
            {
                batch[i].Done.SetResult(results[i]);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Nothing in the batch was committed. Every caller gets the error (and its platform
            // retries); the writer itself must live on for the writes after it, on a fresh connection.
            statements?.Dispose();
            statements = null;
            foreach (var write in batch)
            {
                write.Done.SetException(e);
            }
        }

        batch.Clear();
        return statements;
    }

    /// <summary>An insert (with its delivery key, if any) or a removal, and the caller waiting for its commit.</summary>
    private sealed record Write(string? Queue, string? Payload, string? DeliveryKey, long? RemoveId)
    {
        public TaskCompletionSource<long?> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    /// <summary>
    /// The writer's connection and its statements, prepared once and run for every write that needs
    /// one. Parsing them again for each commit, and reading each new id back as a query result, made
    /// storing an acknowledgement about a third slower.
    /// </summary>
    /// <remarks>
    /// The writer numbers new rows itself, one past both the newest stored row and the newest it has
    /// ever committed. SQLite's own numbering would hand a deleted newest row's id to the next row, and
    /// the waiting lines remember ids: a handled item's id must never come back. AUTOINCREMENT, which
    /// prevents that too, rewrites a second table with every row.
    /// </remarks>
    private sealed class Statements(DbConnection connection) : IDisposable
    {
        private readonly DbCommand _newest = Command(connection, "SELECT coalesce(max(id), 0) FROM inbound_queue;");
        private readonly DbCommand _seen = Command(connection, "INSERT INTO inbound_deliveries (key, seen_at) VALUES ($key, $at) ON CONFLICT (key) DO NOTHING;", "$key", "$at");
        private readonly DbCommand _insert = Command(connection, "INSERT INTO inbound_queue (id, queue, payload, received_at) VALUES ($id, $queue, $payload, $at);", "$id", "$queue", "$payload", "$at");
        private readonly DbCommand _remove = Command(connection, "DELETE FROM inbound_queue WHERE id = $id;", "$id");

        /// <summary>
        /// Runs the batch in one transaction: each insert's id (null for a repeated delivery or a
        /// removal), numbered after <paramref name="lastId"/>, the newest id committed before.
        /// </summary>
        public long?[] Commit(List<Write> batch, string at, long lastId)
        {
            using var transaction = connection.BeginTransaction();
            _newest.Transaction = _seen.Transaction = _insert.Transaction = _remove.Transaction = transaction;
            var id = Math.Max(lastId, (long)_newest.ExecuteScalar()!);
            var results = new long?[batch.Count];
            for (var i = 0; i < batch.Count; i++)
            {
                results[i] = Run(batch[i], at, ref id);
            }

            transaction.Commit();
            return results;
        }

        public void Dispose()
        {
            _newest.Dispose();
            _seen.Dispose();
            _insert.Dispose();
            _remove.Dispose();
            connection.Dispose();
        }

        private static DbCommand Command(DbConnection connection, string sql, params string[] names)
        {
            var command = connection.CreateCommand();
            command.CommandText = sql;
            foreach (var name in names)
            {
                var parameter = command.CreateParameter();
                parameter.ParameterName = name;
                command.Parameters.Add(parameter);
            }

            return command;
        }

        private long? Run(Write write, string at, ref long lastId)
        {
            if (write.RemoveId is { } removed)
            {
                _remove.Parameters[0].Value = removed;
                _remove.ExecuteNonQuery();
                return null;
            }

            if (write.DeliveryKey is { } key)
            {
                _seen.Parameters[0].Value = key;
                _seen.Parameters[1].Value = at;
                if (_seen.ExecuteNonQuery() == 0)
                {
                    return null;
                }
            }

            var id = ++lastId;
            _insert.Parameters[0].Value = id;
            _insert.Parameters[1].Value = write.Queue;
            _insert.Parameters[2].Value = write.Payload;
            _insert.Parameters[3].Value = at;
            _insert.ExecuteNonQuery();
            return id;
        }
    }
}
