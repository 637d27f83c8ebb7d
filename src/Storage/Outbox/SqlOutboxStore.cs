using System.Text.Json;
using Dapper;
using ProductOps.Skills.Conversation;

namespace ProductOps.Storage.Outbox;

/// <summary>
/// The outbox for the dispatcher and admins. Claiming is one UPDATE … RETURNING: SQLite runs
/// writers one at a time, so two dispatchers can never claim the same row. (PostgreSQL will need
/// FOR UPDATE SKIP LOCKED in the inner SELECT for the same guarantee without waiting.)
/// </summary>
public sealed class SqlOutboxStore(Database database, TimeProvider clock) : IOutboxStore
{
    private const string Columns =
        "id AS Id, key AS Key, recipient_kind AS Kind, person_id AS PersonId, channel AS Channel, platform AS Platform, payload AS Payload, attempts AS Attempts";

    public async Task<IReadOnlyList<ClaimedMessage>> ClaimDueAsync(int max, TimeSpan lease, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var token = Guid.NewGuid().ToString("N");
        await using var connection = await database.OpenAsync(ct);
        var rows = await connection.QueryAsync<ClaimRow>(new CommandDefinition(
            $"""
            UPDATE outbox_messages
            SET status = 'sending', lease_token = @Token, lease_until = @LeaseUntil
            WHERE id IN (
                SELECT id FROM outbox_messages
                WHERE (status = 'pending' AND next_attempt_at <= @Now)
                   OR (status = 'sending' AND lease_until <= @Now)
                ORDER BY next_attempt_at, id
                LIMIT @Max)
            RETURNING {Columns};
            """,
            new { Token = token, LeaseUntil = OutboxFormat.Time(now + lease), Now = OutboxFormat.Time(now), Max = max },
            cancellationToken: ct));

        var claimed = new List<ClaimedMessage>();
        foreach (var row in rows.OrderBy(r => r.Id))
        {
            Reply reply;
            try
            {
                reply = OutboxFormat.ReadPayload(row.Payload);
            }
            catch (JsonException e)
            {
                // A payload this version cannot read will not become readable by retrying.
                await FailAsync(row.Id, token, $"The stored message cannot be read: {e.Message}", ct);
                continue;
            }

            var to = OutboxFormat.Recipient(row.Kind, row.PersonId, row.Channel, row.Platform);
            claimed.Add(new ClaimedMessage(row.Id, new OutboundMessage(row.Key, to, reply), (int)row.Attempts, token));
        }

        return claimed;
    }

    public async Task MarkDeliveredAsync(ClaimedMessage message, string platform, CancellationToken ct)
    {
        // Not tied to the lease: a message that reached the person is delivered, even if its lease ran out meanwhile.
        await ExecuteAsync(
            """
            UPDATE outbox_messages
            SET status = 'delivered', attempts = attempts + 1, delivered_at = @Now, delivered_platform = @Platform,
                lease_token = NULL, lease_until = NULL, waiting_for = NULL, last_error = NULL
            WHERE id = @Id AND status <> 'delivered';
            """,
            new { message.Id, Platform = platform, Now = OutboxFormat.Time(clock.GetUtcNow()) },
            ct);
    }

    public async Task ScheduleRetryAsync(ClaimedMessage message, DateTimeOffset at, string problem, CancellationToken ct)
    {
        await ExecuteAsync(
            """
            UPDATE outbox_messages
            SET status = 'pending', attempts = attempts + 1, next_attempt_at = @At, last_error = @Error,
                lease_token = NULL, lease_until = NULL, waiting_for = NULL
            WHERE id = @Id AND status = 'sending' AND lease_token = @Lease;
            """,
            new { message.Id, message.Lease, At = OutboxFormat.Time(at), Error = problem },
            ct);
    }

    public Task MarkFailedAsync(ClaimedMessage message, string problem, CancellationToken ct) =>
        FailAsync(message.Id, message.Lease, problem, ct);

