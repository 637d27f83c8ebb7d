using System.Globalization;
using Dapper;
using ProductOps.Skills.Metrics;
using ProductOps.Storage.Audit;

namespace ProductOps.Storage.Metrics;

public sealed class SqlOkrStore(Database database, TimeProvider clock) : IOkrStore
{
    private const string ObjectiveColumns =
        "id AS Id, title AS Title, owner_id AS OwnerId, team AS Team, quarter AS Quarter, parent_id AS ParentId";

    private const string KeyResultColumns =
        "id AS Id, objective_id AS ObjectiveId, title AS Title, owner_id AS OwnerId, metric_key AS MetricKey, start_value AS StartValue, " +
        "target_value AS TargetValue, current_value AS CurrentValue, unit AS Unit, confidence AS Confidence, last_checkin_at AS LastCheckInAt, created_at AS CreatedAt";

    public async Task<IReadOnlyList<Objective>> ListAsync(Quarter quarter, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        var objectives = await connection.QueryAsync<ObjectiveRow>(new CommandDefinition(
            $"SELECT {ObjectiveColumns} FROM objectives WHERE quarter = @quarter ORDER BY id;", new { quarter = quarter.ToString() }, cancellationToken: ct));
        var keyResults = (await connection.QueryAsync<KeyResultRow>(new CommandDefinition(
                $"SELECT {KeyResultColumns} FROM key_results WHERE objective_id IN (SELECT id FROM objectives WHERE quarter = @quarter) ORDER BY id;",
                new { quarter = quarter.ToString() },
                cancellationToken: ct)))
            .ToLookup(k => k.ObjectiveId);
        return objectives.Select(o => o.ToObjective(keyResults[o.Id])).ToArray();
    }

    public async Task<Objective?> FindObjectiveAsync(long id, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        var row = await connection.QuerySingleOrDefaultAsync<ObjectiveRow>(new CommandDefinition(
            $"SELECT {ObjectiveColumns} FROM objectives WHERE id = @id;", new { id }, cancellationToken: ct));
        if (row is null)
        {
            return null;
        }

        var keyResults = await connection.QueryAsync<KeyResultRow>(new CommandDefinition(
            $"SELECT {KeyResultColumns} FROM key_results WHERE objective_id = @id ORDER BY id;", new { id }, cancellationToken: ct));
        return row.ToObjective(keyResults);
    }

    public async Task<KeyResult?> FindKeyResultAsync(long id, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        var row = await connection.QuerySingleOrDefaultAsync<KeyResultRow>(new CommandDefinition(
            $"SELECT {KeyResultColumns} FROM key_results WHERE id = @id;", new { id }, cancellationToken: ct));
        return row?.ToKeyResult();
    }

    public async Task<Objective> AddObjectiveAsync(ObjectiveDraft draft, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        var row = await connection.QuerySingleAsync<ObjectiveRow>(new CommandDefinition(
            $"""
             INSERT INTO objectives (title, owner_id, team, quarter, parent_id, created_at)
             VALUES (@Title, @OwnerId, @Team, @Quarter, @ParentId, @At) RETURNING {ObjectiveColumns};
             """,
            new { draft.Title, draft.OwnerId, draft.Team, Quarter = draft.Quarter.ToString(), draft.ParentId, At = StoredTime.Text(clock.GetUtcNow()) },
            cancellationToken: ct));
        return row.ToObjective([]);
    }

    public async Task<KeyResult> AddKeyResultAsync(KeyResultDraft draft, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        var row = await connection.QuerySingleAsync<KeyResultRow>(new CommandDefinition(
            $"""
             INSERT INTO key_results (objective_id, title, owner_id, metric_key, start_value, target_value, current_value, unit, created_at)
             VALUES (@ObjectiveId, @Title, @OwnerId, @MetricKey, @Start, @Target, @Start, @Unit, @At) RETURNING {KeyResultColumns};
             """,
            new
            {
                draft.ObjectiveId,
                draft.Title,
                draft.OwnerId,
                draft.MetricKey,
                draft.Start,
                draft.Target,
                Unit = MetricCodes.Unit(draft.Unit),
                At = StoredTime.Text(draft.CreatedAt),
            },
            cancellationToken: ct));
        return row.ToKeyResult();
    }

