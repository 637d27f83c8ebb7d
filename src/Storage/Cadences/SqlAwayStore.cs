using System.Globalization;
using Dapper;
using ProductOps.Skills.Cadences;

namespace ProductOps.Storage.Cadences;

/// <summary>Away dates, one per person, as ISO dates.</summary>
public sealed class SqlAwayStore(Database database) : IAwayStore
{
    public async Task SetAsync(long personId, DateOnly? until, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        var sql = until is null
            ? "DELETE FROM cadence_away WHERE person_id = @personId;"
            : "INSERT INTO cadence_away (person_id, until) VALUES (@personId, @until) ON CONFLICT (person_id) DO UPDATE SET until = excluded.until;";
        await connection.ExecuteAsync(new CommandDefinition(sql, new { personId, until = until?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) }, cancellationToken: ct));
    }

    public async Task<IReadOnlyDictionary<long, DateOnly>> ListAsync(CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        var rows = await connection.QueryAsync<(long PersonId, string Until)>(new CommandDefinition(
            "SELECT person_id, until FROM cadence_away;", cancellationToken: ct));
        return rows.ToDictionary(r => r.PersonId, r => DateOnly.ParseExact(r.Until, "yyyy-MM-dd", CultureInfo.InvariantCulture));
    }
}
