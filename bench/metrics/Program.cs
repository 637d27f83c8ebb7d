using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.Data.Sqlite;
using ProductOps.Skills.Conversation;
using ProductOps.Skills.Metrics;
using ProductOps.Storage;
using ProductOps.Storage.Metrics;
using ProductOps.Storage.Migrations;
using ProductOps.Storage.People;

// Metrics benchmark. Commands:
//   generate DB [metrics=200] [days=1095]   catalogue, values (45 series a metric) and 500 objectives
//   query DB [runs=500]                     /metric with a breakdown and /okr status, p50/p95
//   ingest URL TOKEN [points=1000000]       POST /api/metrics/bench-ingest/values in batches of 50,000
var command = args.ElementAtOrDefault(0);
var options = args.Skip(2).Select(a => a.Split('=', 2)).Where(p => p.Length == 2).ToDictionary(p => p[0], p => int.Parse(p[1], CultureInfo.InvariantCulture));
int Option(string name, int fallback) => options.TryGetValue(name, out var v) ? v : fallback;
var clock = TimeProvider.System;
var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
string[] segments = ["enterprise", "mid-market", "smb"];
string[] regions = ["amer", "emea", "apac"];
string[] plans = ["free", "starter", "pro", "business", "enterprise"];

switch (command)
{
    case "generate" when args.Length >= 2:
        await GenerateAsync(args[1], Option("metrics", 200), Option("days", 1095));
        return 0;
    case "query" when args.Length >= 2:
        await QueryAsync(args[1], Option("runs", 500));
        return 0;
    case "ingest" when args.Length >= 3:
        await IngestAsync(args[1], args[2], Option("points", 1_000_000));
        return 0;
    default:
        Console.Error.WriteLine("Usage: generate DB [metrics=200] [days=1095] | query DB [runs=500] | ingest URL TOKEN [points=1000000]");
        return 2;
}

async Task GenerateAsync(string path, int metrics, int days)
{
    var database = new Database($"Data Source={path}");
    await new Migrator(database).MigrateAsync(CancellationToken.None);
    var catalog = new SqlMetricCatalog(database, clock);
    var people = new SqlPeopleStore(database, clock, ProductOps.Skills.Admin.InitialAdmins.None);
    var owner = await people.AddAsync(new ProductOps.Skills.Admin.NewPerson("Bench Owner", "bench", null, null, new HashSet<Role> { Role.Pm }, []), CancellationToken.None);
    var watch = Stopwatch.StartNew();
    var random = new Random(7);
    await using var connection = new SqliteConnection(database.ConnectionString);
    await connection.OpenAsync();
    long points = 0;
    for (var m = 0; m < metrics; m++)
    {
        var metric = await catalog.SaveAsync(
            new MetricDraft($"metric-{m:000}", $"Metric {m:000}", [], "A generated metric.", MetricUnit.Count, MetricDirection.UpIsGood, 1, ["segment", "region", "plan", "product-line", "channel"], new HashSet<Role>(), owner.Id, "bench"),
            CancellationToken.None);
        await using var transaction = connection.BeginTransaction();
        var series = new List<long>();
        foreach (var s in segments)
        {
            foreach (var r in regions)
            {
                foreach (var p in plans)
                {
                    await using var insert = connection.CreateCommand();
                    insert.Transaction = transaction;
                    insert.CommandText = "INSERT INTO metric_series (metric_id, dims) VALUES ($m, $d) RETURNING id;";
                    insert.Parameters.AddWithValue("$m", metric.Id);
                    insert.Parameters.AddWithValue("$d", $"{{\"channel\":\"direct\",\"plan\":\"{p}\",\"product-line\":\"core\",\"region\":\"{r}\",\"segment\":\"{s}\"}}");
                    series.Add((long)(await insert.ExecuteScalarAsync())!);
                }
            }
        }

        await using var values = connection.CreateCommand();
        values.Transaction = transaction;
        values.CommandText = "INSERT INTO metric_values (series_id, day, value) VALUES ($s, $d, $v);";
        var ps = values.Parameters.Add("$s", SqliteType.Integer);
        var pd = values.Parameters.Add("$d", SqliteType.Integer);
        var pv = values.Parameters.Add("$v", SqliteType.Real);
        values.Prepare();
        foreach (var id in series)
        {
            var level = random.Next(100, 10_000);
            for (var d = days; d >= 1; d--)
            {
                ps.Value = id;
                pd.Value = today.AddDays(-d).DayNumber;
                pv.Value = level + (random.NextDouble() * 50);
                values.ExecuteNonQuery();
                points++;
            }
        }

        await using var last = connection.CreateCommand();
        last.Transaction = transaction;
        last.CommandText = "UPDATE metrics SET last_day = $d WHERE id = $m;";
        last.Parameters.AddWithValue("$d", today.AddDays(-1).DayNumber);
        last.Parameters.AddWithValue("$m", metric.Id);
        await last.ExecuteNonQueryAsync();
        transaction.Commit();
    }

    var okrs = new SqlOkrStore(database, clock);
    var quarter = Quarter.Containing(today);
    for (var o = 0; o < 500; o++)
    {
        var objective = await okrs.AddObjectiveAsync(new ObjectiveDraft($"Objective {o}", owner.Id, $"Team {o % 25}", quarter, null), CancellationToken.None);
        for (var k = 0; k < 3; k++)
        {
            var kr = await okrs.AddKeyResultAsync(
                new KeyResultDraft(objective.Id, $"Key result {k}", owner.Id, k == 0 && o % 10 == 0 ? $"metric-{o % metrics:000}" : null, 0, 100, MetricUnit.Count, clock.GetUtcNow().AddDays(-20)),
                CancellationToken.None);
            await okrs.CheckInAsync(new CheckIn(kr.Id, clock.GetUtcNow().AddDays(-random.Next(0, 20)), random.Next(0, 100), random.Next(1, 11), "bench", owner.Id, "Bench Owner"), CancellationToken.None);
        }
    }

    Console.WriteLine($"Generated {metrics} metrics, {points:N0} values and 500 objectives (1,500 key results) in {watch.Elapsed.TotalSeconds:N0} s; file {new FileInfo(path).Length / (1024 * 1024):N0} MB");
}

