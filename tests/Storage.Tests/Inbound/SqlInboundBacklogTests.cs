using Dapper;
using Microsoft.Data.Sqlite;
using ProductOps.Storage.Inbound;
using ProductOps.Storage.Migrations;

namespace ProductOps.Storage.Tests.Inbound;

public sealed class SqlInboundBacklogTests
{
    [Fact]
    public async Task Add_ManyAtOnce_EachIsStoredWithItsOwnId()
    {
        using var db = await TempDatabase.CreateAsync();
        using var backlog = new SqlInboundBacklog(db.Database, new FakeClock());

        var ids = await Task.WhenAll(Enumerable.Range(0, 500).Select(i => Task.Run(() => backlog.AddAsync("q", $"item {i}", CancellationToken.None))));

        var pending = await backlog.PendingAsync("q", CancellationToken.None);
        Assert.Equal(500, ids.Distinct().Count());
        Assert.Equal(ids.Order(), pending.Select(p => p.Id));
        Assert.Equal(Enumerable.Range(0, 500).Select(i => $"item {i}").Order(), pending.Select(p => p.Payload).Order());
    }

    [Fact]
    public async Task Checkpoint_AfterABurst_MovesTheStoredItemsIntoTheDatabaseFile()
    {
        using var db = await TempDatabase.CreateAsync();
        // Held open, as the running bot holds its connections: the last connection to close checkpoints
        // the log itself, and other tests clear every connection pool while this one runs.
        await using var held = await db.Database.OpenAsync(CancellationToken.None);
        using var backlog = new SqlInboundBacklog(db.Database, new FakeClock());
        await AddBurstAsync(backlog);
        var before = new FileInfo(db.Path).Length;

        backlog.Checkpoint(int.MaxValue, int.MaxValue);

        AssertBurstCopied(db, before);
    }

    [Fact]
    public async Task Checkpoint_HeldBackByAReader_CopiesTheRestOnceTheReaderIsDone()
    {
        using var db = await TempDatabase.CreateAsync();
        await using var held = await db.Database.OpenAsync(CancellationToken.None);
        using var backlog = new SqlInboundBacklog(db.Database, new FakeClock());
        await backlog.AddAsync("q", "before the reader", CancellationToken.None);
        await using var reader = (SqliteConnection)await db.Database.OpenAsync(CancellationToken.None);
        await using (var snapshot = reader.BeginTransaction(deferred: true))
        {
            await reader.ExecuteScalarAsync<long>("SELECT count(*) FROM inbound_queue;", transaction: snapshot);
            await AddBurstAsync(backlog);
            backlog.Checkpoint(int.MaxValue, int.MaxValue);
        }

        var before = new FileInfo(db.Path).Length;
        backlog.Checkpoint(int.MaxValue, int.MaxValue);

        AssertBurstCopied(db, before);
    }

    [Fact]
    public async Task Checkpoint_LogPastTheForcedLimitWhileAReaderStaysOnIt_StartsItOverOnceTheReaderIsDoneWithoutHoldingWritesBack()
    {
        using var db = await TempDatabase.CreateAsync();
        await using var held = await db.Database.OpenAsync(CancellationToken.None);
        using var backlog = new SqlInboundBacklog(db.Database, new FakeClock());
        await FillLogAsync(backlog);
        await CheckpointOnceElsewhereAsync();

        // A reader on the log while the checkpoint runs and a write commits, as turns read under load.
        await using var reader = (SqliteConnection)await db.Database.OpenAsync(CancellationToken.None);
        await using var snapshot = reader.BeginTransaction(deferred: true);
        await reader.ExecuteScalarAsync<long>("SELECT count(*) FROM inbound_queue;", transaction: snapshot);
        var checkpoint = Task.Run(() => backlog.Checkpoint(restartLogFrames: 100, forceRestartLogFrames: 100));
        await Task.Delay(50);
        await backlog.AddAsync("q", "during", CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(3));
        snapshot.Commit();
        await checkpoint;

        await backlog.AddAsync("q", "after", CancellationToken.None);

        Assert.InRange(LogFrames(db), 0, 20);
    }

    [Fact]
    public async Task Checkpoint_LogPastTheLimitRightAfterACommit_LeavesItForAQuietMoment()
    {
        using var db = await TempDatabase.CreateAsync();
        await using var held = await db.Database.OpenAsync(CancellationToken.None);
        using var backlog = new SqlInboundBacklog(db.Database, new FakeClock());
        await FillLogAsync(backlog);

        var restarted = backlog.Checkpoint(restartLogFrames: 100, forceRestartLogFrames: int.MaxValue);

        Assert.False(restarted);
    }

