using ProductOps.Skills.Conversation;
using ProductOps.Skills.Metrics;
using ProductOps.Storage.Metrics;

namespace ProductOps.Storage.Tests.Metrics;

public sealed class SqlMetricValueStoreTests
{
    private static readonly DateOnly FirstDay = new(2025, 1, 1);

    [Fact]
    public async Task Upsert_PushLargerThanOneTransaction_CountsEveryNewAndKnownPointExactly()
    {
        await using var db = await TempDatabase.CreateAsync();
        var (store, metric) = await MetricAsync(db);
        var size = (SqlMetricValueStore.PointsPerTransaction * 2) + 2_000;
        await store.UpsertAsync(metric.Id, Points(0, size, value: 1), CancellationToken.None);

        var again = await store.UpsertAsync(metric.Id, Points(2_000, size + 2_000, value: 2), CancellationToken.None);

        Assert.Equal(new UpsertCounts(2_000, size - 2_000), again);
        var totals = await store.TotalsOnAsync(new Dictionary<long, DateOnly> { [metric.Id] = FirstDay.AddDays(1_000) }, CancellationToken.None);
        Assert.Equal(3 * 2.0, Assert.Single(totals).Sum);
    }

    [Fact]
    public async Task Upsert_NewDimensionsAcrossTransactions_MakeOneSeriesEach()
    {
        await using var db = await TempDatabase.CreateAsync();
        var (store, metric) = await MetricAsync(db);

        await store.UpsertAsync(metric.Id, Points(0, SqlMetricValueStore.PointsPerTransaction + 10, value: 1), CancellationToken.None);

        Assert.Equal(3, (await store.SeriesAsync(metric.Id, CancellationToken.None)).Count);
        Assert.Equal(FirstDay.AddDays((SqlMetricValueStore.PointsPerTransaction + 9) / 3), Assert.Single(await new SqlMetricCatalog(db.Database, new FakeClock()).ListAsync(CancellationToken.None)).LastDate);
    }

    /// <summary>Points <paramref name="from"/> to <paramref name="to"/>: three regions a day, day after day.</summary>
    private static MetricPoint[] Points(int from, int to, double value) =>
        Enumerable.Range(from, to - from)
            .Select(i => new MetricPoint(FirstDay.AddDays(i / 3), new Dictionary<string, string> { ["region"] = (i % 3).ToString(System.Globalization.CultureInfo.InvariantCulture) }, value))
            .ToArray();

    private static async Task<(SqlMetricValueStore Store, Metric Metric)> MetricAsync(TempDatabase db)
    {
        var metric = await new SqlMetricCatalog(db.Database, new FakeClock()).SaveAsync(
            new MetricDraft("orders", "Orders", [], "Orders placed.", MetricUnit.Count, MetricDirection.UpIsGood, 1, ["region"], new HashSet<Role>(), null, ""),
            CancellationToken.None);
        return (new SqlMetricValueStore(db.Database), metric);
    }
}