async Task QueryAsync(string path, int runs)
{
    var database = new Database($"Data Source={path}");
    // Wired as the bot wires them: the catalogue cached, upserts dropping the copy.
    var catalog = new CachedMetricCatalog(new SqlMetricCatalog(database, clock));
    var values = new CatalogTrackingValueStore(new SqlMetricValueStore(database), catalog);
    var lookup = new MetricLookup(values);
    var people = new SqlPeopleStore(database, clock, ProductOps.Skills.Admin.InitialAdmins.None);
    var okrs = new SqlOkrStore(database, clock);
    var board = new OkrBoard(okrs, catalog, lookup, new OkrRules(), clock);
    var asker = (await people.ListAsync(CancellationToken.None))[0];
    var metricCount = (await catalog.ListAsync(CancellationToken.None)).Count;
    var show = new ShowMetricHandler(catalog, values, lookup, people, clock);
    var status = new OkrStatusHandler(board, people);
    var random = new Random(11);

    var lookups = await TimeAsync(runs, () => show.HandleAsync(Request("metric", $"metric-{random.Next(metricCount):000} segment=enterprise by=region", ShowMetricHandler.Spec), CancellationToken.None));
    Report("/metric <key> segment=enterprise by=region (30 days)", lookups);
    var year = await TimeAsync(runs, () => show.HandleAsync(Request("metric", $"metric-{random.Next(metricCount):000} by=plan period=12m compare=yoy", ShowMetricHandler.Spec), CancellationToken.None));
    Report("/metric <key> by=plan period=12m compare=yoy", year);
    var statuses = await TimeAsync(Math.Min(runs, 200), () => status.HandleAsync(Request("okr", "", OkrStatusHandler.Spec), CancellationToken.None));
    Report("/okr status (500 objectives, 1,500 key results)", statuses);

    CommandRequest Request(string command, string text, CommandSpec spec)
    {
        var from = new ChatUser(new ChatIdentity(Platforms.DevChat, "bench", asker.Handle), asker.Name);
        return new CommandRequest(new CommandInbound(from, Place.Direct("D1"), command, text), asker, CommandLine.Parse(text), spec);
    }
}

async Task IngestAsync(string url, string token, int points)
{
    using var http = new HttpClient { BaseAddress = new Uri(url), Timeout = TimeSpan.FromMinutes(5) };
    http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
    const int Batch = 50_000;
    var watch = Stopwatch.StartNew();
    var sent = 0;
    var series = segments.SelectMany(s => regions.SelectMany(r => plans.Select(p => (s, r, p)))).ToArray();
    var days = points / series.Length;
    var rows = new List<string>();
    for (var d = 0; d < days; d++)
    {
        var date = today.AddDays(-1 - d).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        foreach (var (s, r, p) in series)
        {
            rows.Add($"{date},{d + 100},{s},{r},{p}");
            if (rows.Count == Batch)
            {
                sent += await PostAsync(http, rows);
            }
        }
    }

    if (rows.Count > 0)
    {
        sent += await PostAsync(http, rows);
    }

    Console.WriteLine($"Ingested {sent:N0} points over HTTP in {watch.Elapsed.TotalSeconds:N1} s ({sent / watch.Elapsed.TotalSeconds:N0} points/s)");
}

static async Task<int> PostAsync(HttpClient http, List<string> rows)
{
    var body = new StringBuilder("date,value,segment,region,plan\n");
    rows.ForEach(r => body.Append(r).Append('\n'));
    using var response = await http.PostAsync("/api/metrics/bench-ingest/values", new StringContent(body.ToString(), Encoding.UTF8, "text/csv"));
    if (!response.IsSuccessStatusCode)
    {
        throw new InvalidOperationException($"POST failed with {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }

    var count = rows.Count;
    rows.Clear();
    return count;
}

static async Task<List<double>> TimeAsync(int runs, Func<Task<Response>> run)
{
    await run();
    var times = new List<double>(runs);
    for (var i = 0; i < runs; i++)
    {
        var watch = Stopwatch.StartNew();
        var response = await run();
        times.Add(watch.Elapsed.TotalMilliseconds);
        if (response.Replies.Count == 0)
        {
            throw new InvalidOperationException("A command answered nothing.");
        }
    }

    return times;
}

static void Report(string what, List<double> times)
{
    times.Sort();
    double At(double q) => times[(int)Math.Min(times.Count - 1, Math.Ceiling(q * times.Count) - 1)];
    Console.WriteLine($"{what}: n={times.Count} p50={At(0.5):N1} ms p95={At(0.95):N1} ms max={times[^1]:N1} ms");
}
