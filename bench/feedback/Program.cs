using System.Diagnostics;
using System.Globalization;
using Dapper;
using ProductOps.Skills.Admin;
using ProductOps.Skills.Feedback;
using ProductOps.Storage;
using ProductOps.Storage.Accounts;
using ProductOps.Storage.Areas;
using ProductOps.Storage.Feedback;
using ProductOps.Storage.Migrations;
using ProductOps.Storage.Outbox;
using ProductOps.Storage.People;

// Feedback at scale: generates ITEMS items over 50 areas and 20,000 accounts into a fresh SQLite
// file, then times search, submit (store, route, duplicate suggestions), themes for an area (plain, by
// segment, since a date) and linking an item to a theme.
// Usage: dotnet run -c Release --project bench/feedback -- ITEMS [DB_FILE]
var count = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 10_000;
var path = args.Length > 1 ? args[1] : Path.Combine(Path.GetTempPath(), $"feedback-bench-{count}.db");
foreach (var file in new[] { path, path + "-wal", path + "-shm" })
{
    File.Delete(file);
}

var ct = CancellationToken.None;
var clock = TimeProvider.System;
var database = new Database($"Data Source={path}");
await new Migrator(database).MigrateAsync(ct);
var random = new Random(7);
var words = Enumerable.Range(0, 5_000).Select(i => Word(i)).ToArray();

var generate = Stopwatch.StartNew();
long[] areaIds;
await using (var connection = await database.OpenAsync(ct))
{
    await using var tx = await connection.BeginTransactionAsync(ct);
    for (var p = 0; p < 200; p++)
    {
        await connection.ExecuteAsync(
            "INSERT INTO people (name, handle, created_at) VALUES (@n, @h, '2026-01-01T00:00:00.0000000Z');", new { n = "Person " + p, h = "p" + p }, tx);
    }

    for (var a = 0; a < 50; a++)
    {
        await connection.ExecuteAsync(
            "INSERT INTO areas (name, name_key, owner_id, channel, created_at, updated_at) VALUES (@n, @k, @o, @c, '2026-01-01T00:00:00.0000000Z', '2026-01-01T00:00:00.0000000Z');",
            new { n = "Area " + a, k = "area " + a, o = 1 + a, c = "area-" + a }, tx);
    }

    string[] segments = ["enterprise", "mid-market", "smb"];
    for (var a = 0; a < 20_000; a++)
    {
        await connection.ExecuteAsync(
            "INSERT INTO accounts (name, name_key, segment, arr, owner_id) VALUES (@n, @k, @s, @arr, @o);",
            new { n = "Account " + a, k = "account " + a, s = segments[a % 3], arr = 5_000 + (a % 97 * 10_000), o = 100 + (a % 100) }, tx);
    }

    for (var t = 0; t < 2_000; t++)
    {
        await connection.ExecuteAsync(
            "INSERT INTO feedback_themes (title, area_id, status, created_at) VALUES (@t, @a, 'open', '2026-01-01T00:00:00.0000000Z');",
            new { t = string.Join(' ', ThemeWords(t)), a = 1 + (t % 50) }, tx);
    }

    await tx.CommitAsync(ct);
    areaIds = Enumerable.Range(1, 50).Select(i => (long)i).ToArray();
}

const int Batch = 20_000;
for (var start = 0; start < count; start += Batch)
{
    await using var connection = await database.OpenAsync(ct);
    await using var tx = await connection.BeginTransactionAsync(ct);
    await using var insert = connection.CreateCommand();
    insert.Transaction = tx;
    insert.CommandText =
        """
        INSERT INTO feedback_items (submitter_id, created_at, area_id, account_id, account_text, account_key, type, urgency, arr, verbatim, keep_posted, theme_id, text_hash)
        VALUES ($s, $at, $area, $acc, NULL, $key, 'feature-request', 'important', $arr, $v, 1, $theme, $hash);
        """;
    string[] names = ["$s", "$at", "$area", "$acc", "$key", "$arr", "$v", "$theme", "$hash"];
    var parameters = names.Select(n =>
    {
        var p = insert.CreateParameter();
        p.ParameterName = n;
        insert.Parameters.Add(p);
        return p;
    }).ToArray();
    for (var i = start; i < Math.Min(count, start + Batch); i++)
    {
        var theme = random.Next(2_000);
        var account = random.Next(20_000);
        parameters[0].Value = 1 + random.Next(200);
        parameters[1].Value = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero).AddMinutes(i % 400_000).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);
        parameters[2].Value = 1 + (theme % 50);
        parameters[3].Value = 1 + account;
        parameters[4].Value = "a:" + (1 + account).ToString(CultureInfo.InvariantCulture);
        parameters[5].Value = 5_000 + (account % 97 * 10_000);
        parameters[6].Value = Sentence(theme);
        parameters[7].Value = random.Next(5) == 0 ? DBNull.Value : 1 + theme;
        parameters[8].Value = i.ToString("x16", CultureInfo.InvariantCulture);
        await insert.ExecuteNonQueryAsync(ct);
    }

    await tx.CommitAsync(ct);
}

await using (var connection = await database.OpenAsync(ct))
{
    await connection.ExecuteAsync("INSERT INTO feedback_items_fts (feedback_items_fts) VALUES ('optimize'); PRAGMA optimize;");
}

