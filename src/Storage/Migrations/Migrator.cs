using System.Data.Common;
using System.Globalization;
using System.Reflection;
using Dapper;
using Microsoft.Data.Sqlite;

namespace ProductOps.Storage.Migrations;

/// <summary>
/// Applies the numbered SQL files under Migrations/Sqlite in order, each in its own transaction,
/// and records each in schema_migrations. Refuses a database written by a newer version before
/// changing anything in it.
/// </summary>
public sealed class Migrator
{
    private const string Dialect = "Sqlite";
    private readonly Database _database;
    private readonly Migration[] _migrations;

    public Migrator(Database database)
        : this(database, Known)
    {
    }

    /// <summary>Runs a given list instead of the embedded files; tests use it to prove a broken migration rolls back.</summary>
    internal Migrator(Database database, IReadOnlyList<Migration> migrations)
    {
        _database = database;
        _migrations = migrations.OrderBy(m => m.Version).ToArray();
    }

    public static IReadOnlyList<Migration> Known { get; } = Load();

    /// <summary>The newest schema version this build knows.</summary>
    public static int LatestVersion => Known.Count == 0 ? 0 : Known[^1].Version;

    /// <summary>
    /// Applies every known migration the database has not recorded yet, up to <paramref name="upTo"/>
    /// when given. Versions are compared as a set, so a lower-numbered migration that arrives after a
    /// higher one (branches merged in another order) is still applied. Returns how many were applied.
    /// </summary>
    public async Task<int> MigrateAsync(CancellationToken ct, int? upTo = null)
    {
        _database.EnsureDirectory();
        return await GuardAsync(async () =>
        {
            await using var connection = await _database.OpenAsync(ct);
            var recorded = await RecordedVersionsAsync(connection);
            var latest = _migrations.Length == 0 ? 0 : _migrations[^1].Version;
            if (recorded.Count > 0 && recorded.Max() > latest)
            {
                throw new StorageException(
                    $"The database {_database.DataSource} was written by a newer version of ProductOps (schema {recorded.Max()}; this version knows up to {latest}). " +
                    "Nothing was changed. Run the newer version, or point ConnectionStrings:ProductOps at another database.");
            }

            // WAL lets the web requests, the dispatcher and the scheduler read while one of them writes.
            await connection.ExecuteAsync("PRAGMA journal_mode = WAL;");
            await connection.ExecuteAsync(
                "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL);");
            var applied = 0;
            foreach (var migration in _migrations.Where(m => !recorded.Contains(m.Version) && m.Version <= (upTo ?? int.MaxValue)))
            {
                await ApplyAsync(connection, migration, ct);
                applied++;
            }

            return applied;
        });
    }

    /// <summary>The highest applied schema version, or null for a database never migrated; health checks read it.</summary>
    public async Task<int?> CurrentVersionAsync(CancellationToken ct) =>
        await GuardAsync(async () =>
        {
            await using var connection = await _database.OpenAsync(ct);
            var recorded = await RecordedVersionsAsync(connection);
            return recorded.Count == 0 ? (int?)null : recorded.Max();
        });

    private static async Task<HashSet<int>> RecordedVersionsAsync(DbConnection connection)
    {
        var exists = await connection.ExecuteScalarAsync<long>(
            "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations';");
        return exists == 0 ? [] : (await connection.QueryAsync<int>("SELECT version FROM schema_migrations;")).ToHashSet();
    }

    private async Task<T> GuardAsync<T>(Func<Task<T>> work)
    {
        try
        {
            return await work();
        }
        catch (SqliteException e) when (e.SqliteErrorCode is 11 or 26)
        {
            // SQLITE_CORRUPT or SQLITE_NOTADB: the file is not a database we can read.
            throw new StorageException(
                $"The database {_database.DataSource} is not a readable SQLite database ({e.Message}). Restore it from a backup, or move it away to start with an empty one.",
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
        catch (DbException e) when (e is not SqliteException { SqliteErrorCode: 11 or 26 })
        {
            await transaction.RollbackAsync(ct);
            throw new StorageException($"Migration {migration.Version} ({migration.Name}) failed and was rolled back; the database stays at its previous schema: {e.Message}", e);
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
        return new Migration(int.Parse(number[0], CultureInfo.InvariantCulture), number.Length > 1 ? number[1] : name, reader.ReadToEnd());
    }
}

public sealed record Migration(int Version, string Name, string Sql);
