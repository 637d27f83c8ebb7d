using System.Data.Common;
using Dapper;
using ProductOps.Skills.Admin;

namespace ProductOps.Storage.Audit;

public sealed class SqlAuditLog(Database database, TimeProvider clock) : IAuditLog
{
    public async Task WriteAsync(AuditChange change, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        await InsertAsync(connection, null, change, clock.GetUtcNow(), ct);
    }

    public async Task<IReadOnlyList<AuditEntry>> LatestAsync(int count, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        var rows = await connection.QueryAsync<Row>(new CommandDefinition(
            "SELECT id, at, actor_id AS ActorId, actor_name AS ActorName, action, subject, before, after FROM audit_log ORDER BY at DESC, id DESC LIMIT @count;",
            new { count },
            cancellationToken: ct));
        return rows.Select(r => new AuditEntry(
                r.Id,
                StoredTime.Parse(r.At),
                r.ActorId,
                r.ActorName,
                r.Action,
                r.Subject,
                r.Before,
                r.After))
            .ToArray();
    }

    /// <summary>Writes a record inside another store's transaction, so a change and its record commit together.</summary>
    internal static Task InsertAsync(DbConnection connection, DbTransaction? transaction, AuditChange change, DateTimeOffset at, CancellationToken ct) =>
        connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO audit_log (at, actor_id, actor_name, action, subject, before, after)
            VALUES (@At, @ActorId, @ActorName, @Action, @Subject, @Before, @After);
            """,
            new { At = StoredTime.Text(at), change.ActorId, change.ActorName, change.Action, change.Subject, change.Before, change.After },
            transaction,
            cancellationToken: ct));

    private sealed record Row(long Id, string At, long? ActorId, string ActorName, string Action, string Subject, string? Before, string? After);
}
