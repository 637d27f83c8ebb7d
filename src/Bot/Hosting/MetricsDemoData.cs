using ProductOps.Skills.Admin;
using ProductOps.Skills.Conversation;
using ProductOps.Skills.Metrics;

namespace ProductOps.Bot.Hosting;

/// <summary>
/// A SaaS company's numbers for a first run: ARR, NRR, active accounts, churn and feature adoption
/// by segment, product line, region and plan, daily for 18 months; and this quarter's OKRs with
/// check-ins, some at risk and some stale. Seeds only into an empty catalogue.
/// </summary>
public static class MetricsDemoData
{
    private const int Days = 548;

    private static readonly string[] Segments = ["enterprise", "mid-market", "smb"];
    private static readonly string[] ProductLines = ["core", "analytics", "payments"];
    private static readonly string[] Regions = ["amer", "emea", "apac"];
    private static readonly string[] Plans = ["starter", "pro", "enterprise"];

    public static async Task SeedMetricsDemoDataAsync(this WebApplication app, CancellationToken ct)
    {
        var catalog = app.Services.GetRequiredService<IMetricCatalog>();
        if ((await catalog.ListAsync(ct)).Count > 0)
        {
            return;
        }

        var people = app.Services.GetRequiredService<IPeopleStore>();
        var clock = app.Services.GetRequiredService<TimeProvider>();
        var values = app.Services.GetRequiredService<IMetricValueStore>();
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var random = new Random(20260301);
        async Task<long?> Owner(string handle) => (await people.FindByHandleAsync(handle, ct))?.Id;

        var points = 0;
        async Task AddAsync(MetricDraft draft, Func<int, Dictionary<string, string>, double> value, int daysMissing = 0)
        {
            var metric = await catalog.SaveAsync(draft, ct);
            var combos = Combinations(draft.Dimensions).ToArray();
            var batch = new List<MetricPoint>();
            for (var d = Days; d >= 1 + daysMissing; d--)
            {
                foreach (var combo in combos)
                {
                    var t = Days - d;
                    batch.Add(new MetricPoint(today.AddDays(-d), combo, Math.Round(value(t, combo) * (1 + ((random.NextDouble() - 0.5) * 0.01)), draft.Unit == MetricUnit.Count ? 0 : 2)));
                }
            }

            points += batch.Count;
            await values.UpsertAsync(metric.Id, batch, ct);
        }

        await AddAsync(
            new MetricDraft("arr", "ARR", ["annual recurring revenue"], "Annual recurring revenue of active subscriptions at the end of the day, in USD.", MetricUnit.Currency, MetricDirection.UpIsGood, 1, ["segment", "product-line", "region"], new HashSet<Role>(), await Owner("helen"), "dbt: fct_arr_daily"),
            (t, c) => Scale(c) * 480_000 * (1 + (t * 0.0009)));
        await AddAsync(
            new MetricDraft("nrr", "NRR", ["net revenue retention", "net retention"], "Revenue this month from customers of 12 months ago, as a share of their revenue then, expansion and churn included.", MetricUnit.Percent, MetricDirection.UpIsGood, 1, ["segment"], new HashSet<Role>(), await Owner("helen"), "dbt: fct_retention"),
            (t, c) => c["segment"] switch { "enterprise" => 118, "mid-market" => 106, _ => 94 } + (3 * Math.Sin(t / 60.0)));
        await AddAsync(
            new MetricDraft("active-accounts", "Active accounts", ["accounts", "customers"], "Accounts with at least one active user in the last 28 days.", MetricUnit.Count, MetricDirection.UpIsGood, 1, ["segment", "product-line", "region"], new HashSet<Role>(), await Owner("sam"), "Product analytics: accounts_active_28d"),
            (t, c) => Math.Round((c["segment"] switch { "enterprise" => 40, "mid-market" => 160, _ => 620 }) * (1 + (t * 0.0007))));
        await AddAsync(
            new MetricDraft("churned-arr", "Churned ARR", ["churn"], "ARR lost to cancellations and downgrades in the last 30 days, in USD.", MetricUnit.Currency, MetricDirection.DownIsGood, 1, ["segment"], new HashSet<Role> { Role.Leader }, await Owner("helen"), "dbt: fct_churn_30d"),
            (t, c) => (c["segment"] switch { "enterprise" => 90_000, "mid-market" => 140_000, _ => 210_000 }) * (1 + (0.2 * Math.Sin(t / 45.0))));
        foreach (var (key, name, start, owner, missing) in new[] { ("sso", "SSO", 22.0, "priya", 0), ("reports", "Scheduled reports", 31.0, "lena", 0), ("mobile", "Mobile app", 12.0, "diego", 9) })
        {
            await AddAsync(
                new MetricDraft($"adoption-{key}", $"{name} adoption", [$"{key} adoption"], $"Share of active accounts that used {name} in the last 28 days.", MetricUnit.Percent, MetricDirection.UpIsGood, 1, ["segment", "plan"], new HashSet<Role>(), await Owner(owner), "Product analytics: feature_adoption_28d"),
                (t, c) => Math.Min(95, start * (c["plan"] switch { "enterprise" => 1.6, "pro" => 1.2, _ => 0.7 }) * (1 + (t * 0.0012))),
                missing);
        }

        var objectives = await SeedOkrsAsync(app, today, Owner, ct);
        app.Logger.LogInformation("Seeded demo metrics: 8 metrics with {Points} values, and {Objectives} objectives", points, objectives);
    }

