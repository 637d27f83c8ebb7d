using System.Data.Common;
using Dapper;
using Microsoft.Data.Sqlite;
using ProductOps.Skills.Participants;
using ProductOps.Storage.Audit;

namespace ProductOps.Storage.Participants;

/// <summary>
/// The shared contact ledger and its event history. Reservations run in a write transaction taken at
/// BEGIN (SQLite's BEGIN IMMEDIATE), so the ledger they check cannot change before they write.
/// </summary>
public sealed class SqlContactLedger(Database database, TimeProvider clock) : IContactLedger, IFollowUpStore
{
    private const string Select =
        """
        SELECT id AS Id, request_id AS RequestId, participant_id AS ParticipantId, account_id AS AccountId, study AS Study, method AS Method,
               team AS Team, asked_by AS AskedBy, status AS Status, incentive AS Incentive, at AS At, expires_at AS ExpiresAt,
               approver_id AS ApproverId, approval_asked_at AS ApprovalAskedAt, reminded_at AS RemindedAt, escalated_at AS EscalatedAt
        FROM contact_ledger
        """;

    public async Task<IReadOnlyList<Contact>> HistoryAsync(IReadOnlyCollection<long> participantIds, IReadOnlyCollection<long> accountIds, LedgerWindow window, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        return await HistoryAsync(connection, null, participantIds, accountIds, window, ct);
    }

    public async Task<LedgerCounts> CountAsync(
        IReadOnlyCollection<long> participantIds, IReadOnlyCollection<long> accountIds, LedgerQuestion question, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        return await LedgerCounting.CountAsync(connection, participantIds, accountIds, question, ct);
    }

    public async Task<IReadOnlyList<Contact>> ReserveAsync(
        StudyContext study,
        IReadOnlyList<Candidate> candidates,
        LedgerWindow window,
        Func<IReadOnlyList<Contact>, IReadOnlyList<NewContact>> decide,
        CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        await using var transaction = ((SqliteConnection)connection).BeginTransaction(deferred: false);
        var history = await HistoryAsync(
            connection, transaction, candidates.Select(c => c.Person.Id).ToArray(), candidates.Select(c => c.Account.Id).Distinct().ToArray(), window, ct);
        var placed = new List<Contact>();
        var now = StoredTime.Text(clock.GetUtcNow());
        foreach (var contact in decide(history))
        {
            var row = await connection.QuerySingleAsync<Row>(new CommandDefinition(
                $"""
                INSERT INTO contact_ledger (request_id, participant_id, account_id, study, method, team, asked_by, status, incentive, at, expires_at, approver_id, approval_asked_at)
                VALUES (@RequestId, @ParticipantId, @AccountId, @Study, @Method, @Team, @AskedBy, @Status, @Incentive, @Now, @ExpiresAt, @ApproverId, @AskedAt)
                RETURNING {Columns};
                """,
                new
                {
                    study.RequestId,
                    contact.ParticipantId,
                    contact.AccountId,
                    study.Study,
                    Method = Methods.Key(study.Method),
                    study.Team,
                    study.AskedBy,
                    Status = StatusText(contact.Status),
                    study.Incentive,
                    Now = now,
                    ExpiresAt = contact.ExpiresAt is { } e ? StoredTime.Text(e) : null,
                    contact.ApproverId,
                    AskedAt = contact.Status == ContactStatus.AwaitingApproval ? now : null,
                },
                transaction,
                cancellationToken: ct));
            await AddEventAsync(connection, transaction, row.Id, contact.Event, study.AskedBy, contact.Reason, now, ct);
            placed.Add(row.ToContact());
        }

        await transaction.CommitAsync(ct);
        return placed;
    }

    public async Task<Contact?> FindAsync(long contactId, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        return await LoadAsync(connection, null, $"{Select} WHERE id = @contactId", new { contactId }, ct) is [var one] ? one : null;
    }

    public async Task<IReadOnlyList<Contact>> ForRequestAsync(long requestId, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        return await LoadAsync(connection, null, $"{Select} WHERE request_id = @requestId ORDER BY id", new { requestId }, ct);
    }

