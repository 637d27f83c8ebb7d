using Microsoft.Data.Sqlite;
using ProductOps.Storage;
using ProductOps.Storage.Migrations;

namespace ProductOps.Skills.Tests.TestKit;

/// <summary>A real SQLite file in the temp folder with every migration applied; deleted on dispose.</summary>
public sealed class TempDatabase : IAsyncDisposable
{
    private readonly string _path;

    private TempDatabase(string path)
    {
        _path = path;
        Database = new Database($"Data Source={path}");
    }

    public Database Database { get; }

    public static async Task<TempDatabase> CreateAsync()
    {
        var temp = new TempDatabase(Path.Combine(Path.GetTempPath(), $"productops-test-{Guid.NewGuid():N}.db"));
        await new Migrator(temp.Database).MigrateAsync(CancellationToken.None);
        return temp;
    }

    public ValueTask DisposeAsync()
    {
        // Pooled connections keep the file open; release them before deleting it.
        SqliteConnection.ClearAllPools();
        foreach (var file in new[] { _path, _path + "-wal", _path + "-shm" })
        {
            File.Delete(file);
        }

        return ValueTask.CompletedTask;
    }
}