    public async Task ImportAsync(IReadOnlyList<ObjectivePlan> plan, DateTimeOffset at, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        var createdAt = StoredTime.Text(at);
        var ids = new long[plan.Count];
        for (var i = 0; i < plan.Count; i++)
        {
            var o = plan[i];
            var fields = new { o.Id, o.Title, o.OwnerId, o.Team, Quarter = o.Quarter.ToString(), o.ParentId, At = createdAt };
            ids[i] = o.Id is { } id
                ? await connection.ExecuteAsync(new CommandDefinition(
                    "UPDATE objectives SET title = @Title, owner_id = @OwnerId, team = @Team, parent_id = @ParentId WHERE id = @Id;", fields, transaction, cancellationToken: ct)) is 1
                    ? id
                    : throw new InvalidOperationException($"Objective {id} was deleted during the import.")
                : await connection.ExecuteScalarAsync<long>(new CommandDefinition(
                    "INSERT INTO objectives (title, owner_id, team, quarter, parent_id, created_at) VALUES (@Title, @OwnerId, @Team, @Quarter, @ParentId, @At) RETURNING id;",
                    fields,
                    transaction,
                    cancellationToken: ct));
            foreach (var k in o.KeyResults)
            {
                var kr = new { k.Id, ObjectiveId = ids[i], k.Title, k.OwnerId, k.MetricKey, k.Start, k.Target, Unit = MetricCodes.Unit(k.Unit), At = createdAt };
                await connection.ExecuteAsync(new CommandDefinition(
                    k.Id is null
                        ? """
                          INSERT INTO key_results (objective_id, title, owner_id, metric_key, start_value, target_value, current_value, unit, created_at)
                          VALUES (@ObjectiveId, @Title, @OwnerId, @MetricKey, @Start, @Target, @Start, @Unit, @At);
                          """
                        : """
                          UPDATE key_results SET title = @Title, owner_id = @OwnerId, metric_key = @MetricKey, start_value = @Start, target_value = @Target, unit = @Unit
                          WHERE id = @Id;
                          """,
                    kr,
                    transaction,
                    cancellationToken: ct));
            }
        }

        // Parents within the import are known only once every objective has its id.
        for (var i = 0; i < plan.Count; i++)
        {
            if (plan[i].ParentInPlan is { } parent)
            {
                await connection.ExecuteAsync(new CommandDefinition(
                    "UPDATE objectives SET parent_id = @parentId WHERE id = @id;", new { parentId = ids[parent], id = ids[i] }, transaction, cancellationToken: ct));
            }
        }

        await transaction.CommitAsync(ct);
    }

    public async Task CheckInAsync(CheckIn checkIn, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        var at = StoredTime.Text(checkIn.At);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO key_result_checkins (key_result_id, at, value, confidence, reason, by_id, by_name)
            VALUES (@KeyResultId, @at, @Value, @Confidence, @Reason, @ById, @ByName);
            """,
            new { checkIn.KeyResultId, at, checkIn.Value, checkIn.Confidence, checkIn.Reason, checkIn.ById, checkIn.ByName },
            transaction,
            cancellationToken: ct));
        await connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE key_results SET current_value = coalesce(@Value, current_value), confidence = @Confidence, last_checkin_at = @at
            WHERE id = @KeyResultId;
            """,
            new { checkIn.KeyResultId, checkIn.Value, checkIn.Confidence, at },
            transaction,
            cancellationToken: ct));
        await transaction.CommitAsync(ct);
    }

    public async Task<IReadOnlyList<CheckIn>> HistoryAsync(long keyResultId, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        var rows = await connection.QueryAsync<CheckInRow>(new CommandDefinition(
            """
            SELECT key_result_id AS KeyResultId, at AS At, value AS Value, confidence AS Confidence, reason AS Reason, by_id AS ById, by_name AS ByName
            FROM key_result_checkins WHERE key_result_id = @keyResultId ORDER BY at DESC, id DESC;
            """,
            new { keyResultId },
            cancellationToken: ct));
        return rows.Select(r => new CheckIn(r.KeyResultId, StoredTime.Parse(r.At), r.Value, (int)r.Confidence, r.Reason, r.ById, r.ByName)).ToArray();
    }

    private sealed record ObjectiveRow(long Id, string Title, long OwnerId, string Team, string Quarter, long? ParentId)
    {
        public Objective ToObjective(IEnumerable<KeyResultRow> keyResults)
        {
            var parts = Quarter.Split("-Q");
            var quarter = new Quarter(int.Parse(parts[0], CultureInfo.InvariantCulture), int.Parse(parts[1], CultureInfo.InvariantCulture));
            return new Objective(Id, Title, OwnerId, Team, quarter, ParentId, keyResults.Select(k => k.ToKeyResult()).ToArray());
        }
    }

    private sealed record KeyResultRow(
        long Id,
        long ObjectiveId,
        string Title,
        long OwnerId,
        string? MetricKey,
        double StartValue,
        double TargetValue,
        double CurrentValue,
        string Unit,
        long? Confidence,
        string? LastCheckInAt,
        string CreatedAt)
    {
        public KeyResult ToKeyResult() => new(
            Id,
            ObjectiveId,
            Title,
            OwnerId,
            MetricKey,
            StartValue,
            TargetValue,
            CurrentValue,
            MetricCodes.ParseUnit(Unit),
            Confidence is { } c ? (int)c : null,
            LastCheckInAt is null ? null : Time(LastCheckInAt),
            Time(CreatedAt));
    }

    /// <summary>Exact parsing of the stored format: status reads thousands of these per call.</summary>
    private static DateTimeOffset Time(string text) =>
        DateTimeOffset.ParseExact(text, "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);

    private sealed record CheckInRow(long KeyResultId, string At, double? Value, long Confidence, string Reason, long ById, string ByName);
}
