using Dapper;
using ProductOps.Storage.Migrations;

namespace ProductOps.Storage.Tests.Migrations;

public sealed class MigratorTests
{
    public static TheoryData<int> EarlierVersions()
    {
        var data = new TheoryData<int>();
        foreach (var migration in Migrator.Known.Where(m => m.Version < Migrator.LatestVersion))
        {
            data.Add(migration.Version);
        }

        return data;
    }

    [Fact]
    public async Task Migrate_FreshDatabase_AppliesEveryKnownMigration()
    {
        using var db = new TempDatabase();

        var applied = await new Migrator(db.Database).MigrateAsync(CancellationToken.None);

        Assert.Equal(Migrator.Known.Count, applied);
        Assert.Equal(Migrator.LatestVersion, await new Migrator(db.Database).CurrentVersionAsync(CancellationToken.None));
        Assert.Equal(Migrator.Known.Select(m => m.Version), await VersionsAsync(db));
    }

    [Fact]
    public void Known_EmbeddedFiles_HaveDistinctVersionsInOrder()
    {
        var versions = Migrator.Known.Select(m => m.Version).ToArray();

        var sorted = versions.Order().Distinct().ToArray();

        Assert.NotEmpty(versions);
        Assert.Equal(sorted, versions);
        Assert.All(Migrator.Known, m => Assert.False(string.IsNullOrWhiteSpace(m.Sql)));
    }

    [Theory]
    [MemberData(nameof(EarlierVersions))]
    public async Task Migrate_FromEarlierVersion_ReachesTheSameSchemaAsFresh(int from)
    {
        using var fresh = await TempDatabase.CreateAsync();
        using var db = new TempDatabase();
        await new Migrator(db.Database).MigrateAsync(CancellationToken.None, upTo: from);

        var applied = await new Migrator(db.Database).MigrateAsync(CancellationToken.None);

        Assert.Equal(Migrator.Known.Count(m => m.Version > from), applied);
        Assert.Equal(Migrator.LatestVersion, await new Migrator(db.Database).CurrentVersionAsync(CancellationToken.None));
        Assert.Equal(await SchemaAsync(fresh), await SchemaAsync(db));
    }

    [Fact]
    public async Task Migrate_Twice_AppliesNothingTheSecondTime()
    {
        using var db = await TempDatabase.CreateAsync();

        var applied = await new Migrator(db.Database).MigrateAsync(CancellationToken.None);

        Assert.Equal(0, applied);
    }

    [Fact]
    public async Task Migrate_DatabaseFromNewerVersion_RefusesAndChangesNothing()
    {
        using var db = new TempDatabase();
        await using (var connection = await db.Database.OpenAsync(CancellationToken.None))
        {
            await connection.ExecuteAsync("CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL);");
            await connection.ExecuteAsync("INSERT INTO schema_migrations VALUES (@Version, 'from_the_future', '2030-01-01T00:00:00Z');", new { Version = Migrator.LatestVersion + 1 });
        }

        var schemaBefore = await SchemaAsync(db);

        var error = await Assert.ThrowsAsync<StorageException>(() => new Migrator(db.Database).MigrateAsync(CancellationToken.None));

        Assert.Contains("newer version of ProductOps", error.Message, StringComparison.Ordinal);
        Assert.Contains($"schema {Migrator.LatestVersion + 1}", error.Message, StringComparison.Ordinal);
        Assert.Contains("Nothing was changed", error.Message, StringComparison.Ordinal);
        Assert.Equal(schemaBefore, await SchemaAsync(db));
        Assert.Equal("delete", await JournalModeAsync(db));
    }

    [Fact]
    public async Task Migrate_CorruptFile_ThrowsStorageExceptionNamingTheFile()
    {
        using var db = new TempDatabase();
        var garbage = new byte[8192];
        new Random(42).NextBytes(garbage);
        await File.WriteAllBytesAsync(db.Path, garbage);

        var error = await Assert.ThrowsAsync<StorageException>(() => new Migrator(db.Database).MigrateAsync(CancellationToken.None));

        Assert.Contains("is not a readable SQLite database", error.Message, StringComparison.Ordinal);
        Assert.Contains(db.Path, error.Message, StringComparison.Ordinal);
        Assert.Contains("backup", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Migrate_FailingMigration_RollsBackAndKeepsThePreviousSchema()
    {
        using var db = await TempDatabase.CreateAsync();
        var schemaBefore = await SchemaAsync(db);
        var broken = new Migration(Migrator.LatestVersion + 1, "broken", "CREATE TABLE half_done (id INTEGER PRIMARY KEY); CREATE TABLE never_done (;");
        var migrator = new Migrator(db.Database, [.. Migrator.Known, broken]);

        var error = await Assert.ThrowsAsync<StorageException>(() => migrator.MigrateAsync(CancellationToken.None));

        Assert.Contains($"Migration {broken.Version} (broken) failed and was rolled back", error.Message, StringComparison.Ordinal);
        Assert.Equal(schemaBefore, await SchemaAsync(db));
        Assert.Equal(Migrator.LatestVersion, await new Migrator(db.Database).CurrentVersionAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Migrate_MissingLowerVersion_IsAppliedAfterHigherOnes()
    {
        using var db = new TempDatabase();
        var late = new Migration(0, "arrived_late", "CREATE TABLE arrived_late (id INTEGER PRIMARY KEY);");
        await new Migrator(db.Database).MigrateAsync(CancellationToken.None);

        var applied = await new Migrator(db.Database, [late, .. Migrator.Known]).MigrateAsync(CancellationToken.None);

        Assert.Equal(1, applied);
        Assert.Contains(0, await VersionsAsync(db));
    }

    [Fact]
    public async Task Migrate_FreshDatabase_TurnsOnWalAndConnectionsEnforceForeignKeysWithNormalSync()
    {
        using var db = await TempDatabase.CreateAsync();
        await using var connection = await db.Database.OpenAsync(CancellationToken.None);

        var foreignKeys = await connection.ExecuteScalarAsync<long>("PRAGMA foreign_keys;");
        var synchronous = await connection.ExecuteScalarAsync<long>("PRAGMA synchronous;");

        Assert.Equal("wal", await JournalModeAsync(db));
        Assert.Equal(1, foreignKeys);
        Assert.Equal(1, synchronous); // NORMAL
    }

    private static async Task<int[]> VersionsAsync(TempDatabase db)
    {
        await using var connection = await db.Database.OpenAsync(CancellationToken.None);
        return (await connection.QueryAsync<int>("SELECT version FROM schema_migrations ORDER BY version;")).ToArray();
    }

    private static async Task<string[]> SchemaAsync(TempDatabase db)
    {
        await using var connection = await db.Database.OpenAsync(CancellationToken.None);
        return (await connection.QueryAsync<string>(
                "SELECT type || ' ' || name || ': ' || COALESCE(sql, '') FROM sqlite_master WHERE name <> 'schema_migrations' ORDER BY type, name;"))
            .ToArray();
    }

    private static async Task<string> JournalModeAsync(TempDatabase db)
    {
        await using var connection = await db.Database.OpenAsync(CancellationToken.None);
        return await connection.ExecuteScalarAsync<string>("PRAGMA journal_mode;") ?? "";
    }
}
