using ProductOps.Skills.Conversation;
using ProductOps.Skills.Metrics;

namespace ProductOps.Skills.Tests.Metrics;

public sealed class MetricCommandsTests
{
    [Fact]
    public async Task Metric_ByAlias_ShowsValueChangeSparklineAndFreshness()
    {
        await using var m = await MetricsChat.StartAsync();
        await m.AddArrAsync();

        var text = await m.SayAsync(m.Helen, "/metric Annual Recurring Revenue");

        // Newest day: 159,000 + 15,900; 30 days before the 30-day period: 129,000 + 12,900.
        Assert.Contains("ARR: $174.9k", text);
        Assert.Contains("🟢 ▲ +$33k (+23.3%)", text);
        Assert.Contains("▁", text);
        Assert.Contains("█", text);
        Assert.Contains("Last value 2026-03-01, 1 day old; expected daily.", text);
        Assert.Contains("Annual recurring revenue. Source: dbt.", text);
    }

    [Fact]
    public async Task Metric_NewestDayMissingASlice_SaysTheTotalIsPartial()
    {
        await using var m = await MetricsChat.StartAsync();
        await m.AddArrAsync(days: 5);
        var report = await m.Ingest.IngestAsync(
            [new RawPoint(2, "arr", "2026-03-02", "20000", new Dictionary<string, string> { ["segment"] = "smb", ["region"] = "amer" })], false, CancellationToken.None);

        var whole = await m.SayAsync(m.Helen, "/metric arr");
        var enterprise = await m.SayAsync(m.Helen, "/metric arr segment=enterprise");

        Assert.True(report.Applied, report.Summary);
        Assert.Contains("$20k on 2026-03-02", whole);
        Assert.Contains("⚠ Partial: 2026-03-02 has values from 1 of the 2 slices that report in this period, so this total covers only part of ARR. by=segment shows which.", whole);
        Assert.Contains("$104k on 2026-03-01", enterprise);
        Assert.DoesNotContain("Partial", enterprise);
    }

    [Fact]
    public async Task Metric_WithFilterAndBreakdown_ShowsOneLinePerValueLargestFirst()
    {
        await using var m = await MetricsChat.StartAsync();
        await m.AddArrAsync();

        var text = await m.SayAsync(m.Helen, "/metric arr by=segment period=7d");

        Assert.Contains("By segment", text);
        Assert.True(text.IndexOf("enterprise  $159k", StringComparison.Ordinal) < text.IndexOf("smb  $15.9k", StringComparison.Ordinal), text);
    }

    [Fact]
    public async Task Metric_DownIsGoodAndRising_MarkedRed()
    {
        await using var m = await MetricsChat.StartAsync();
        await m.AddArrAsync();
        await m.SayAsync(m.Maya, "/metric set arr direction=down");

        var text = await m.SayAsync(m.Helen, "/metric arr segment=smb");

        Assert.Contains("🔴 ▲", text);
    }

    [Fact]
    public async Task Metric_UnknownName_SuggestsTheClosest()
    {
        await using var m = await MetricsChat.StartAsync();
        await m.AddArrAsync();

        var text = await m.SayAsync(m.Helen, "/metric arrr");

        Assert.Contains("There is no metric called arrr. Did you mean arr?", text);
    }

    [Fact]
    public async Task Metric_UnknownDimensionOrValue_ListsTheValidOnes()
    {
        await using var m = await MetricsChat.StartAsync();
        await m.AddArrAsync();

        var dimension = await m.SayAsync(m.Helen, "/metric arr regoin=emea");
        var value = await m.SayAsync(m.Helen, "/metric arr segment=enterprize");
        var period = await m.SayAsync(m.Helen, "/metric arr period=5y");

        Assert.Contains("arr has no dimension regoin. Did you mean region?\nIts dimensions: segment, region.", dimension);
        Assert.Contains("arr has no segment called enterprize. Did you mean enterprise?\nValues of segment: enterprise, smb.", value);
        Assert.Contains("period=5y is not a period I know. Use one of 7d, 30d, qtd, ytd, 12m.", period);
    }

    [Fact]
    public async Task Metric_RestrictedAskedInChannel_AnsweredByDirectMessageNeverChannel()
    {
        await using var m = await MetricsChat.StartAsync();
        await m.AddArrAsync(roles: "leader");

        var response = await m.Chat.SendAsync(m.Helen, "/metric arr");

        var reply = Assert.Single(response.Replies);
        Assert.Equal(Visibility.DirectMessage, reply.Visibility);
        Assert.Contains("$174.9k", reply.Fallback);
    }

