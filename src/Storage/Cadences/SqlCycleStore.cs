using Dapper;
using ProductOps.Skills.Cadences;
using ProductOps.Storage.Audit;

namespace ProductOps.Storage.Cadences;

/// <summary>Cycles, their members and submissions. Opening is idempotent on (cadence, start time).</summary>
public sealed class SqlCycleStore(Database database, TimeProvider clock) : ICycleStore
{
    private const string CycleColumns = "SELECT id, cadence_id AS CadenceId, number, opens_at AS OpensAt, due_at AS DueAt, closed_at AS ClosedAt FROM cadence_cycles";
    private const string SubmissionColumns =
        "SELECT s.cycle_id AS CycleId, s.person_id AS PersonId, s.answers, s.submitted_at AS SubmittedAt, s.updated_at AS UpdatedAt, s.late FROM cadence_submissions s";

    public async Task<Cycle> OpenAsync(long cadenceId, DateTimeOffset opensAt, DateTimeOffset dueAt, IReadOnlyList<CycleMember> members, CancellationToken ct)
    {
        var opens = StoredTime.Text(opensAt);
        await using var connection = await database.OpenAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        var id = await connection.ExecuteScalarAsync<long?>(new CommandDefinition(
            """
            INSERT INTO cadence_cycles (cadence_id, number, opens_at, due_at)
            SELECT @cadenceId, COALESCE(MAX(number), 0) + 1, @opens, @due FROM cadence_cycles WHERE cadence_id = @cadenceId
            ON CONFLICT (cadence_id, opens_at) DO NOTHING
            RETURNING id;
            """,
            new { cadenceId, opens, due = StoredTime.Text(dueAt) },
            transaction,
            cancellationToken: ct));
        if (id is { } added)
        {
            await connection.ExecuteAsync(new CommandDefinition(
                "INSERT INTO cadence_cycle_members (cycle_id, person_id, area) VALUES (@cycleId, @PersonId, @Area);",
                members.Select(m => new { cycleId = added, m.PersonId, m.Area }),
                transaction,
                cancellationToken: ct));
        }

        var row = await connection.QuerySingleAsync<CycleRow>(new CommandDefinition(
            $"{CycleColumns} WHERE cadence_id = @cadenceId AND opens_at = @opens;", new { cadenceId, opens }, transaction, cancellationToken: ct));
        await transaction.CommitAsync(ct);
        return Read(row);
    }

    public async Task<Cycle?> FindAsync(long cycleId, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        var row = await connection.QuerySingleOrDefaultAsync<CycleRow>(new CommandDefinition($"{CycleColumns} WHERE id = @cycleId;", new { cycleId }, cancellationToken: ct));
        return row is null ? null : Read(row);
    }

    public async Task<Cycle?> LatestAsync(long cadenceId, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        var row = await connection.QueryFirstOrDefaultAsync<CycleRow>(new CommandDefinition(
            $"{CycleColumns} WHERE cadence_id = @cadenceId ORDER BY number DESC LIMIT 1;", new { cadenceId }, cancellationToken: ct));
        return row is null ? null : Read(row);
    }

    public async Task<IReadOnlyList<CycleMember>> MembersAsync(long cycleId, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        var rows = await connection.QueryAsync<CycleMember>(new CommandDefinition(
            "SELECT person_id AS PersonId, area FROM cadence_cycle_members WHERE cycle_id = @cycleId ORDER BY person_id;", new { cycleId }, cancellationToken: ct));
        return rows.ToArray();
    }

    public async Task<bool> CloseAsync(long cycleId, DateTimeOffset at, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        return await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE cadence_cycles SET closed_at = @at WHERE id = @cycleId AND closed_at IS NULL;",
            new { at = StoredTime.Text(at), cycleId },
            cancellationToken: ct)) == 1;
    }

    public async Task<Submission> SaveAsync(long cycleId, long personId, IReadOnlyDictionary<string, string> answers, bool late, CancellationToken ct)
    {
        var now = StoredTime.Text(clock.GetUtcNow());
        await using var connection = await database.OpenAsync(ct);
        var row = await connection.QuerySingleAsync<SubmissionRow>(new CommandDefinition(
            """
            INSERT INTO cadence_submissions (cycle_id, person_id, answers, submitted_at, updated_at, late)
            VALUES (@cycleId, @personId, @answers, @now, @now, @late)
            ON CONFLICT (cycle_id, person_id) DO UPDATE SET answers = excluded.answers, updated_at = excluded.updated_at, late = excluded.late
            RETURNING cycle_id AS CycleId, person_id AS PersonId, answers, submitted_at AS SubmittedAt, updated_at AS UpdatedAt, late;
            """,
            new { cycleId, personId, answers = CadenceJson.Answers(answers), now, late = late ? 1 : 0 },
            cancellationToken: ct));
        return Read(row);
    }

    public async Task<IReadOnlyList<Submission>> SubmissionsAsync(long cycleId, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        var rows = await connection.QueryAsync<SubmissionRow>(new CommandDefinition(
            $"{SubmissionColumns} WHERE s.cycle_id = @cycleId ORDER BY s.submitted_at, s.person_id;", new { cycleId }, cancellationToken: ct));
        return rows.Select(Read).ToArray();
    }

    public async Task<Submission?> PreviousAsync(long cadenceId, long personId, long beforeCycleId, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        var row = await connection.QueryFirstOrDefaultAsync<SubmissionRow>(new CommandDefinition(
            $"""
            {SubmissionColumns} JOIN cadence_cycles c ON c.id = s.cycle_id
            WHERE c.cadence_id = @cadenceId AND s.person_id = @personId AND s.cycle_id <> @beforeCycleId
              AND c.number < (SELECT number FROM cadence_cycles WHERE id = @beforeCycleId)
            ORDER BY c.number DESC LIMIT 1;
            """,
            new { cadenceId, personId, beforeCycleId },
            cancellationToken: ct));
        return row is null ? null : Read(row);
    }

    private static Cycle Read(CycleRow row) =>
        new(row.Id, row.CadenceId, (int)row.Number, StoredTime.Parse(row.OpensAt), StoredTime.Parse(row.DueAt), row.ClosedAt is null ? null : StoredTime.Parse(row.ClosedAt));

    private static Submission Read(SubmissionRow row) =>
        new(row.CycleId, row.PersonId, CadenceJson.ReadAnswers(row.Answers), StoredTime.Parse(row.SubmittedAt), StoredTime.Parse(row.UpdatedAt), row.Late != 0);

    private sealed record CycleRow(long Id, long CadenceId, long Number, string OpensAt, string DueAt, string? ClosedAt);

    private sealed record SubmissionRow(long CycleId, long PersonId, string Answers, string SubmittedAt, string UpdatedAt, long Late);
}
