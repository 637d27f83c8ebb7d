using Microsoft.Data.Sqlite;
using ProductOps.Storage.Migrations;

namespace ProductOps.Storage.Tests.People;

/// <summary>A migrated SQLite file in the temp folder for the SQLite runs of the store contracts.</summary>
public sealed class TempSqlite
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"productops-store-{Guid.NewGuid():N}.db");

    public TempSqlite()
    {
        Database = new Database($"Data Source={_path}");
    }

    public Database Database { get; }

    public async Task<Database> MigrateAsync()
    {
        await new Migrator(Database).MigrateAsync(CancellationToken.None);
        return Database;
    }

    public Task DeleteAsync()
    {
        // Pooled connections keep the file open; release them before deleting it.
        SqliteConnection.ClearAllPools();
        foreach (var file in new[] { _path, _path + "-wal", _path + "-shm" })
        {
            File.Delete(file);
        }

        return Task.CompletedTask;
    }
}