    public async Task WaitForPlatformAsync(ClaimedMessage message, DateTimeOffset recheckAt, string reason, CancellationToken ct)
    {
        await ExecuteAsync(
            """
            UPDATE outbox_messages
            SET status = 'pending', next_attempt_at = @At, waiting_for = @Reason,
                lease_token = NULL, lease_until = NULL
            WHERE id = @Id AND status = 'sending' AND lease_token = @Lease;
            """,
            new { message.Id, message.Lease, At = OutboxFormat.Time(recheckAt), Reason = reason },
            ct);
    }

    public async Task<OutboxCounts> CountAsync(CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        var row = await connection.QuerySingleAsync<CountRow>(new CommandDefinition(
            """
            SELECT
                COALESCE(SUM(CASE WHEN status = 'pending' AND waiting_for IS NULL THEN 1 ELSE 0 END), 0) AS Pending,
                COALESCE(SUM(CASE WHEN status = 'sending' THEN 1 ELSE 0 END), 0) AS Sending,
                COALESCE(SUM(CASE WHEN status = 'pending' AND waiting_for IS NOT NULL THEN 1 ELSE 0 END), 0) AS Waiting,
                COALESCE(SUM(CASE WHEN status = 'delivered' THEN 1 ELSE 0 END), 0) AS Delivered,
                COALESCE(SUM(CASE WHEN status = 'failed' THEN 1 ELSE 0 END), 0) AS Failed
            FROM outbox_messages;
            """,
            cancellationToken: ct));
        return new OutboxCounts((int)row.Pending, (int)row.Sending, (int)row.Waiting, (int)row.Delivered, (int)row.Failed);
    }

    public async Task<IReadOnlyList<OutboxFailure>> RecentFailuresAsync(int max, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        var rows = await connection.QueryAsync<FailureRow>(new CommandDefinition(
            """
            SELECT key AS Key, recipient_kind AS Kind, person_id AS PersonId, channel AS Channel, platform AS Platform,
                   attempts AS Attempts, last_error AS LastError, failed_at AS FailedAt
            FROM outbox_messages
            WHERE status = 'failed'
            ORDER BY failed_at DESC, id DESC
            LIMIT @Max;
            """,
            new { Max = max },
            cancellationToken: ct));
        return rows
            .Select(r => new OutboxFailure(r.Key, OutboxFormat.Recipient(r.Kind, r.PersonId, r.Channel, r.Platform), (int)r.Attempts, r.LastError, OutboxFormat.ParseTime(r.FailedAt)))
            .ToArray();
    }

    public async Task<int> PurgeDeliveredAsync(TimeSpan age, CancellationToken ct)
    {
        // Deleting a row frees its key: idempotency holds for as long as delivered rows are kept.
        await using var connection = await database.OpenAsync(ct);
        return await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM outbox_messages WHERE status = 'delivered' AND delivered_at < @Cutoff;",
            new { Cutoff = OutboxFormat.Time(clock.GetUtcNow() - age) },
            cancellationToken: ct));
    }

    private async Task FailAsync(long id, string lease, string error, CancellationToken ct)
    {
        await ExecuteAsync(
            """
            UPDATE outbox_messages
            SET status = 'failed', attempts = attempts + 1, last_error = @Error, failed_at = @Now,
                lease_token = NULL, lease_until = NULL, waiting_for = NULL
            WHERE id = @Id AND status = 'sending' AND lease_token = @Lease;
            """,
            new { Id = id, Lease = lease, Error = error, Now = OutboxFormat.Time(clock.GetUtcNow()) },
            ct);
    }

    private async Task ExecuteAsync(string sql, object parameters, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition(sql, parameters, cancellationToken: ct));
    }

    private sealed record ClaimRow(long Id, string Key, string Kind, long? PersonId, string? Channel, string? Platform, string Payload, long Attempts);

    private sealed record CountRow(long Pending, long Sending, long Waiting, long Delivered, long Failed);

    private sealed record FailureRow(string Key, string Kind, long? PersonId, string? Channel, string? Platform, long Attempts, string? LastError, string FailedAt);
}
