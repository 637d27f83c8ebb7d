using Moq;
using ProductOps.Skills.Admin;
using ProductOps.Skills.Conversation;
using ProductOps.Skills.Metrics;
using ProductOps.Skills.Tests.TestKit;
using ProductOps.Storage.Metrics;

namespace ProductOps.Skills.Tests.Metrics;

/// <summary>A test chat with the metrics skill over real metrics stores, a captured outbox, and a small organisation.</summary>
public sealed class MetricsChat : IAsyncDisposable
{
    private MetricsChat(TestChat chat)
    {
        Chat = chat;
    }

    public TestChat Chat { get; }

    public Mock<IOutbox> Outbox { get; } = new();

    public List<OutboundMessage> Sent { get; } = [];

    public Person Maya { get; private set; } = null!;

    public Person Priya { get; private set; } = null!;

    public Person Helen { get; private set; } = null!;

    public Person Sam { get; private set; } = null!;

    public IMetricCatalog Catalog => Chat.Services.Get<IMetricCatalog>();

    public static async Task<MetricsChat> StartAsync(DigestSettings? digest = null, IReadOnlyList<IDigestSection>? extraSections = null)
    {
        var chat = await TestChat.StartAsync(null, new AdminSkill(), new MetricsSkill());
        var metrics = new MetricsChat(chat);
        var db = chat.Services.Get<ProductOps.Storage.Database>();
        var catalog = new SqlMetricCatalog(db, chat.Clock);
        var values = new SqlMetricValueStore(db);
        var okrs = new SqlOkrStore(db, chat.Clock);
        var lookup = new MetricLookup(values);
        var board = new OkrBoard(okrs, catalog, lookup, new OkrRules(), chat.Clock);
        metrics.Outbox.Setup(o => o.EnqueueAsync(It.IsAny<OutboundMessage>(), It.IsAny<CancellationToken>()))
            .Callback<OutboundMessage, CancellationToken>((m, _) => metrics.Sent.Add(m))
            .ReturnsAsync(true);
        var settings = new SqlDigestSettingsStore(db);
        chat.Services
            .Add<IMetricCatalog>(catalog)
            .Add<IMetricValueStore>(values)
            .Add<IOkrStore>(okrs)
            .Add<IDigestSettingsStore>(settings)
            .Add(lookup)
            .Add(board)
            .Add(new OkrRules())
            .Add(new MetricIngest(catalog, values, chat.Clock))
            .Add(metrics.Outbox.Object)
            .Add(new MetricsDigest(catalog, values, lookup, board, settings, digest ?? new DigestSettings("product-health", ["arr"], DayOfWeek.Monday, new TimeOnly(9, 0)), metrics.Outbox.Object, chat.People, extraSections ?? [], chat.Clock));
        metrics.Maya = await chat.PersonAsync("Maya Ops", "maya", Role.Admin);
        metrics.Priya = await chat.PersonAsync("Priya Patel", "priya", Role.Pm);
        metrics.Helen = await chat.PersonAsync("Helen Zhang", "helen", Role.Leader);
        metrics.Sam = await chat.PersonAsync("Sam Okafor", "sam", Role.Pm);
        return metrics;
    }

    public MetricIngest Ingest => Chat.Services.Get<MetricIngest>();

    public MetricsDigest Digest => Chat.Services.Get<MetricsDigest>();

    public Task<string> SayAsync(Person who, string text) => Chat.SayAsync(who, text);

    /// <summary>ARR by segment: enterprise grows 1,000 a day from 100,000 and smb 100 a day from 10,000, for <paramref name="days"/> days up to yesterday.</summary>
    public async Task AddArrAsync(int days = 60, string roles = "")
    {
        await SayAsync(Maya, $"/metric set arr name=ARR definition=\"Annual recurring revenue.\" unit=currency dimensions=segment,region aliases=\"annual recurring revenue\" source=dbt{(roles.Length > 0 ? " roles=" + roles : "")}");
        var yesterday = DateOnly.FromDateTime(Chat.Clock.GetUtcNow().UtcDateTime).AddDays(-1);
        var rows = new List<RawPoint>();
        for (var i = 0; i < days; i++)
        {
            var date = MetricFormat.Date(yesterday.AddDays(-(days - 1 - i)));
            rows.Add(new RawPoint(rows.Count + 2, "arr", date, (100_000 + (1000 * i)).ToString(System.Globalization.CultureInfo.InvariantCulture), Dims("enterprise", "emea")));
            rows.Add(new RawPoint(rows.Count + 2, "arr", date, (10_000 + (100 * i)).ToString(System.Globalization.CultureInfo.InvariantCulture), Dims("smb", "amer")));
        }

        var report = await Ingest.IngestAsync(rows, false, CancellationToken.None);
        Assert.True(report.Applied, report.Summary);
    }

    public async ValueTask DisposeAsync() => await Chat.DisposeAsync();

    private static Dictionary<string, string> Dims(string segment, string region) => new() { ["segment"] = segment, ["region"] = region };
}
