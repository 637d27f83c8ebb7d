using System.Globalization;
using Dapper;
using ProductOps.Skills.Metrics;

namespace ProductOps.Storage.Metrics;

public sealed class SqlDigestSettingsStore(Database database) : IDigestSettingsStore
{
    public async Task<DigestSettings?> GetAsync(CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        var values = (await connection.QueryAsync<(string Name, string Value)>(new CommandDefinition(
                "SELECT name, value FROM metrics_settings WHERE name LIKE 'digest.%';", cancellationToken: ct)))
            .ToDictionary(r => r.Name, r => r.Value, StringComparer.Ordinal);
        if (!values.TryGetValue("digest.day", out var day))
        {
            return null;
        }

        return new DigestSettings(
            values.GetValueOrDefault("digest.channel") is { Length: > 0 } channel ? channel : null,
            MetricCodes.List(values.GetValueOrDefault("digest.metrics") ?? ""),
            Enum.Parse<DayOfWeek>(day),
            TimeOnly.ParseExact(values["digest.time"], "HH:mm", CultureInfo.InvariantCulture));
    }

    public async Task SaveAsync(DigestSettings settings, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO metrics_settings (name, value) VALUES (@Name, @Value) ON CONFLICT (name) DO UPDATE SET value = excluded.value;",
            new[]
            {
                new { Name = "digest.channel", Value = settings.Channel ?? "" },
                new { Name = "digest.metrics", Value = string.Join(',', settings.Metrics) },
                new { Name = "digest.day", Value = settings.Day.ToString() },
                new { Name = "digest.time", Value = settings.Time.ToString("HH:mm", CultureInfo.InvariantCulture) },
            },
            cancellationToken: ct));
    }

    public async Task<bool> ClaimWeekAsync(DateOnly week, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        var name = "digest-sent." + week.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var inserted = await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO metrics_settings (name, value) VALUES (@name, 'sent') ON CONFLICT (name) DO NOTHING;", new { name }, cancellationToken: ct));
        return inserted == 1;
    }
}
