using System.Data.Common;
using System.Text.Json;
using Dapper;
using ProductOps.Skills.Metrics;

namespace ProductOps.Storage.Metrics;

public sealed class SqlMetricValueStore(Database database) : IMetricValueStore
{
    public async Task<UpsertCounts> UpsertAsync(long metricId, IReadOnlyList<MetricPoint> points, CancellationToken ct)
    {
        if (points.Count == 0)
        {
            return new UpsertCounts(0, 0);
        }

        await using var connection = await database.OpenAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        var series = (await connection.QueryAsync<(long Id, string Dims)>(new CommandDefinition(
                "SELECT id, dims FROM metric_series WHERE metric_id = @metricId;", new { metricId }, transaction, cancellationToken: ct)))
            .ToDictionary(s => s.Dims, s => s.Id, StringComparer.Ordinal);
        var ids = new long[points.Count];
        for (var i = 0; i < points.Count; i++)
        {
            var dims = SeriesKey.Of(points[i].Dimensions);
            if (!series.TryGetValue(dims, out var id))
            {
                id = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
                    "INSERT INTO metric_series (metric_id, dims) VALUES (@metricId, @dims) RETURNING id;", new { metricId, dims }, transaction, cancellationToken: ct));
                series[dims] = id;
            }

            ids[i] = id;
        }

        var touched = ids.Distinct().ToArray();
        var before = await CountAsync(connection, transaction, touched, ct);
        await WriteValuesAsync(connection, transaction, ids, points, ct);
        var after = await CountAsync(connection, transaction, touched, ct);
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE metrics SET last_day = max(coalesce(last_day, 0), @last) WHERE id = @metricId;",
            new { metricId, last = points.Max(p => p.Date).DayNumber },
            transaction,
            cancellationToken: ct));
        await transaction.CommitAsync(ct);
        var added = (int)(after - before);
        return new UpsertCounts(added, points.Count - added);
    }

    public async Task<IReadOnlyList<MetricSeries>> SeriesAsync(long metricId, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        var rows = await connection.QueryAsync<(long Id, string Dims)>(new CommandDefinition(
            "SELECT id, dims FROM metric_series WHERE metric_id = @metricId ORDER BY id;", new { metricId }, cancellationToken: ct));
        return rows.Select(r => new MetricSeries(r.Id, SeriesKey.Parse(r.Dims))).ToArray();
    }

    public async Task<IReadOnlyList<SeriesValue>> ValuesAsync(IReadOnlyCollection<long> seriesIds, DateOnly first, DateOnly last, CancellationToken ct)
    {
        if (seriesIds.Count == 0)
        {
            return [];
        }

        await using var connection = await database.OpenAsync(ct);
        var rows = await connection.QueryAsync<(long SeriesId, long Day, double Value)>(new CommandDefinition(
            "SELECT series_id, day, value FROM metric_values WHERE series_id IN @seriesIds AND day BETWEEN @first AND @last;",
            new { seriesIds, first = first.DayNumber, last = last.DayNumber },
            cancellationToken: ct));
        return rows.Select(r => new SeriesValue(r.SeriesId, DateOnly.FromDayNumber((int)r.Day), r.Value)).ToArray();
    }

    private static async Task<long> CountAsync(DbConnection connection, DbTransaction transaction, long[] seriesIds, CancellationToken ct) =>
        await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT COUNT(*) FROM metric_values WHERE series_id IN @seriesIds;", new { seriesIds }, transaction, cancellationToken: ct));

    /// <summary>One prepared statement reused for every point: batches of a million points stay in seconds.</summary>
    private static async Task WriteValuesAsync(DbConnection connection, DbTransaction transaction, long[] ids, IReadOnlyList<MetricPoint> points, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText =
            "INSERT INTO metric_values (series_id, day, value) VALUES ($series, $day, $value) ON CONFLICT (series_id, day) DO UPDATE SET value = excluded.value;";
        var series = Parameter(command, "$series");
        var day = Parameter(command, "$day");
        var value = Parameter(command, "$value");
        await command.PrepareAsync(ct);
        for (var i = 0; i < points.Count; i++)
        {
            series.Value = ids[i];
            day.Value = points[i].Date.DayNumber;
            value.Value = points[i].Value;
            await command.ExecuteNonQueryAsync(ct);
        }
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
