using System.Globalization;
using Dapper;

namespace ProductOps.Storage.Deliveries;

/// <summary>
/// Remembers which inbound deliveries were processed, by a platform-scoped key such as
/// <c>slack:event:Ev123</c> or <c>teams:activity:1700000000000:19:abc@thread.tacv2</c>. Platforms retry and repeat deliveries;
/// the first caller to record a key processes it, every later one skips it.
/// </summary>
public sealed class SqlDeliveryLog(Database database, TimeProvider clock)
{
    /// <summary>Records the key; true for its first delivery, false for a repeat.</summary>
    public async Task<bool> FirstSeenAsync(string key, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        var inserted = await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO inbound_deliveries (key, seen_at) VALUES (@Key, @SeenAt) ON CONFLICT (key) DO NOTHING;",
            new { Key = key, SeenAt = Format(clock.GetUtcNow()) },
            cancellationToken: ct));
        return inserted == 1;
    }

    /// <summary>Whether the key was recorded, without recording it.</summary>
    public async Task<bool> SeenAsync(string key, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        return await connection.ExecuteScalarAsync<bool>(new CommandDefinition(
            "SELECT EXISTS (SELECT 1 FROM inbound_deliveries WHERE key = @Key);",
            new { Key = key },
            cancellationToken: ct));
    }

    /// <summary>Forgets keys older than <paramref name="age"/>; platforms stop retrying within minutes.</summary>
    public async Task<int> PurgeOlderThanAsync(TimeSpan age, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        return await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM inbound_deliveries WHERE seen_at < @Cutoff;",
            new { Cutoff = Format(clock.GetUtcNow() - age) },
            cancellationToken: ct));
    }

    private static string Format(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
