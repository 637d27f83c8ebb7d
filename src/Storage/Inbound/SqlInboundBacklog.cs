using Dapper;
using ProductOps.Storage.Audit;

namespace ProductOps.Storage.Inbound;

/// <summary>One stored piece of inbound work and when it arrived.</summary>
public sealed record QueuedInbound(long Id, string Payload, DateTimeOffset ReceivedAt);

/// <summary>
/// Inbound work that was acknowledged to a platform but not yet handled, so a crash between the
/// acknowledgement and the reply loses nothing: what is still here at start-up is handled again.
/// </summary>
public sealed class SqlInboundBacklog(Database database, TimeProvider clock)
{
    public async Task<long> AddAsync(string queue, string payload, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "INSERT INTO inbound_queue (queue, payload, received_at) VALUES (@queue, @payload, @at) RETURNING id;",
            new { queue, payload, at = StoredTime.Text(clock.GetUtcNow()) },
            cancellationToken: ct));
    }

    /// <summary>
    /// Stores the work unless its delivery key was seen before, in one transaction, so a delivery is
    /// never marked seen without being stored. Null for a repeated delivery.
    /// </summary>
    public async Task<long?> AddUnlessSeenAsync(string queue, string payload, string deliveryKey, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        var at = StoredTime.Text(clock.GetUtcNow());
        var first = await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO inbound_deliveries (key, seen_at) VALUES (@deliveryKey, @at) ON CONFLICT (key) DO NOTHING;",
            new { deliveryKey, at },
            transaction,
            cancellationToken: ct)) == 1;
        if (!first)
        {
            return null;
        }

        var id = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "INSERT INTO inbound_queue (queue, payload, received_at) VALUES (@queue, @payload, @at) RETURNING id;",
            new { queue, payload, at },
            transaction,
            cancellationToken: ct));
        await transaction.CommitAsync(ct);
        return id;
    }

    /// <summary>Everything still waiting in a queue, oldest first.</summary>
    public async Task<IReadOnlyList<QueuedInbound>> PendingAsync(string queue, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        var rows = await connection.QueryAsync<(long Id, string Payload, string ReceivedAt)>(new CommandDefinition(
            "SELECT id, payload, received_at FROM inbound_queue WHERE queue = @queue ORDER BY id;",
            new { queue },
            cancellationToken: ct));
        return rows.Select(r => new QueuedInbound(r.Id, r.Payload, StoredTime.Parse(r.ReceivedAt))).ToArray();
    }

    public async Task RemoveAsync(long id, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition("DELETE FROM inbound_queue WHERE id = @id;", new { id }, cancellationToken: ct));
    }
}
