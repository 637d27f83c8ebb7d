using Moq;
using ProductOps.Skills.Conversation;
using ProductOps.Skills.Metrics;
using ProductOps.Storage;
using ProductOps.Storage.Metrics;

namespace ProductOps.Skills.Tests.Metrics;

public sealed class CachedMetricCatalogTests
{
    [Fact]
    public async Task List_Twice_ReadsTheCatalogueOnce()
    {
        var inner = new Mock<IMetricCatalog>();
        inner.Setup(c => c.ListAsync(It.IsAny<CancellationToken>())).ReturnsAsync([Metric("arr")]);
        var catalog = new CachedMetricCatalog(inner.Object);

        await catalog.ListAsync(CancellationToken.None);
        var second = await catalog.ListAsync(CancellationToken.None);

        Assert.Equal("arr", Assert.Single(second).Key);
        inner.Verify(c => c.ListAsync(It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task Save_ThenList_ShowsTheNewAndChangedMetrics()
    {
        await using var m = await MetricsChat.StartAsync();
        var catalog = Cached(m);
        await catalog.SaveAsync(Draft("arr", "ARR"), CancellationToken.None);
        Assert.Equal("ARR", Assert.Single(await catalog.ListAsync(CancellationToken.None)).Name);

        await catalog.SaveAsync(Draft("arr", "Annual revenue"), CancellationToken.None);
        await catalog.SaveAsync(Draft("nrr", "NRR"), CancellationToken.None);

        var metrics = await catalog.ListAsync(CancellationToken.None);
        Assert.Equal(["Annual revenue", "NRR"], metrics.Select(x => x.Name));
    }

    [Fact]
    public async Task Upsert_ThroughTheTrackingStore_MovesTheListedLastDate()
    {
        await using var m = await MetricsChat.StartAsync();
        var catalog = Cached(m);
        var values = new CatalogTrackingValueStore(new SqlMetricValueStore(Db(m)), catalog);
        var metric = await catalog.SaveAsync(Draft("arr", "ARR"), CancellationToken.None);
        Assert.Null(Assert.Single(await catalog.ListAsync(CancellationToken.None)).LastDate);
        var day = DateOnly.FromDateTime(m.Chat.Clock.GetUtcNow().UtcDateTime).AddDays(-1);

        await values.UpsertAsync(metric.Id, [new MetricPoint(day, new Dictionary<string, string>(), 5)], CancellationToken.None);

        Assert.Equal(day, Assert.Single(await catalog.ListAsync(CancellationToken.None)).LastDate);
    }

    [Fact]
    public async Task List_WhenAChangeLandsDuringTheRead_ReadsAgainNextTime()
    {
        var inner = new Mock<IMetricCatalog>();
        var pending = new TaskCompletionSource<IReadOnlyList<Metric>>();
        inner.SetupSequence(c => c.ListAsync(It.IsAny<CancellationToken>()))
            .Returns(pending.Task)
            .ReturnsAsync([Metric("arr"), Metric("nrr")]);
        var catalog = new CachedMetricCatalog(inner.Object);

        var during = catalog.ListAsync(CancellationToken.None);
        catalog.Invalidate();
        pending.SetResult([Metric("arr")]);
        await during;

        Assert.Equal(2, (await catalog.ListAsync(CancellationToken.None)).Count);
        inner.Verify(c => c.ListAsync(It.IsAny<CancellationToken>()), Times.Exactly(2));
    }

    private static Database Db(MetricsChat m) => m.Chat.Services.Get<Database>();

    private static CachedMetricCatalog Cached(MetricsChat m) => new(new SqlMetricCatalog(Db(m), m.Chat.Clock));

    private static MetricDraft Draft(string key, string name) =>
        new(key, name, [], "A number.", MetricUnit.Count, MetricDirection.UpIsGood, 1, [], new HashSet<Role>(), null, "");

    private static Metric Metric(string key) =>
        new(1, key, key, [], "A number.", MetricUnit.Count, MetricDirection.UpIsGood, 1, [], new HashSet<Role>(), null, "", null);
}
