using System.Data.Common;
using Dapper;
using ProductOps.Skills.Admin;
using ProductOps.Storage.Audit;

namespace ProductOps.Storage.Areas;

/// <summary>Product areas and their aliases. Names and aliases are compared through lower-case keys, for every script.</summary>
public sealed class SqlAreaStore(Database database, TimeProvider clock) : IAreaStore
{
    public async Task<IReadOnlyList<Area>> ListAsync(CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        return await LoadAsync(connection, null, "1 = 1", null, ct);
    }

    public async Task<Area?> FindAsync(string nameOrAlias, CancellationToken ct)
    {
        var key = Key(nameOrAlias);
        await using var connection = await database.OpenAsync(ct);
        var found = await LoadAsync(connection, null, "name_key = @key OR id IN (SELECT area_id FROM area_aliases WHERE alias_key = @key)", new { key }, ct);

        // A name wins over another area's alias; the commands keep the two apart anyway.
        return found.FirstOrDefault(a => Key(a.Name) == key) ?? (found is [var byAlias, ..] ? byAlias : null);
    }

    public async Task<Area?> AddAsync(AreaDraft area, CancellationToken ct)
    {
        var at = StoredTime.Text(clock.GetUtcNow());
        await using var connection = await database.OpenAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        var id = await connection.ExecuteScalarAsync<long?>(new CommandDefinition(
            """
            INSERT INTO areas (name, name_key, owner_id, channel, created_at, updated_at)
            VALUES (@Name, @key, @OwnerId, @Channel, @at, @at)
            ON CONFLICT (name_key) DO NOTHING
            RETURNING id;
            """,
            new { area.Name, key = Key(area.Name), area.OwnerId, area.Channel, at },
            transaction,
            cancellationToken: ct));
        if (id is null)
        {
            return null;
        }

        await InsertAliasesAsync(connection, transaction, id.Value, area.Aliases, ct);
        await transaction.CommitAsync(ct);
        return new Area(id.Value, area.Name, area.Aliases, area.OwnerId, area.Channel);
    }

    public async Task<bool> UpdateAsync(long id, AreaDraft area, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        var changed = await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE areas SET name = @Name, name_key = @key, owner_id = @OwnerId, channel = @Channel, updated_at = @at WHERE id = @id;",
            new { area.Name, key = Key(area.Name), area.OwnerId, area.Channel, at = StoredTime.Text(clock.GetUtcNow()), id },
            transaction,
            cancellationToken: ct));
        if (changed == 0)
        {
            return false;
        }

        await connection.ExecuteAsync(new CommandDefinition("DELETE FROM area_aliases WHERE area_id = @id;", new { id }, transaction, cancellationToken: ct));
        await InsertAliasesAsync(connection, transaction, id, area.Aliases, ct);
        await transaction.CommitAsync(ct);
        return true;
    }

    public async Task<bool> RemoveAsync(long id, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        return await connection.ExecuteAsync(new CommandDefinition("DELETE FROM areas WHERE id = @id;", new { id }, cancellationToken: ct)) == 1;
    }

    public async Task<AreaUsage> UsageAsync(long id, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        var (items, themes) = await connection.QuerySingleAsync<(long, long)>(new CommandDefinition(
            """
            SELECT (SELECT COUNT(*) FROM feedback_items WHERE area_id = @id),
                   (SELECT COUNT(*) FROM feedback_themes WHERE area_id = @id);
            """,
            new { id },
            cancellationToken: ct));
        return new AreaUsage((int)items, (int)themes);
    }

    private static string Key(string name) => name.Trim().ToLowerInvariant();

    private static async Task InsertAliasesAsync(DbConnection connection, DbTransaction transaction, long areaId, IReadOnlyList<string> aliases, CancellationToken ct)
    {
        for (var i = 0; i < aliases.Count; i++)
        {
            await connection.ExecuteAsync(new CommandDefinition(
                "INSERT INTO area_aliases (area_id, alias, alias_key, position) VALUES (@areaId, @alias, @key, @i);",
                new { areaId, alias = aliases[i], key = Key(aliases[i]), i },
                transaction,
                cancellationToken: ct));
        }
    }

    private static async Task<Area[]> LoadAsync(DbConnection connection, DbTransaction? transaction, string where, object? param, CancellationToken ct)
    {
        var sql = $"""
            SELECT id, name, owner_id AS OwnerId, channel FROM areas WHERE {where} ORDER BY name_key;
            SELECT area_id AS AreaId, alias FROM area_aliases WHERE area_id IN (SELECT id FROM areas WHERE {where}) ORDER BY area_id, position;
            """;
        await using var grid = await connection.QueryMultipleAsync(new CommandDefinition(sql, param, transaction, cancellationToken: ct));
        var areas = (await grid.ReadAsync<AreaRow>()).ToArray();
        var aliases = (await grid.ReadAsync<AliasRow>()).ToLookup(a => a.AreaId, a => a.Alias);
        return areas.Select(a => new Area(a.Id, a.Name, aliases[a.Id].ToArray(), a.OwnerId, a.Channel)).ToArray();
    }

    private sealed record AreaRow(long Id, string Name, long OwnerId, string Channel);

    private sealed record AliasRow(long AreaId, string Alias);
}
