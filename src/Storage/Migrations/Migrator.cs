using System.Data.Common;
using System.Reflection;
using Dapper;
using Microsoft.Data.Sqlite;

namespace ProductOps.Storage.Migrations;

/// <summary>
/// Applies the numbered SQL files under Migrations/Sqlite in order, each in its own transaction,
/// and records each in schema_migrations. Refuses a database written by a newer version.
/// </summary>
public sealed class Migrator(Database database)
{
    private const string Dialect = "Sqlite";

    public static IReadOnlyList<Migration> Known { get; } = Load();

    /// <summary>The newest schema version this build knows.</summary>
    public static int LatestVersion => Known.Count == 0 ? 0 : Known[^1].Version;

    public async Task<int> MigrateAsync(CancellationToken ct, int? upTo = null)
    {
        database.EnsureDirectory();
        try
        {
            await using var connection = await database.OpenAsync(ct);
            await connection.ExecuteAsync("PRAGMA journal_mode = WAL;");
            await connection.ExecuteAsync(
                "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL);");
            var current = await connection.ExecuteScalarAsync<int?>("SELECT MAX(version) FROM schema_migrations;") ?? 0;
            if (current > LatestVersion)
            {
                throw new StorageException(
                    $"The database {database.DataSource} was written by a newer version of ProductOps (schema {current}; this version knows up to {LatestVersion}). " +
                    "Run the newer version, or point ConnectionStrings:ProductOps at another database.");
            }

            var applied = 0;
            foreach (var migration in Known.Where(m => m.Version > current && m.Version <= (upTo ?? int.MaxValue)))
            {
                await ApplyAsync(connection, migration, ct);
                applied++;
            }

            return applied;
        }
        catch (SqliteException e) when (e.SqliteErrorCode is 11 or 26)
        {
            // SQLITE_CORRUPT or SQLITE_NOTADB: the file is not a database we can read.
            throw new StorageException(
                $"The database {database.DataSource} is not a readable SQLite database ({e.Message}). Restore it from a backup, or move it away to start with an empty one.",
                e);
        }
    }

    private static async Task ApplyAsync(DbConnection connection, Migration migration, CancellationToken ct)
    {
        await using var transaction = await connection.BeginTransactionAsync(ct);
        try
        {
            await connection.ExecuteAsync(migration.Sql, transaction: transaction);
            await connection.ExecuteAsync(
                "INSERT INTO schema_migrations (version, name, applied_at) VALUES (@Version, @Name, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'));",
                new { migration.Version, migration.Name },
                transaction);
            await transaction.CommitAsync(ct);
        }
        catch (DbException e)
        {
            await transaction.RollbackAsync(ct);
            throw new StorageException($"Migration {migration.Version} ({migration.Name}) failed and was rolled back: {e.Message}", e);
        }
    }

    private static List<Migration> Load()
    {
        var assembly = typeof(Migrator).Assembly;
        var prefix = $"{typeof(Migrator).Namespace}.{Dialect}.";
        return assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(prefix, StringComparison.Ordinal) && n.EndsWith(".sql", StringComparison.Ordinal))
            .Select(n => Read(assembly, n, n[prefix.Length..^4]))
            .OrderBy(m => m.Version)
            .ToList();
    }

    private static Migration Read(Assembly assembly, string resource, string fileName)
    {
        // Embedded resource names of files that start with a digit get a leading underscore.
        var name = fileName.TrimStart('_');
        var number = name.Split('_', 2);
        using var stream = assembly.GetManifestResourceStream(resource)!;
        using var reader = new StreamReader(stream);
        return new Migration(int.Parse(number[0], System.Globalization.CultureInfo.InvariantCulture), number.Length > 1 ? number[1] : name, reader.ReadToEnd());
    }
}

public sealed record Migration(int Version, string Name, string Sql);
