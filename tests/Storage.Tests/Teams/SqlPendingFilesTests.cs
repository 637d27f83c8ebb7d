using ProductOps.Storage.Teams;

namespace ProductOps.Storage.Tests.Teams;

public sealed class SqlPendingFilesTests
{
    [Fact]
    public async Task Find_AfterRestart_ReturnsTheBytesAsStored()
    {
        using var db = await TempDatabase.CreateAsync();
        var clock = new FakeClock();
        var bytes = Enumerable.Range(0, 256).Select(b => (byte)b).ToArray();
        await new SqlPendingFiles(db.Database, clock).AddAsync(
            new PendingFile("f1", "tenant", "aad-1", "feedback.csv", bytes, clock.GetUtcNow(), clock.GetUtcNow().AddHours(24)), CancellationToken.None);

        var found = await new SqlPendingFiles(db.Database, clock).FindAsync("f1", CancellationToken.None);

        Assert.Equal(("tenant", "aad-1", "feedback.csv"), (found?.TenantId, found?.UserKey, found?.FileName));
        Assert.Equal(bytes, found?.Content);
        Assert.Equal((clock.GetUtcNow(), clock.GetUtcNow().AddHours(24)), (found?.CreatedAt, found?.ExpiresAt));
    }

    [Fact]
    public async Task PurgeExpired_ForgetsOnlyOffersPastTheirExpiry()
    {
        using var db = await TempDatabase.CreateAsync();
        var clock = new FakeClock();
        var files = new SqlPendingFiles(db.Database, clock);
        await files.AddAsync(new PendingFile("short", "t", "u", "a.csv", [1], clock.GetUtcNow(), clock.GetUtcNow().AddHours(1)), CancellationToken.None);
        await files.AddAsync(new PendingFile("long", "t", "u", "b.csv", [2], clock.GetUtcNow(), clock.GetUtcNow().AddHours(48)), CancellationToken.None);
        clock.Advance(TimeSpan.FromHours(2));

        var purged = await files.PurgeExpiredAsync(CancellationToken.None);

        Assert.Equal(1, purged);
        Assert.Null(await files.FindAsync("short", CancellationToken.None));
        Assert.NotNull(await files.FindAsync("long", CancellationToken.None));
    }

    [Fact]
    public async Task Remove_UnknownId_ChangesNothing()
    {
        using var db = await TempDatabase.CreateAsync();
        var clock = new FakeClock();
        var files = new SqlPendingFiles(db.Database, clock);
        await files.AddAsync(new PendingFile("keep", "t", "u", "a.csv", [1], clock.GetUtcNow(), clock.GetUtcNow().AddHours(1)), CancellationToken.None);

        await files.RemoveAsync("gone", CancellationToken.None);

        Assert.NotNull(await files.FindAsync("keep", CancellationToken.None));
    }
}
