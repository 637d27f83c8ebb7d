using System.Data.Common;
using System.Text.Json;
using Dapper;
using ProductOps.Skills.Metrics;

namespace ProductOps.Storage.Metrics;

public sealed class SqlMetricValueStore(Database database) : IMetricValueStore
{
    /// <summary>
    /// Points per transaction. SQLite has one writer: a push of a million points in one transaction
    /// would hold every other write (acknowledgements of chat requests, submissions) for half a
    /// minute. In chunks, others wait a fraction of a second at most; a push cut short by a crash is
    /// applied in part, and sending it again completes it, as points are upserted.
    /// </summary>
    public const int PointsPerTransaction = 5_000;

    public async Task<UpsertCounts> UpsertAsync(long metricId, IReadOnlyList<MetricPoint> points, CancellationToken ct)
    {
        if (points.Count == 0)
        {
            return new UpsertCounts(0, 0);
        }

        await using var connection = await database.OpenAsync(ct);
        var series = (await connection.QueryAsync<(long Id, string Dims)>(new CommandDefinition(
                "SELECT id, dims FROM metric_series WHERE metric_id = @metricId;", new { metricId }, cancellationToken: ct)))
            .ToDictionary(s => s.Dims, s => s.Id, StringComparer.Ordinal);
        var added = 0;
        for (var start = 0; start < points.Count; start += PointsPerTransaction)
        {
            var chunk = new MetricPoint[Math.Min(PointsPerTransaction, points.Count - start)];
            for (var i = 0; i < chunk.Length; i++)
            {
                chunk[i] = points[start + i];
            }

            await using var transaction = await connection.BeginTransactionAsync(ct);
            var ids = new long[chunk.Length];
            for (var i = 0; i < chunk.Length; i++)
            {
                var dims = SeriesKey.Of(chunk[i].Dimensions);
                if (!series.TryGetValue(dims, out var id))
                {
                    id = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
                        "INSERT INTO metric_series (metric_id, dims) VALUES (@metricId, @dims) RETURNING id;", new { metricId, dims }, transaction, cancellationToken: ct));
                    series[dims] = id;
                }

                ids[i] = id;
            }

