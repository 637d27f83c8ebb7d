using Dapper;
using Microsoft.Data.Sqlite;

namespace ProductOps.Storage.Tests;

public sealed class DatabaseTests
{
    [Fact]
    public async Task ForQueue_FileDatabase_OpensConnectionsWithTheDefaultPageCache()
    {
        using var db = new TempDatabase();

        await using var large = await db.Database.OpenAsync(CancellationToken.None);
        await using var small = await db.Database.ForQueue().OpenAsync(CancellationToken.None);

        Assert.Equal(-32768, await large.ExecuteScalarAsync<long>("PRAGMA cache_size;"));
        Assert.Equal(-2048, await small.ExecuteScalarAsync<long>("PRAGMA cache_size;"));
    }

    [Fact]
    public async Task ForQueue_FileDatabase_LeavesCheckpointsToTheQueueOwner()
    {
        using var db = new TempDatabase();

        await using var other = await db.Database.OpenAsync(CancellationToken.None);
        await using var queue = await db.Database.ForQueue().OpenAsync(CancellationToken.None);

        Assert.Equal(1000, await other.ExecuteScalarAsync<long>("PRAGMA wal_autocheckpoint;"));
        Assert.Equal(0, await queue.ExecuteScalarAsync<long>("PRAGMA wal_autocheckpoint;"));
    }

    [Fact]
    public async Task ForQueue_FileDatabase_SeesWhatOtherConnectionsWrote()
    {
        using var db = new TempDatabase();
        await using (var writer = await db.Database.OpenAsync(CancellationToken.None))
        {
            await writer.ExecuteAsync("CREATE TABLE notes (text TEXT); INSERT INTO notes VALUES ('kept');");
        }

        await using var reader = await db.Database.ForQueue().OpenAsync(CancellationToken.None);

        Assert.Equal("kept", await reader.ExecuteScalarAsync<string>("SELECT text FROM notes;"));
    }

    [Fact]
    public void ForQueue_SharedInMemoryDatabase_KeepsTheOneCacheItLivesIn()
    {
        var database = new Database(new SqliteConnectionStringBuilder { DataSource = "notes", Mode = SqliteOpenMode.Memory, Cache = SqliteCacheMode.Shared }.ToString());

        Assert.Same(database, database.ForQueue());
    }
}
