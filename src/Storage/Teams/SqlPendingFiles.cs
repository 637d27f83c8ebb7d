using Dapper;
using ProductOps.Storage.Audit;

namespace ProductOps.Storage.Teams;

/// <summary>A file offered to a Teams user (<paramref name="TenantId"/>, <paramref name="UserKey"/>) and waiting for them to accept it.</summary>
public sealed record PendingFile(string Id, string TenantId, string UserKey, string FileName, byte[] Content, DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt);

/// <summary>Files waiting for a Teams user's consent; see migration 0019.</summary>
public sealed class SqlPendingFiles(Database database, TimeProvider clock)
{
    public async Task AddAsync(PendingFile file, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO teams_pending_files (id, tenant_id, user_key, file_name, content, created_at, expires_at)
            VALUES (@Id, @TenantId, @UserKey, @FileName, @Content, @CreatedAt, @ExpiresAt);
            """,
            new { file.Id, file.TenantId, file.UserKey, file.FileName, file.Content, CreatedAt = StoredTime.Text(file.CreatedAt), ExpiresAt = StoredTime.Text(file.ExpiresAt) },
            cancellationToken: ct));
    }

    /// <summary>The file, expired or not: the caller tells an expired offer from an unknown one.</summary>
    public async Task<PendingFile?> FindAsync(string id, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        var row = await connection.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(
            """
            SELECT id AS Id, tenant_id AS TenantId, user_key AS UserKey, file_name AS FileName, content AS Content,
                   created_at AS CreatedAt, expires_at AS ExpiresAt
            FROM teams_pending_files WHERE id = @id;
            """,
            new { id },
            cancellationToken: ct));
        return row is null
            ? null
            : new PendingFile(row.Id, row.TenantId, row.UserKey, row.FileName, row.Content, StoredTime.Parse(row.CreatedAt), StoredTime.Parse(row.ExpiresAt));
    }

    public async Task RemoveAsync(string id, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition("DELETE FROM teams_pending_files WHERE id = @id;", new { id }, cancellationToken: ct));
    }

    /// <summary>Forgets offers nobody answered in time; returns how many.</summary>
    public async Task<int> PurgeExpiredAsync(CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        return await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM teams_pending_files WHERE expires_at <= @now;",
            new { now = StoredTime.Text(clock.GetUtcNow()) },
            cancellationToken: ct));
    }

    private sealed record Row(string Id, string TenantId, string UserKey, string FileName, byte[] Content, string CreatedAt, string ExpiresAt);
}
