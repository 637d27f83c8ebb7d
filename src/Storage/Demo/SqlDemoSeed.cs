using Dapper;
using ProductOps.Storage.Audit;

namespace ProductOps.Storage.Demo;

/// <summary>
/// Marks the first-run demo seeding as started and finished. Seeding writes through many stores, so
/// it cannot be one transaction; the marker lets the next start tell a complete demo from one a
/// crash or stop cut short, and clear the latter so the demo is seeded again in full.
/// </summary>
public sealed class SqlDemoSeed(Database database, TimeProvider clock)
{
    /// <summary>True when seeding started and never finished.</summary>
    public async Task<bool> InterruptedAsync(CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT COUNT(*) FROM demo_seed WHERE finished_at IS NULL;", cancellationToken: ct)) > 0;
    }

    public async Task StartAsync(CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO demo_seed (id, started_at) VALUES (1, @at) ON CONFLICT (id) DO UPDATE SET started_at = excluded.started_at, finished_at = NULL;",
            new { at = StoredTime.Text(clock.GetUtcNow()) },
            cancellationToken: ct));
    }

    public async Task FinishAsync(CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE demo_seed SET finished_at = @at;", new { at = StoredTime.Text(clock.GetUtcNow()) }, cancellationToken: ct));
    }

    /// <summary>
    /// The database was started without demo data after an interrupted seeding: whatever it holds now
    /// is kept as it is, and is never cleared as a partial demo later.
    /// </summary>
    public async Task KeepAsync(CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition("DELETE FROM demo_seed WHERE finished_at IS NULL;", cancellationToken: ct));
    }

    /// <summary>
    /// Empties every ProductOps table but the schema history, in one transaction. Only for a partial
    /// demo: seeding runs before the bot serves anyone (and before the scheduler starts, so its own
    /// tables hold nothing of the demo), so such a database holds nothing but demo rows.
    /// </summary>
    public async Task ClearAsync(CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        var all = (await connection.QueryAsync<(string Name, string Sql)>(new CommandDefinition(
            "SELECT name, sql FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'QRTZ_%' AND name <> 'schema_migrations';",
            cancellationToken: ct))).ToArray();

        // Full-text indexes (and their shadow tables) follow their content tables through triggers.
        var indexes = all.Where(t => t.Sql.StartsWith("CREATE VIRTUAL TABLE", StringComparison.OrdinalIgnoreCase)).Select(t => t.Name + "_").ToArray();
        var tables = all.Select(t => t.Name).Where(name => !indexes.Any(index => (name + "_").StartsWith(index, StringComparison.Ordinal))).ToArray();

        // Rows go in any order, so foreign keys are checked at the commit rather than per statement.
        await using var transaction = await connection.BeginTransactionAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition("PRAGMA defer_foreign_keys = ON;", transaction: transaction, cancellationToken: ct));
        foreach (var table in tables)
        {
            await connection.ExecuteAsync(new CommandDefinition($"DELETE FROM \"{table.Replace("\"", "\"\"", StringComparison.Ordinal)}\";", transaction: transaction, cancellationToken: ct));
        }

        await transaction.CommitAsync(ct);
    }
}