generate.Stop();
var items = new SqlFeedbackStore(database, clock);
var totals = new SqlThemeTotals(database);
var people = new SqlPeopleStore(database, clock, InitialAdmins.None);
var areas = new SqlAreaStore(database, clock);
var accounts = new SqlAccountStore(database);
var capture = new FeedbackCapture(items, accounts, people, new SqlOutbox(database, clock), FeedbackSettings.Default);
var submitter = (await people.FindAsync(1, ct))!;
var areaList = await areas.ListAsync(ct);

var search = await TimeAsync(200, async i =>
{
    var t = ThemeWords(random.Next(2_000));
    await items.SearchAsync(new FeedbackQuery(Words: $"{t[0]} {t[1]}", PageSize: 10), ct);
});
var searchArea = await TimeAsync(200, async i =>
{
    var t = ThemeWords(random.Next(2_000));
    await items.SearchAsync(new FeedbackQuery(Words: t[0], AreaId: areaIds[i % 50], Since: new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero), PageSize: 10), ct);
});
var submit = await TimeAsync(200, async i =>
{
    var theme = random.Next(2_000);
    var account = await accounts.FindByNameAsync("Account " + random.Next(20_000), ct);
    var draft = new FeedbackDraft(areaList[theme % 50], account, account!.Name, "feature-request", "important", null, Sentence(theme) + " run " + i, null, null, true);
    await capture.SubmitAsync(submitter, draft, ct);
});
var themes = await TimeAsync(100, async i => await totals.RankAsync(new ThemeQuery(areaIds[i % 50], null, null, 15), ct));
var themesSegment = await TimeAsync(100, async i => await totals.RankAsync(new ThemeQuery(areaIds[i % 50], "enterprise", null, 15), ct));
var themesSince = await TimeAsync(100, async i => await totals.RankAsync(new ThemeQuery(areaIds[i % 50], null, new DateTimeOffset(2026, 4, 1, 0, 0, 0, TimeSpan.Zero), 15), ct));

// "Same as …" on a receipt: one item linked to a theme, which also updates the theme's kept totals.
var themeStore = new SqlThemeStore(database, clock);
var link = await TimeAsync(200, async i => await themeStore.LinkAsync([1 + random.Next(count)], 1 + random.Next(2_000), ct));

var size = new[] { path, path + "-wal" }.Where(File.Exists).Sum(f => new FileInfo(f).Length);
using var self = Process.GetCurrentProcess();
Console.WriteLine($"items {count:N0}; generated in {generate.Elapsed.TotalSeconds:0}s; database {size / 1024.0 / 1024.0:0.0} MB; peak RSS {self.PeakWorkingSet64 / 1024.0 / 1024.0:0} MB");
Console.WriteLine($"search (2 words)              p50 {search.P50:0.0} ms  p95 {search.P95:0.0} ms");
Console.WriteLine($"search (word, area, since)    p50 {searchArea.P50:0.0} ms  p95 {searchArea.P95:0.0} ms");
Console.WriteLine($"submit with suggestions       p50 {submit.P50:0.0} ms  p95 {submit.P95:0.0} ms");
Console.WriteLine($"themes for an area            p50 {themes.P50:0.0} ms  p95 {themes.P95:0.0} ms");
Console.WriteLine($"themes, area + segment        p50 {themesSegment.P50:0.0} ms  p95 {themesSegment.P95:0.0} ms");
Console.WriteLine($"themes, area + since          p50 {themesSince.P50:0.0} ms  p95 {themesSince.P95:0.0} ms");
Console.WriteLine($"link an item to a theme       p50 {link.P50:0.0} ms  p95 {link.P95:0.0} ms");
return 0;

static async Task<(double P50, double P95)> TimeAsync(int runs, Func<int, Task> work)
{
    for (var i = 0; i < 5; i++)
    {
        await work(i);
    }

    var times = new List<double>();
    for (var i = 0; i < runs; i++)
    {
        var watch = Stopwatch.StartNew();
        await work(i);
        times.Add(watch.Elapsed.TotalMilliseconds);
    }

    times.Sort();
    return (times[runs / 2], times[(int)(runs * 0.95)]);
}

// Pronounceable made-up words, so the index sees a realistic spread of terms.
static string Word(int n)
{
    string[] syllables = ["ka", "lo", "mi", "ren", "tu", "sa", "vex", "do", "pri", "zen", "ul", "bar", "co", "fi", "ga", "hol"];
    return syllables[n % 16] + syllables[n / 16 % 16] + syllables[n / 256 % 16] + (n >= 4096 ? "s" : "");
}

// Each theme has six words of its own; items say three of them among common words.
string[] ThemeWords(int theme) => Enumerable.Range(0, 6).Select(k => words[(theme * 6 + k) % words.Length]).ToArray();

string Sentence(int theme)
{
    var own = ThemeWords(theme);
    var picked = new List<string>();
    for (var k = 0; k < 3; k++)
    {
        picked.Add(own[random.Next(6)]);
    }

    for (var k = 0; k < 8; k++)
    {
        picked.Add(words[random.Next(words.Length)]);
    }

    return string.Join(' ', picked.OrderBy(_ => random.Next()));
}
