using Dapper;
using ProductOps.Skills.Cadences;
using ProductOps.Storage.Audit;

namespace ProductOps.Storage.Cadences;

/// <summary>Cadence definitions as one JSON document each; names compared through a lower-case key.</summary>
public sealed class SqlCadenceStore(Database database, TimeProvider clock) : ICadenceStore
{
    private const string Columns = "SELECT id, paused, definition FROM cadences WHERE deleted_at IS NULL";

    public async Task<IReadOnlyList<Cadence>> ListAsync(CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        var rows = await connection.QueryAsync<Row>(new CommandDefinition($"{Columns} ORDER BY name_key;", cancellationToken: ct));
        return rows.Select(Read).ToArray();
    }

    public async Task<Cadence?> FindAsync(string name, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        var row = await connection.QuerySingleOrDefaultAsync<Row>(new CommandDefinition($"{Columns} AND name_key = @key;", new { key = Key(name) }, cancellationToken: ct));
        return row is null ? null : Read(row);
    }

    public async Task<Cadence?> FindAsync(long id, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        var row = await connection.QuerySingleOrDefaultAsync<Row>(new CommandDefinition($"{Columns} AND id = @id;", new { id }, cancellationToken: ct));
        return row is null ? null : Read(row);
    }

    public async Task<Cadence?> AddAsync(CadenceDraft draft, CancellationToken ct)
    {
        var at = StoredTime.Text(clock.GetUtcNow());
        await using var connection = await database.OpenAsync(ct);
        var id = await connection.ExecuteScalarAsync<long?>(new CommandDefinition(
            """
            INSERT INTO cadences (name, name_key, definition, paused, created_at, updated_at)
            VALUES (@Name, @key, @definition, 0, @at, @at)
            ON CONFLICT (name_key) WHERE deleted_at IS NULL DO NOTHING
            RETURNING id;
            """,
            new { draft.Name, key = Key(draft.Name), definition = CadenceJson.Definition(draft), at },
            cancellationToken: ct));
        return id is { } added ? new Cadence(added, false, draft) : null;
    }

    public async Task<bool> UpdateAsync(long id, CadenceDraft draft, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        var changed = await connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE cadences SET name = @Name, name_key = @key, definition = @definition, updated_at = @at
            WHERE id = @id AND deleted_at IS NULL
              AND NOT EXISTS (SELECT 1 FROM cadences other WHERE other.name_key = @key AND other.id <> @id AND other.deleted_at IS NULL);
            """,
            new { draft.Name, key = Key(draft.Name), definition = CadenceJson.Definition(draft), at = StoredTime.Text(clock.GetUtcNow()), id },
            cancellationToken: ct));
        return changed == 1;
    }

    public async Task<bool> SetPausedAsync(long id, bool paused, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        return await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE cadences SET paused = @paused, updated_at = @at WHERE id = @id AND deleted_at IS NULL;",
            new { paused = paused ? 1 : 0, at = StoredTime.Text(clock.GetUtcNow()), id },
            cancellationToken: ct)) == 1;
    }

    public async Task<bool> DeleteAsync(long id, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        return await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE cadences SET deleted_at = @at WHERE id = @id AND deleted_at IS NULL;",
            new { at = StoredTime.Text(clock.GetUtcNow()), id },
            cancellationToken: ct)) == 1;
    }

    private static string Key(string name) => name.Trim().ToLowerInvariant();

    private static Cadence Read(Row row) => new(row.Id, row.Paused != 0, CadenceJson.ReadDefinition(row.Definition));

    private sealed record Row(long Id, long Paused, string Definition);
}