            added += await WriteValuesAsync(connection, transaction, ids, chunk, ct);
            await connection.ExecuteAsync(new CommandDefinition(
                "UPDATE metrics SET last_day = max(coalesce(last_day, 0), @last) WHERE id = @metricId;",
                new { metricId, last = chunk.Max(p => p.Date).DayNumber },
                transaction,
                cancellationToken: ct));
            await transaction.CommitAsync(ct);
        }

        return new UpsertCounts(added, points.Count - added);
    }

    public async Task<IReadOnlyList<MetricSeries>> SeriesAsync(long metricId, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        var rows = await connection.QueryAsync<(long Id, string Dims)>(new CommandDefinition(
            "SELECT id, dims FROM metric_series WHERE metric_id = @metricId ORDER BY id;", new { metricId }, cancellationToken: ct));
        return rows.Select(r => new MetricSeries(r.Id, SeriesKey.Parse(r.Dims))).ToArray();
    }

    public async Task<IReadOnlyList<DailyTotal>> DailyTotalsAsync(IReadOnlyDictionary<long, int> groupOfSeries, IReadOnlyList<DayRange> windows, CancellationToken ct)
    {
        if (groupOfSeries.Count == 0 || windows.Count == 0)
        {
            return [];
        }

        // Summed in SQL: a year of 45 series is 16,000 rows, and only one row a group and day comes back.
        // CROSS JOIN keeps the windows and series outermost, so each series' window is one primary key range;
        // MATERIALIZED parses the JSON once instead of on every row.
        await using var connection = await database.OpenAsync(ct);
        var rows = await connection.QueryAsync<(long Window, long Group, long Day, double Sum, long Count)>(new CommandDefinition(
            """
            WITH w AS MATERIALIZED (SELECT key AS n, value ->> 0 AS first, value ->> 1 AS last FROM json_each(@windows)),
                 g AS MATERIALIZED (SELECT value ->> 0 AS series_id, value ->> 1 AS grp FROM json_each(@groups))
            SELECT w.n, g.grp, v.day, sum(v.value), count(*)
            FROM w CROSS JOIN g CROSS JOIN metric_values v
            WHERE v.series_id = g.series_id AND v.day BETWEEN w.first AND w.last
            GROUP BY w.n, g.grp, v.day;
            """,
            new
            {
                windows = JsonSerializer.Serialize(windows.Select(w => new[] { w.First.DayNumber, w.Last.DayNumber })),
                groups = JsonSerializer.Serialize(groupOfSeries.Select(g => new[] { g.Key, g.Value })),
            },
            cancellationToken: ct));
        return rows.Select(r => new DailyTotal((int)r.Window, (int)r.Group, DateOnly.FromDayNumber((int)r.Day), r.Sum, (int)r.Count)).ToArray();
    }

    public async Task<IReadOnlyList<DayTotal>> TotalsOnAsync(IReadOnlyDictionary<long, DateOnly> dayOfMetric, CancellationToken ct)
    {
        if (dayOfMetric.Count == 0)
        {
            return [];
        }

        // One read for many metrics: OKR status follows dozens of them.
        await using var connection = await database.OpenAsync(ct);
        var rows = await connection.QueryAsync<(long MetricId, double Sum, long Count)>(new CommandDefinition(
            """
            WITH m AS MATERIALIZED (SELECT value ->> 0 AS id, value ->> 1 AS day FROM json_each(@metrics))
            SELECT m.id, sum(v.value), count(*)
            FROM m CROSS JOIN metric_series s CROSS JOIN metric_values v
            WHERE s.metric_id = m.id AND v.series_id = s.id AND v.day = m.day
            GROUP BY m.id;
            """,
            new { metrics = JsonSerializer.Serialize(dayOfMetric.Select(m => new[] { m.Key, m.Value.DayNumber })) },
            cancellationToken: ct));
        return rows.Select(r => new DayTotal(r.MetricId, r.Sum, (int)r.Count)).ToArray();
    }

    /// <summary>
    /// Writes the points with two statements prepared once: an insert that does nothing on a known
    /// day, then an update for those. Returns how many were new.
    /// </summary>
    private static async Task<int> WriteValuesAsync(DbConnection connection, DbTransaction transaction, long[] ids, MetricPoint[] points, CancellationToken ct)
    {
        await using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = "INSERT INTO metric_values (series_id, day, value) VALUES ($series, $day, $value) ON CONFLICT (series_id, day) DO NOTHING;";
        await using var update = connection.CreateCommand();
        update.Transaction = transaction;
        update.CommandText = "UPDATE metric_values SET value = $value WHERE series_id = $series AND day = $day;";
        var parameters = new[] { insert, update }.Select(c => (Series: Parameter(c, "$series"), Day: Parameter(c, "$day"), Value: Parameter(c, "$value"))).ToArray();
        await insert.PrepareAsync(ct);
        await update.PrepareAsync(ct);
        var added = 0;
        for (var i = 0; i < points.Length; i++)
        {
            foreach (var (series, day, value) in parameters)
            {
                series.Value = ids[i];
                day.Value = points[i].Date.DayNumber;
                value.Value = points[i].Value;
            }

            if (await insert.ExecuteNonQueryAsync(ct) == 1)
            {
                added++;
            }
            else
            {
                await update.ExecuteNonQueryAsync(ct);
            }
        }

        return added;
    }

    private static DbParameter Parameter(DbCommand command, string name)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        command.Parameters.Add(parameter);
        return parameter;
    }
}

/// <summary>A series' dimension values as canonical JSON: keys sorted, so one combination is always one row.</summary>
internal static class SeriesKey
{
    public static string Of(IReadOnlyDictionary<string, string> dimensions) =>
        JsonSerializer.Serialize(new SortedDictionary<string, string>(dimensions.ToDictionary(), StringComparer.Ordinal));

    public static IReadOnlyDictionary<string, string> Parse(string json) =>
        new Dictionary<string, string>(JsonSerializer.Deserialize<Dictionary<string, string>>(json) ?? [], StringComparer.OrdinalIgnoreCase);
}
