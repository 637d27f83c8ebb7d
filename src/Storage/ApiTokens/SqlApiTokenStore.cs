using Dapper;
using Microsoft.Data.Sqlite;
using ProductOps.Skills.Admin;
using ProductOps.Storage.Audit;

namespace ProductOps.Storage.ApiTokens;

public sealed class SqlApiTokenStore(Database database, TimeProvider clock) : IApiTokenStore
{
    private const string Columns =
        "id AS Id, name AS Name, prefix AS Prefix, created_at AS CreatedAt, created_by AS CreatedBy, last_used_at AS LastUsedAt, revoked_at AS RevokedAt";

    public async Task<ApiToken?> AddAsync(string name, string hash, string prefix, string createdBy, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        try
        {
            var row = await connection.QuerySingleAsync<Row>(new CommandDefinition(
                $"INSERT INTO api_tokens (name, hash, prefix, created_at, created_by) VALUES (@name, @hash, @prefix, @at, @createdBy) RETURNING {Columns};",
                new { name, hash, prefix, at = StoredTime.Text(clock.GetUtcNow()), createdBy },
                cancellationToken: ct));
            return row.ToToken();
        }
        catch (SqliteException e) when (e.SqliteErrorCode == 19)
        {
            // SQLITE_CONSTRAINT: an active token already has this name.
            return null;
        }
    }

    public async Task<IReadOnlyList<ApiToken>> ListAsync(CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        var rows = await connection.QueryAsync<Row>(new CommandDefinition(
            $"SELECT {Columns} FROM api_tokens ORDER BY revoked_at IS NOT NULL, created_at DESC, id DESC;",
            cancellationToken: ct));
        return rows.Select(r => r.ToToken()).ToArray();
    }

    public async Task<ApiToken?> UseAsync(string hash, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        var row = await connection.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(
            $"UPDATE api_tokens SET last_used_at = @at WHERE hash = @hash AND revoked_at IS NULL RETURNING {Columns};",
            new { hash, at = StoredTime.Text(clock.GetUtcNow()) },
            cancellationToken: ct));
        return row?.ToToken();
    }

    public async Task<ApiToken?> RevokeAsync(string name, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        var row = await connection.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(
            $"UPDATE api_tokens SET revoked_at = @at WHERE lower(name) = lower(@name) AND revoked_at IS NULL RETURNING {Columns};",
            new { name, at = StoredTime.Text(clock.GetUtcNow()) },
            cancellationToken: ct));
        return row?.ToToken();
    }

    private sealed record Row(long Id, string Name, string Prefix, string CreatedAt, string CreatedBy, string? LastUsedAt, string? RevokedAt)
    {
        public ApiToken ToToken() => new(
            Id,
            Name,
            Prefix,
            StoredTime.Parse(CreatedAt),
            CreatedBy,
            LastUsedAt is null ? null : StoredTime.Parse(LastUsedAt),
            RevokedAt is null ? null : StoredTime.Parse(RevokedAt));
    }
}