    public async Task<Decline?> DeclineAsync(long requestId, long participantId, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        var row = await connection.QuerySingleOrDefaultAsync<(long? By, string? Reason)?>(new CommandDefinition(
            """
            SELECT e.actor_id, e.reason FROM contact_events e JOIN contact_ledger c ON c.id = e.contact_id
            WHERE c.request_id = @requestId AND c.participant_id = @participantId AND e.kind = @kind
            ORDER BY e.id DESC LIMIT 1;
            """,
            new { requestId, participantId, kind = ContactEvents.Declined },
            cancellationToken: ct));
        return row is { } found ? new Decline(found.By, found.Reason) : null;
    }

    public async Task<bool> ChangeAsync(long contactId, IReadOnlyCollection<ContactStatus> from, ContactChange change, CancellationToken ct)
    {
        var now = StoredTime.Text(clock.GetUtcNow());
        await using var connection = await database.OpenAsync(ct);
        await using var transaction = ((SqliteConnection)connection).BeginTransaction(deferred: false);
        var changed = await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE contact_ledger SET status = @Status, expires_at = @ExpiresAt WHERE id = @contactId AND status IN (SELECT value FROM json_each(@from));",
            new
            {
                contactId,
                Status = StatusText(change.Status),
                ExpiresAt = change.ExpiresAt is { } e ? StoredTime.Text(e) : null,
                from = System.Text.Json.JsonSerializer.Serialize(from.Select(StatusText)),
            },
            transaction,
            cancellationToken: ct));
        if (changed == 1)
        {
            await AddEventAsync(connection, transaction, contactId, change.Event, change.ActorId, change.Reason, now, ct);
        }

        await transaction.CommitAsync(ct);
        return changed == 1;
    }

    public async Task ImportAsync(IReadOnlyList<PastContact> history, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        foreach (var past in history)
        {
            var at = StoredTime.Text(past.At);
            var id = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
                """
                INSERT INTO contact_ledger (request_id, participant_id, account_id, study, method, team, asked_by, status, incentive, at)
                VALUES (@RequestId, @ParticipantId, @AccountId, @Study, @Method, @Team, @AskedBy, @Status, @Incentive, @At)
                RETURNING id;
                """,
                new
                {
                    past.Study.RequestId,
                    past.ParticipantId,
                    past.AccountId,
                    past.Study.Study,
                    Method = Methods.Key(past.Study.Method),
                    past.Study.Team,
                    past.Study.AskedBy,
                    Status = StatusText(past.Status),
                    past.Study.Incentive,
                    At = at,
                },
                transaction,
                cancellationToken: ct));
            await AddEventAsync(connection, transaction, id, StatusText(past.Status), past.Study.AskedBy, "imported history", at, ct);
        }

        await transaction.CommitAsync(ct);
    }

    public async Task<IReadOnlyList<Contact>> WaitingApprovalAsync(DateTimeOffset askedBefore, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        return await LoadAsync(
            connection, null, $"{Select} WHERE status = 'awaiting-approval' AND approval_asked_at <= @before ORDER BY id", new { before = StoredTime.Text(askedBefore) }, ct);
    }

    public async Task<IReadOnlyList<Contact>> LapsedAsync(DateTimeOffset now, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        return await LoadAsync(connection, null, $"{Select} WHERE status = 'reserved' AND expires_at <= @now ORDER BY id", new { now = StoredTime.Text(now) }, ct);
    }

    public async Task<bool> MarkAsync(long contactId, string kind, CancellationToken ct)
    {
        var column = kind switch
        {
            ContactEvents.Reminded => "reminded_at",
            ContactEvents.Escalated => "escalated_at",
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Only reminders and escalations are marked."),
        };
        var now = StoredTime.Text(clock.GetUtcNow());
        await using var connection = await database.OpenAsync(ct);
        await using var transaction = ((SqliteConnection)connection).BeginTransaction(deferred: false);
        var changed = await connection.ExecuteAsync(new CommandDefinition(
            $"UPDATE contact_ledger SET {column} = @now WHERE id = @contactId AND {column} IS NULL AND status = 'awaiting-approval';",
            new { contactId, now },
            transaction,
            cancellationToken: ct));
        if (changed == 1)
        {
            await AddEventAsync(connection, transaction, contactId, kind, null, null, now, ct);
        }

        await transaction.CommitAsync(ct);
        return changed == 1;
    }

    private const string Columns =
        "id AS Id, request_id AS RequestId, participant_id AS ParticipantId, account_id AS AccountId, study AS Study, method AS Method, team AS Team, asked_by AS AskedBy, status AS Status, incentive AS Incentive, at AS At, expires_at AS ExpiresAt, approver_id AS ApproverId, approval_asked_at AS ApprovalAskedAt, reminded_at AS RemindedAt, escalated_at AS EscalatedAt";

    private static async Task<IReadOnlyList<Contact>> HistoryAsync(
        DbConnection connection, DbTransaction? transaction, IReadOnlyCollection<long> participantIds, IReadOnlyCollection<long> accountIds, LedgerWindow window, CancellationToken ct)
    {
        if (participantIds.Count == 0 && accountIds.Count == 0)
        {
            return [];
        }

        return await LoadAsync(
            connection,
            transaction,
            $"""
            {Select} WHERE at >= @peopleSince AND participant_id IN (SELECT value FROM json_each(@people))
            UNION
            {Select} WHERE at >= @accountsSince AND account_id IN (SELECT value FROM json_each(@accounts))
            ORDER BY At, Id
            """,
            new { peopleSince = StoredTime.Text(window.People), accountsSince = StoredTime.Text(window.Accounts), people = Json.Ids(participantIds), accounts = Json.Ids(accountIds) },
            ct);
    }

    private static async Task<IReadOnlyList<Contact>> LoadAsync(DbConnection connection, DbTransaction? transaction, string sql, object parameters, CancellationToken ct) =>
        (await connection.QueryAsync<Row>(new CommandDefinition(sql, parameters, transaction, cancellationToken: ct))).Select(r => r.ToContact()).ToArray();

    private static Task<int> AddEventAsync(DbConnection connection, DbTransaction transaction, long contactId, string kind, long? actorId, string? reason, string at, CancellationToken ct) =>
        connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO contact_events (contact_id, kind, actor_id, reason, at) VALUES (@contactId, @kind, @actorId, @reason, @at);",
            new { contactId, kind, actorId, reason, at },
            transaction,
            cancellationToken: ct));

    internal static string StatusText(ContactStatus status) => status switch
    {
        ContactStatus.AwaitingApproval => "awaiting-approval",
        ContactStatus.Reserved => "reserved",
        ContactStatus.Contacted => "contacted",
        ContactStatus.Completed => "completed",
        ContactStatus.NoShow => "no-show",
        _ => "released",
    };

    private static ContactStatus Status(string text) => text switch
    {
        "awaiting-approval" => ContactStatus.AwaitingApproval,
        "reserved" => ContactStatus.Reserved,
        "contacted" => ContactStatus.Contacted,
        "completed" => ContactStatus.Completed,
        "no-show" => ContactStatus.NoShow,
        _ => ContactStatus.Released,
    };

    private sealed record Row(
        long Id,
        long? RequestId,
        long ParticipantId,
        long AccountId,
        string Study,
        string Method,
        string Team,
        long? AskedBy,
        string Status,
        double Incentive,
        string At,
        string? ExpiresAt,
        long? ApproverId,
        string? ApprovalAskedAt,
        string? RemindedAt,
        string? EscalatedAt)
    {
        public Contact ToContact() => new(
            Id,
            RequestId,
            ParticipantId,
            AccountId,
            Study,
            Methods.TryParse(Method, out var method) ? method : Skills.Participants.Method.Interview,
            Team,
            AskedBy,
            SqlContactLedger.Status(Status),
            (decimal)Incentive,
            StoredTime.Parse(At),
            Time(ExpiresAt),
            ApproverId,
            Time(ApprovalAskedAt),
            Time(RemindedAt),
            Time(EscalatedAt));

        private static DateTimeOffset? Time(string? text) => text is null ? null : StoredTime.Parse(text);
    }
}
