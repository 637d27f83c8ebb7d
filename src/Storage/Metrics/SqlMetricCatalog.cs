using Dapper;
using ProductOps.Skills.Conversation;
using ProductOps.Skills.Metrics;
using ProductOps.Storage.Audit;

namespace ProductOps.Storage.Metrics;

public sealed class SqlMetricCatalog(Database database, TimeProvider clock) : IMetricCatalog
{
    private const string Columns =
        "id AS Id, key AS Key, name AS Name, aliases AS Aliases, definition AS Definition, unit AS Unit, direction AS Direction, " +
        "freshness_days AS FreshnessDays, dimensions AS Dimensions, roles AS Roles, owner_id AS OwnerId, source AS Source, last_day AS LastDay";

    public async Task<IReadOnlyList<Metric>> ListAsync(CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        var rows = await connection.QueryAsync<Row>(new CommandDefinition($"SELECT {Columns} FROM metrics ORDER BY key;", cancellationToken: ct));
        return rows.Select(r => r.ToMetric()).ToArray();
    }

    public async Task<Metric?> FindAsync(string key, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        var row = await connection.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(
            $"SELECT {Columns} FROM metrics WHERE key = @key;", new { key = key.ToLowerInvariant() }, cancellationToken: ct));
        return row?.ToMetric();
    }

    public async Task<Metric> SaveAsync(MetricDraft draft, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        var row = await connection.QuerySingleAsync<Row>(new CommandDefinition(
            $"""
             INSERT INTO metrics (key, name, aliases, definition, unit, direction, freshness_days, dimensions, roles, owner_id, source, updated_at)
             VALUES (@Key, @Name, @Aliases, @Definition, @Unit, @Direction, @FreshnessDays, @Dimensions, @Roles, @OwnerId, @Source, @At)
             ON CONFLICT (key) DO UPDATE SET
                 name = excluded.name, aliases = excluded.aliases, definition = excluded.definition, unit = excluded.unit,
                 direction = excluded.direction, freshness_days = excluded.freshness_days, dimensions = excluded.dimensions,
                 roles = excluded.roles, owner_id = excluded.owner_id, source = excluded.source, updated_at = excluded.updated_at
             RETURNING {Columns};
             """,
            new
            {
                Key = draft.Key.ToLowerInvariant(),
                draft.Name,
                Aliases = string.Join(',', draft.Aliases),
                draft.Definition,
                Unit = MetricCodes.Unit(draft.Unit),
                Direction = MetricCodes.Direction(draft.Direction),
                draft.FreshnessDays,
                Dimensions = string.Join(',', draft.Dimensions),
                Roles = string.Join(',', draft.Roles.Order().Select(RoleNames.Key)),
                draft.OwnerId,
                draft.Source,
                At = StoredTime.Text(clock.GetUtcNow()),
            },
            cancellationToken: ct));
        return row.ToMetric();
    }

    private sealed record Row(
        long Id,
        string Key,
        string Name,
        string Aliases,
        string Definition,
        string Unit,
        string Direction,
        long FreshnessDays,
        string Dimensions,
        string Roles,
        long? OwnerId,
        string Source,
        long? LastDay)
    {
        public Metric ToMetric() => new(
            Id,
            Key,
            Name,
            MetricCodes.List(Aliases),
            Definition,
            MetricCodes.ParseUnit(Unit),
            Direction == "down" ? MetricDirection.DownIsGood : MetricDirection.UpIsGood,
            (int)FreshnessDays,
            MetricCodes.List(Dimensions),
            MetricCodes.List(Roles).Select(r => RoleNames.TryParse(r, out var role) ? role : (Role?)null).OfType<Role>().ToHashSet(),
            OwnerId,
            Source,
            LastDay is { } day ? DateOnly.FromDayNumber((int)day) : null);
    }
}

/// <summary>How units, directions and lists are written in the metrics tables.</summary>
internal static class MetricCodes
{
    public static string Unit(MetricUnit unit) => unit.ToString().ToLowerInvariant();

    public static MetricUnit ParseUnit(string text) => Enum.Parse<MetricUnit>(text, ignoreCase: true);

    public static string Direction(MetricDirection direction) => direction == MetricDirection.DownIsGood ? "down" : "up";

    public static IReadOnlyList<string> List(string text) => text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
