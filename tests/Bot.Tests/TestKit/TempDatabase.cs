using Microsoft.Data.Sqlite;
using ProductOps.Storage;
using ProductOps.Storage.Migrations;

namespace ProductOps.Bot.Tests.TestKit;

/// <summary>A real SQLite file in the temp folder, migrated on demand and deleted on dispose.</summary>
public sealed class TempDatabase : IDisposable
{
    public TempDatabase()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"productops-test-{Guid.NewGuid():N}.db");
        ConnectionString = $"Data Source={Path}";
        Database = new Database(ConnectionString);
    }

    public string Path { get; }

    public string ConnectionString { get; }

    public Database Database { get; }

    public async Task<Database> MigratedAsync()
    {
        await new Migrator(Database).MigrateAsync(CancellationToken.None);
        return Database;
    }

    public void Dispose()
    {
        // Pooled connections keep the file open; release them so the file can go.
        SqliteConnection.ClearAllPools();
        foreach (var file in new[] { Path, Path + "-wal", Path + "-shm" })
        {
            File.Delete(file);
        }
    }
}