    [Fact]
    public async Task Checkpoint_LogPastTheForcedLimitRightAfterACommit_StartsItOverAnywayKeepingTheFileSize()
    {
        using var db = await TempDatabase.CreateAsync();
        await using var held = await db.Database.OpenAsync(CancellationToken.None);
        using var backlog = new SqlInboundBacklog(db.Database, new FakeClock());
        await FillLogAsync(backlog);
        var size = new FileInfo(db.Path + "-wal").Length;

        var restarted = backlog.Checkpoint(restartLogFrames: 100, forceRestartLogFrames: 100);

        Assert.True(restarted);
        Assert.Equal(size, new FileInfo(db.Path + "-wal").Length);
    }

    [Fact]
    public async Task CheckpointPast_LogUnderTheLimit_CopiesNothing()
    {
        using var db = await TempDatabase.CreateAsync();
        await using var held = await db.Database.OpenAsync(CancellationToken.None);
        using var backlog = new SqlInboundBacklog(db.Database, new FakeClock());
        await AddBurstAsync(backlog);
        var before = new FileInfo(db.Path).Length;

        var restarted = backlog.CheckpointPast(int.MaxValue);

        Assert.False(restarted);
        Assert.Equal(before, new FileInfo(db.Path).Length);
    }

    [Fact]
    public async Task CheckpointPast_LogPastTheLimit_CopiesItAndStartsItOver()
    {
        using var db = await TempDatabase.CreateAsync();
        await using var held = await db.Database.OpenAsync(CancellationToken.None);
        using var backlog = new SqlInboundBacklog(db.Database, new FakeClock());
        await FillLogAsync(backlog);
        var before = new FileInfo(db.Path).Length;

        var restarted = backlog.CheckpointPast(100);
        await backlog.AddAsync("q", "after", CancellationToken.None);

        Assert.True(restarted);
        AssertBurstCopied(db, before);
        Assert.InRange(LogFrames(db), 0, 20);
    }

    [Fact]
    public async Task Checkpoint_LogPastTheLimitInAQuietMoment_StartsItOverKeepingTheFileSize()
    {
        using var db = await TempDatabase.CreateAsync();
        await using var held = await db.Database.OpenAsync(CancellationToken.None);
        var clock = new FakeClock();
        using var backlog = new SqlInboundBacklog(db.Database, clock);
        await FillLogAsync(backlog);
        var before = new FileInfo(db.Path + "-wal").Length;
        clock.Advance(TimeSpan.FromSeconds(1));

        var restarted = backlog.Checkpoint(restartLogFrames: 100, forceRestartLogFrames: int.MaxValue);
        var size = new FileInfo(db.Path + "-wal").Length;
        await backlog.AddAsync("q", "after", CancellationToken.None);

        Assert.True(restarted);
        Assert.Equal(before, size);
        Assert.InRange(LogFrames(db), 0, 20);
        Assert.Equal(301, (await backlog.CountAsync("q", CancellationToken.None)).Count);
    }

    [Fact]
    public async Task Checkpoint_IdleForAMinuteWithALargeLogFile_CutsTheFileBackAndKeepsEveryItem()
    {
        using var db = await TempDatabase.CreateAsync();
        await using var held = await db.Database.OpenAsync(CancellationToken.None);
        var clock = new FakeClock();
        using var backlog = new SqlInboundBacklog(db.Database, clock);
        await FillLogAsync(backlog);
        backlog.Checkpoint(int.MaxValue, int.MaxValue);
        clock.Advance(TimeSpan.FromMinutes(1));

        var cut = backlog.Checkpoint(restartLogFrames: 100, forceRestartLogFrames: int.MaxValue);

        Assert.True(cut);
        Assert.Equal(0, new FileInfo(db.Path + "-wal").Length);
        Assert.Equal(300, (await backlog.CountAsync("q", CancellationToken.None)).Count);
    }

    [Fact]
    public async Task Checkpoint_IdleForLessThanAMinute_LeavesTheLogFileAsLarge()
    {
        using var db = await TempDatabase.CreateAsync();
        await using var held = await db.Database.OpenAsync(CancellationToken.None);
        var clock = new FakeClock();
        using var backlog = new SqlInboundBacklog(db.Database, clock);
        await FillLogAsync(backlog);
        backlog.Checkpoint(int.MaxValue, int.MaxValue);
        var size = new FileInfo(db.Path + "-wal").Length;
        clock.Advance(TimeSpan.FromSeconds(50));

        var cut = backlog.Checkpoint(restartLogFrames: 100, forceRestartLogFrames: int.MaxValue);

        Assert.False(cut);
        Assert.Equal(size, new FileInfo(db.Path + "-wal").Length);
    }

