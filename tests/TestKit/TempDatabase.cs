using Microsoft.Data.Sqlite;
using ProductOps.Storage;
using ProductOps.Storage.Migrations;

namespace ProductOps.TestKit;

/// <summary>A real SQLite file in the temp folder, migrated on demand, deleted with its WAL files on dispose.</summary>
public sealed class TempDatabase : IDisposable, IAsyncDisposable
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

    /// <summary>A new file with every migration applied.</summary>
    public static async Task<TempDatabase> CreateAsync()
    {
        var temp = new TempDatabase();
        await temp.MigrateAsync();
        return temp;
    }

    public async Task<Database> MigrateAsync()
    {
        await new Migrator(Database).MigrateAsync(CancellationToken.None);
        return Database;
    }

    public void Dispose()
    {
        // Pooled connections keep the file open (the bot under test opens its own); release them so the file can go.
        SqliteConnection.ClearAllPools();

        foreach (var file in new[] { Path, Path + "-wal", Path + "-shm" })
        {
            File.Delete(file);
        }
    }

    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }
}