    [Fact]
    public async Task Metric_RestrictedAskedByOtherRole_RefusedWithoutTheNumber()
    {
        await using var m = await MetricsChat.StartAsync();
        await m.AddArrAsync(roles: "leader");

        var text = await m.SayAsync(m.Priya, "/metric arr");
        var list = await m.SayAsync(m.Priya, "/metric list");

        Assert.Contains("ARR is shared only with people with the leader role.", text);
        Assert.DoesNotContain("$", text);
        Assert.DoesNotContain("ARR", list);
    }

    [Fact]
    public async Task MetricListAndDefine_ShowDefinitionsOwnerAndDimensions()
    {
        await using var m = await MetricsChat.StartAsync();
        await m.AddArrAsync();
        await m.SayAsync(m.Maya, "/metric set arr owner=@helen");

        var list = await m.SayAsync(m.Priya, "/metric list recurring");
        var define = await m.SayAsync(m.Priya, "/metric define ARR");

        Assert.Contains("ARR arr\nAnnual recurring revenue.", list);
        Assert.Contains("Owner: @Helen Zhang", define);
        Assert.Contains("Dimensions: segment, region", define);
        Assert.Contains("Freshness: Last value 2026-03-01, 1 day old; expected daily.", define);
    }

    [Fact]
    public async Task MetricSet_ByAdmin_AuditedAndByPmRefused()
    {
        await using var m = await MetricsChat.StartAsync();

        var added = await m.SayAsync(m.Maya, "/metric set nrr name=NRR definition=\"Net revenue retention.\" unit=percent");
        var refused = await m.SayAsync(m.Priya, "/metric set nrr name=Other");
        var badUnit = await m.SayAsync(m.Maya, "/metric set nrr unit=1");
        var missing = await m.SayAsync(m.Maya, "/metric set churn name=Churn");

        Assert.Contains("Added NRR (nrr) to the catalogue.", added);
        Assert.Contains("needs the admin role", refused);
        Assert.Contains("unit=1 is not a unit. Use currency, percent or count.", badUnit);
        Assert.Contains("churn is a new metric, so it needs definition=, unit=.", missing);
        Assert.Equal("NRR", (await m.Catalog.FindAsync("nrr", CancellationToken.None))!.Name);
        Assert.Contains("metric.set nrr", await m.SayAsync(m.Maya, "/productops audit"));
    }

    [Fact]
    public async Task MetricSet_Owner_AuditedByNameAndAnUnknownOneNamedAsTyped()
    {
        await using var m = await MetricsChat.StartAsync();
        await m.SayAsync(m.Maya, "/metric set nrr name=NRR definition=\"Net revenue retention.\" unit=percent owner=@helen");

        var unknown = await m.SayAsync(m.Maya, "/metric set nrr owner=@nobody");

        Assert.Contains("owner=Helen Zhang (@helen)", (await m.Chat.Audit.LatestAsync(1, CancellationToken.None))[0].After);
        Assert.Contains("I don't know anyone called @nobody.", unknown);
    }

    [Fact]
    public async Task MetricSet_UnitOfAMetricWithValues_NeedsConfirm()
    {
        await using var m = await MetricsChat.StartAsync();
        await m.AddArrAsync(days: 3);

        var asked = await m.SayAsync(m.Maya, "/metric set arr unit=percent");
        var unchanged = (await m.Catalog.FindAsync("arr", CancellationToken.None))!.Unit;
        await m.SayAsync(m.Maya, "/metric set arr unit=percent confirm");

        Assert.Equal("ARR has values pushed as currency; as percent every one of them, and every change and digest, reads differently. To change it anyway: /metric set arr unit=percent confirm. Nothing changed.", asked);
        Assert.Equal(MetricUnit.Currency, unchanged);
        Assert.Equal(MetricUnit.Percent, (await m.Catalog.FindAsync("arr", CancellationToken.None))!.Unit);
    }

    [Fact]
    public async Task MetricStale_OldValues_ListedForAdmins()
    {
        await using var m = await MetricsChat.StartAsync();
        await m.AddArrAsync();
        m.Chat.Clock.Advance(TimeSpan.FromDays(8));

        var text = await m.SayAsync(m.Maya, "/metric stale");

        Assert.Contains("ARR arr: ⚠ Stale: last value 2026-03-01, 9 days old; expected daily.", text);
    }
}