    private static async Task<int> SeedOkrsAsync(WebApplication app, DateOnly today, Func<string, Task<long?>> owner, CancellationToken ct)
    {
        var okrs = app.Services.GetRequiredService<IOkrStore>();
        var people = app.Services.GetRequiredService<IPeopleStore>();
        var clock = app.Services.GetRequiredService<TimeProvider>();
        var quarter = Quarter.Containing(today);
        var now = clock.GetUtcNow();
        var quarterStart = new DateTimeOffset(quarter.Start.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        DateTimeOffset DaysAgo(int days) => now.AddDays(-days) < quarterStart ? quarterStart : now.AddDays(-days);

        // (objective, team, owner, key results: title, metric, start, target, unit, owner, check-ins: days ago, value, confidence, reason)
        var plan = new[]
        {
            new DemoObjective("Grow enterprise revenue", "Payments", "priya",
            [
                new DemoKr("ARR to $40M", "arr", 33_000_000, 40_000_000, MetricUnit.Currency, "priya", [(30, null, 7, "Q3 expansion deals landed"), (6, null, 6, "pipeline strong, closes slipping")]),
                new DemoKr("Payments line in 40 new enterprise accounts", null, 0, 40, MetricUnit.Count, "priya", [(25, 6, 5, "legal reviews slow"), (4, 9, 3, "two pilots paused by procurement")]),
            ]),
            new DemoObjective("Make onboarding effortless", "Onboarding", "sam",
            [
                new DemoKr("Time to first value under 3 days", null, 9, 3, MetricUnit.Count, "sam", [(40, 7, 7, "guided setup shipped"), (20, 5, 7, "templates cut setup time")]),
                new DemoKr("Activation rate to 60%", null, 42, 60, MetricUnit.Percent, "sam", [(21, 48, 6, "checklist A/B test won")]),
            ]),
            new DemoObjective("Reporting customers rely on", "Reporting", "lena",
            [
                new DemoKr("Scheduled reports adoption to 70%", "adoption-reports", 52, 70, MetricUnit.Percent, "lena", [(10, null, 8, "new templates popular")]),
                new DemoKr("Report load time p95 under 2 s", null, 6, 2, MetricUnit.Count, "lena", [(12, 3.1, 7, "query cache on")]),
                new DemoKr("NPS of report users to 45", null, 31, 45, MetricUnit.Count, "lena", [(8, 38, 6, "survey after redesign")]),
            ]),
            new DemoObjective("Mobile that field teams use daily", "Mobile", "diego",
            [
                new DemoKr("Mobile adoption to 30%", "adoption-mobile", 18, 30, MetricUnit.Percent, "diego", [(35, null, 5, "offline mode in beta")]),
                new DemoKr("Crash-free sessions to 99.8%", null, 99.1, 99.8, MetricUnit.Percent, "diego", [(30, 99.3, 6, "fixed sync crash")]),
            ]),
        };
        foreach (var o in plan)
        {
            var ownerId = await owner(o.Owner) ?? 0;
            var objective = await okrs.AddObjectiveAsync(new ObjectiveDraft(o.Title, ownerId, o.Team, quarter, null), ct);
            foreach (var k in o.KeyResults)
            {
                var krOwner = await people.FindByHandleAsync(k.Owner, ct);
                var kr = await okrs.AddKeyResultAsync(new KeyResultDraft(objective.Id, k.Title, krOwner?.Id ?? 0, k.Metric, k.Start, k.Target, k.Unit, quarterStart), ct);
                foreach (var (daysAgo, value, confidence, reason) in k.CheckIns)
                {
                    await okrs.CheckInAsync(new CheckIn(kr.Id, DaysAgo(daysAgo), value, confidence, reason, krOwner?.Id ?? 0, krOwner?.Name ?? k.Owner), ct);
                }
            }
        }

        return plan.Length;
    }

    /// <summary>Bigger segments, regions and lines carry more revenue.</summary>
    private static double Scale(Dictionary<string, string> c) =>
        (c.GetValueOrDefault("segment") switch { "enterprise" => 3.0, "mid-market" => 1.5, _ => 0.8 })
        * (c.GetValueOrDefault("product-line") switch { "core" => 1.6, "analytics" => 0.9, _ => 0.6 })
        * (c.GetValueOrDefault("region") switch { "amer" => 1.5, "emea" => 1.0, _ => 0.5 });

    private static IEnumerable<Dictionary<string, string>> Combinations(IReadOnlyList<string> dimensions)
    {
        IEnumerable<Dictionary<string, string>> combos = [new Dictionary<string, string>()];
        foreach (var dimension in dimensions)
        {
            var values = dimension switch
            {
                "segment" => Segments,
                "product-line" => ProductLines,
                "region" => Regions,
                _ => Plans,
            };
            combos = combos.SelectMany(c => values.Select(v => new Dictionary<string, string>(c) { [dimension] = v })).ToArray();
        }

        return combos;
    }

    private sealed record DemoObjective(string Title, string Team, string Owner, DemoKr[] KeyResults);

    private sealed record DemoKr(string Title, string? Metric, double Start, double Target, MetricUnit Unit, string Owner, (int DaysAgo, double? Value, int Confidence, string Reason)[] CheckIns);
}
