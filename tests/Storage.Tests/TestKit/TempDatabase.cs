using Microsoft.Data.Sqlite;
using ProductOps.Storage.Migrations;

namespace ProductOps.Storage.Tests.TestKit;

/// <summary>A real SQLite database in a temporary file, deleted (with its WAL files) on dispose.</summary>
public sealed class TempDatabase : IDisposable
{
    public TempDatabase()
    {
        var folder = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "productops-tests");
        Directory.CreateDirectory(folder);
        Path = System.IO.Path.Combine(folder, Guid.NewGuid().ToString("N") + ".db");
        Database = new Database($"Data Source={Path}");
    }

    public string Path { get; }

    public Database Database { get; }

    public static async Task<TempDatabase> MigratedAsync()
    {
        var db = new TempDatabase();
        await new Migrator(db.Database).MigrateAsync(CancellationToken.None);
        return db;
    }

    public void Dispose()
    {
        using (var connection = new SqliteConnection(Database.ConnectionString))
        {
            SqliteConnection.ClearPool(connection);
        }

        foreach (var file in new[] { Path, Path + "-wal", Path + "-shm" })
        {
            File.Delete(file);
        }
    }
}
