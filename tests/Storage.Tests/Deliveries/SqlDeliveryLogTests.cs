using ProductOps.Storage.Deliveries;

namespace ProductOps.Storage.Tests.Deliveries;

public sealed class SqlDeliveryLogTests
{
    [Fact]
    public async Task FirstSeen_SameKeyThreeTimes_IsFirstOnlyOnce()
    {
        using var db = await TempDatabase.CreateAsync();
        var log = new SqlDeliveryLog(db.Database, new FakeClock());

        var results = new[]
        {
            await log.FirstSeenAsync("slack:event:Ev1", CancellationToken.None),
            await log.FirstSeenAsync("slack:event:Ev1", CancellationToken.None),
            await log.FirstSeenAsync("slack:event:Ev1", CancellationToken.None),
        };

        Assert.Equal([true, false, false], results);
    }

    [Fact]
    public async Task FirstSeen_AfterRestart_StillKnowsTheKey()
    {
        using var db = await TempDatabase.CreateAsync();
        await new SqlDeliveryLog(db.Database, new FakeClock()).FirstSeenAsync("teams:activity:a1", CancellationToken.None);

        var again = await new SqlDeliveryLog(db.Database, new FakeClock()).FirstSeenAsync("teams:activity:a1", CancellationToken.None);

        Assert.False(again);
    }

    [Fact]
    public async Task Seen_BeforeAndAfterTheKeyIsRecorded_AsksWithoutRecording()
    {
        using var db = await TempDatabase.CreateAsync();
        var log = new SqlDeliveryLog(db.Database, new FakeClock());

        var before = await log.SeenAsync("teams:activity:a1", CancellationToken.None);
        var stillBefore = await log.SeenAsync("teams:activity:a1", CancellationToken.None);
        await log.FirstSeenAsync("teams:activity:a1", CancellationToken.None);
        var after = await log.SeenAsync("teams:activity:a1", CancellationToken.None);

        Assert.Equal([false, false, true], new[] { before, stillBefore, after });
    }

    [Fact]
    public async Task Purge_OlderThanTheAge_ForgetsOnlyThose()
    {
        using var db = await TempDatabase.CreateAsync();
        var clock = new FakeClock();
        var log = new SqlDeliveryLog(db.Database, clock);
        await log.FirstSeenAsync("old", CancellationToken.None);
        clock.Advance(TimeSpan.FromDays(2));
        await log.FirstSeenAsync("new", CancellationToken.None);

        var purged = await log.PurgeOlderThanAsync(TimeSpan.FromDays(1), CancellationToken.None);

        Assert.Equal(1, purged);
        Assert.True(await log.FirstSeenAsync("old", CancellationToken.None));
        Assert.False(await log.FirstSeenAsync("new", CancellationToken.None));
    }
}
