using Dapper;
using ProductOps.Skills.Participants;
using ProductOps.Storage.Audit;

namespace ProductOps.Storage.Participants;

/// <summary>Rule values admins changed in chat.</summary>
public sealed class SqlRuleStore(Database database) : IRuleStore
{
    public async Task<IReadOnlyDictionary<string, int>> ChangedAsync(CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        return (await connection.QueryAsync<(string Name, long Value)>(new CommandDefinition("SELECT name, value FROM participant_rules;", cancellationToken: ct)))
            .ToDictionary(r => r.Name, r => (int)r.Value, StringComparer.OrdinalIgnoreCase);
    }

    public async Task SetAsync(string name, int value, long actorId, DateTimeOffset at, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO participant_rules (name, value, changed_by, changed_at) VALUES (@name, @value, @actorId, @at)
            ON CONFLICT (name) DO UPDATE SET value = excluded.value, changed_by = excluded.changed_by, changed_at = excluded.changed_at;
            """,
            new { name, value, actorId, at = StoredTime.Text(at) },
            cancellationToken: ct));
    }
}