    [Fact]
    public async Task AddUnlessSeen_SameDeliveryManyTimesAtOnce_IsStoredOnce()
    {
        using var db = await TempDatabase.CreateAsync();
        using var backlog = new SqlInboundBacklog(db.Database, new FakeClock());

        var ids = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => backlog.AddUnlessSeenAsync("q", "retried", "teams:activity:a1", CancellationToken.None)));

        Assert.Single(ids, id => id is not null);
        Assert.Single(await backlog.PendingAsync("q", CancellationToken.None));
    }

    [Fact]
    public async Task AddUnlessSeen_AfterRestart_StillKnowsTheDelivery()
    {
        using var db = await TempDatabase.CreateAsync();
        using (var before = new SqlInboundBacklog(db.Database, new FakeClock()))
        {
            await before.AddUnlessSeenAsync("q", "first", "slack:event:Ev1", CancellationToken.None);
        }

        using var after = new SqlInboundBacklog(db.Database, new FakeClock());
        var again = await after.AddUnlessSeenAsync("q", "again", "slack:event:Ev1", CancellationToken.None);

        Assert.Null(again);
    }

    [Fact]
    public async Task Remove_WhileOthersAreAdded_RemovesOnlyThatItem()
    {
        using var db = await TempDatabase.CreateAsync();
        using var backlog = new SqlInboundBacklog(db.Database, new FakeClock());
        var kept = await backlog.AddAsync("q", "kept", CancellationToken.None);
        var done = await backlog.AddAsync("q", "done", CancellationToken.None);

        await Task.WhenAll(backlog.RemoveAsync(done, CancellationToken.None), backlog.AddAsync("q", "new", CancellationToken.None));

        Assert.Equal(["kept", "new"], (await backlog.PendingAsync("q", CancellationToken.None)).Select(p => p.Payload));
        Assert.DoesNotContain(done, (await backlog.PendingAsync("q", CancellationToken.None)).Select(p => p.Id));
        Assert.Contains(kept, (await backlog.PendingAsync("q", CancellationToken.None)).Select(p => p.Id));
    }

    [Fact]
    public async Task Remove_BeforeItsGatheringTimeIsUp_IsCommittedWithTheNextInsert()
    {
        using var db = await TempDatabase.CreateAsync();
        using var backlog = new SqlInboundBacklog(db.Database, new FakeClock(), removalGather: Timeout.InfiniteTimeSpan);
        var handled = await backlog.AddAsync("q", "handled", CancellationToken.None);

        var removal = backlog.RemoveAsync(handled, CancellationToken.None);
        await Task.Delay(50);
        var beforeTheInsert = await backlog.PendingAsync("q", CancellationToken.None);
        await backlog.AddAsync("q", "new", CancellationToken.None);
        await removal;

        Assert.Equal(["handled"], beforeTheInsert.Select(p => p.Payload));
        Assert.Equal(["new"], (await backlog.PendingAsync("q", CancellationToken.None)).Select(p => p.Payload));
    }

    [Fact]
    public async Task Remove_WithNothingElseWritten_IsCommittedOnItsOwn()
    {
        using var db = await TempDatabase.CreateAsync();
        using var backlog = new SqlInboundBacklog(db.Database, new FakeClock());
        var handled = await backlog.AddAsync("q", "handled", CancellationToken.None);

        await backlog.RemoveAsync(handled, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Empty(await backlog.PendingAsync("q", CancellationToken.None));
    }

    [Fact]
    public async Task Remove_MoreThanOneCommitHolds_RemovesThemAll()
    {
        using var db = await TempDatabase.CreateAsync();
        using var backlog = new SqlInboundBacklog(db.Database, new FakeClock());
        var ids = await Task.WhenAll(Enumerable.Range(0, 1000).Select(i => backlog.AddAsync("q", $"item {i}", CancellationToken.None)));

        await Task.WhenAll(ids.Select(id => backlog.RemoveAsync(id, CancellationToken.None))).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Empty(await backlog.PendingAsync("q", CancellationToken.None));
    }

    [Fact]
    public async Task Add_AfterTheNewestItemWasRemoved_NeverGetsItsId()
    {
        using var db = await TempDatabase.CreateAsync();
        using var backlog = new SqlInboundBacklog(db.Database, new FakeClock());
        await backlog.AddAsync("q", "kept", CancellationToken.None);
        var newest = await backlog.AddAsync("q", "handled", CancellationToken.None);
        await backlog.RemoveAsync(newest, CancellationToken.None);

        var next = await backlog.AddAsync("q", "next", CancellationToken.None);

        Assert.True(next > newest, $"the new item got id {next}, after {newest} was removed");
    }

    [Fact]
    public async Task Add_AfterARestart_NumbersAfterWhatIsStored()
    {
        using var db = await TempDatabase.CreateAsync();
        long stored;
        using (var before = new SqlInboundBacklog(db.Database, new FakeClock()))
        {
            stored = await before.AddAsync("q", "left from before", CancellationToken.None);
        }

        using var after = new SqlInboundBacklog(db.Database, new FakeClock());
        var next = await after.AddAsync("q", "new", CancellationToken.None);

        Assert.True(next > stored, $"the new item got id {next}, with {stored} still stored");
        Assert.Equal(["left from before", "new"], (await after.PendingAsync("q", CancellationToken.None)).Select(p => p.Payload));
    }

    [Fact]
    public async Task PendingPage_ReadsOnlyTheQueuesItemsWithinTheRange()
    {
        using var db = await TempDatabase.CreateAsync();
        using var backlog = new SqlInboundBacklog(db.Database, new FakeClock());
        var ids = new List<long>();
        foreach (var (queue, payload) in new[] { ("q", "1"), ("other", "x"), ("q", "2"), ("q", "3"), ("other", "y"), ("q", "4") })
        {
            ids.Add(await backlog.AddAsync(queue, payload, CancellationToken.None));
        }

        var page = await backlog.PendingAsync("q", afterId: ids[0], upToId: ids[3], limit: 10, CancellationToken.None);
        var limited = await backlog.PendingAsync("q", afterId: 0, upToId: ids[5], limit: 2, CancellationToken.None);

        Assert.Equal(["2", "3"], page.Select(p => p.Payload));
        Assert.Equal(["1", "2"], limited.Select(p => p.Payload));
    }

    [Fact]
    public async Task Count_GivesTheQueuesSizeAndNewestId()
    {
        using var db = await TempDatabase.CreateAsync();
        using var backlog = new SqlInboundBacklog(db.Database, new FakeClock());
        await backlog.AddAsync("q", "one", CancellationToken.None);
        var newest = await backlog.AddAsync("q", "two", CancellationToken.None);
        await backlog.AddAsync("other", "not counted", CancellationToken.None);

        var count = await backlog.CountAsync("q", CancellationToken.None);
        var none = await backlog.CountAsync("empty", CancellationToken.None);

        Assert.Equal((2, newest), count);
        Assert.Equal((0, 0L), none);
    }

    [Fact]
    public async Task Migrate_ItemsStoredBeforeTheWriterNumberedThem_AreKeptWithTheirIds()
    {
        using var db = new TempDatabase();
        await new Migrator(db.Database).MigrateAsync(CancellationToken.None, upTo: 21);
        await ExecuteAsync(db, "INSERT INTO inbound_queue (queue, payload, received_at) VALUES ('q', 'one', '2026-11-23T10:00:00Z'), ('q.waiting', 'two', '2026-11-23T10:00:01Z');");

        await new Migrator(db.Database).MigrateAsync(CancellationToken.None);
        using var backlog = new SqlInboundBacklog(db.Database, new FakeClock());
        var next = await backlog.AddAsync("q", "three", CancellationToken.None);

        Assert.Equal([(1L, "one"), (3L, "three")], (await backlog.PendingAsync("q", CancellationToken.None)).Select(p => (p.Id, p.Payload)));
        Assert.Equal((1, 2L), await backlog.CountAsync("q.waiting", CancellationToken.None));
        Assert.Equal(3, next);
    }

    [Fact]
    public async Task Dispose_WithRemovalsNobodyWaitsFor_CommitsThemFirst()
    {
        using var db = await TempDatabase.CreateAsync();
        var before = new SqlInboundBacklog(db.Database, new FakeClock());
        var ids = await Task.WhenAll(Enumerable.Range(0, 5000).Select(i => before.AddAsync("q", $"item {i}", CancellationToken.None)));
        foreach (var id in ids)
        {
            _ = before.RemoveAsync(id, CancellationToken.None);
        }

        before.Dispose();

        await using var connection = await db.Database.OpenAsync(CancellationToken.None);
        Assert.Equal(0, await connection.ExecuteScalarAsync<int>("SELECT count(*) FROM inbound_queue;"));
    }

    [Fact]
    public async Task Add_WhenACommitFails_ThatCallerGetsTheErrorAndLaterWritesStillWork()
    {
        using var db = await TempDatabase.CreateAsync();
        using var backlog = new SqlInboundBacklog(db.Database, new FakeClock());
        await backlog.AddAsync("q", "before", CancellationToken.None);
        await ExecuteAsync(db, "ALTER TABLE inbound_queue RENAME TO inbound_queue_away;");

        await Assert.ThrowsAsync<SqliteException>(() => backlog.AddAsync("q", "lost to the error", CancellationToken.None));
        await ExecuteAsync(db, "ALTER TABLE inbound_queue_away RENAME TO inbound_queue;");
        await backlog.AddAsync("q", "after", CancellationToken.None);

        Assert.Equal(["before", "after"], (await backlog.PendingAsync("q", CancellationToken.None)).Select(p => p.Payload));
    }

    [Fact]
    public async Task Add_AlreadyCancelled_StoresNothing()
    {
        using var db = await TempDatabase.CreateAsync();
        using var backlog = new SqlInboundBacklog(db.Database, new FakeClock());

        await Assert.ThrowsAsync<OperationCanceledException>(() => backlog.AddAsync("q", "never", new CancellationToken(canceled: true)));

        Assert.Empty(await backlog.PendingAsync("q", CancellationToken.None));
    }

    [Fact]
    public async Task ReadLogAhead_AfterACommit_AsksForTheWholeLogFile()
    {
        using var db = await TempDatabase.CreateAsync();
        await using var held = await db.Database.OpenAsync(CancellationToken.None);
        using var backlog = new SqlInboundBacklog(db.Database, new FakeClock());
        await FillLogAsync(backlog);

        var asked = backlog.ReadLogAhead();

        var logBytes = new FileInfo(db.Path + "-wal").Length;
        Assert.True(logBytes > 300 * 1000, $"the log holds {logBytes} bytes");
        Assert.Equal(OperatingSystem.IsLinux() ? logBytes : 0, asked);
    }

    [Fact]
    public async Task ReadLogAhead_NothingCommittedSinceItLastAsked_AsksForNothing()
    {
        using var db = await TempDatabase.CreateAsync();
        await using var held = await db.Database.OpenAsync(CancellationToken.None);
        using var backlog = new SqlInboundBacklog(db.Database, new FakeClock());
        await FillLogAsync(backlog);
        backlog.ReadLogAhead();

        var asked = backlog.ReadLogAhead();

        Assert.Equal(0, asked);
    }

    private static async Task ExecuteAsync(TempDatabase db, string sql)
    {
        await using var connection = await db.Database.OpenAsync(CancellationToken.None);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>300 items of about 1 KB, added at once.</summary>
    private static Task<long[]> AddBurstAsync(SqlInboundBacklog backlog) =>
        Task.WhenAll(Enumerable.Range(0, 300).Select(i => backlog.AddAsync("q", new string('x', 1000) + i, CancellationToken.None)));

    /// <summary>The database file grew by at least the burst: its items were copied out of the log.</summary>
    private static void AssertBurstCopied(TempDatabase db, long before)
    {
        var after = new FileInfo(db.Path).Length;
        Assert.True(after >= before + (300 * 1000), $"the file grew from {before} to {after} bytes");
    }

    /// <summary>300 items of about 1 KB, one commit each: well over 100 frames in the log.</summary>
    private static async Task FillLogAsync(SqlInboundBacklog backlog)
    {
        foreach (var i in Enumerable.Range(0, 300))
        {
            await backlog.AddAsync("q", new string('x', 1000) + i, CancellationToken.None);
        }
    }

    /// <summary>
    /// A first checkpoint in the test process, on a database of its own. Run alone in a fresh process, the
    /// test's checkpoint was slow to start (its statements and result mappings compiled on first use) and
    /// used up its attempts to start the log over before the reader was done.
    /// </summary>
    private static async Task CheckpointOnceElsewhereAsync()
    {
        using var other = await TempDatabase.CreateAsync();
        using var backlog = new SqlInboundBacklog(other.Database, new FakeClock());
        await backlog.AddAsync("q", "x", CancellationToken.None);
        backlog.Checkpoint(restartLogFrames: 0, forceRestartLogFrames: 0);
    }

    /// <summary>Frames in the write-ahead log; a log that started over holds only what came after.</summary>
    private static int LogFrames(TempDatabase db)
    {
        using var connection = db.Database.Open();
        return connection.QuerySingle<(int Busy, int Log, int Copied)>("PRAGMA wal_checkpoint(PASSIVE);").Log;
    }
}
