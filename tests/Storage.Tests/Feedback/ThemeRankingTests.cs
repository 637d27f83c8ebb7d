using ProductOps.Skills.Accounts;
using ProductOps.Skills.Admin;
using ProductOps.Skills.Conversation;
using ProductOps.Skills.Feedback;
using ProductOps.Storage.Accounts;
using ProductOps.Storage.Areas;
using ProductOps.Storage.Feedback;
using ProductOps.Storage.Migrations;
using ProductOps.Storage.People;

namespace ProductOps.Storage.Tests.Feedback;

/// <summary>
/// Ranking without "since" reads totals the database keeps as items change; ranking with "since"
/// still reads the items. A "since" before every item therefore gives the item-level answer, and
/// every filter must give exactly that answer after any mix of captures, links, merges, account
/// linking and account re-imports.
/// </summary>
public sealed class ThemeRankingTests : IAsyncLifetime, IDisposable
{
    private static readonly DateTimeOffset BeforeEverything = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly string?[] Segments = [null, "enterprise", "mid-market", "smb"];
    private readonly FakeClock _clock = new();
    private readonly Random _random = new(11);
    private readonly List<long> _themes = [];
    private TempDatabase _db = null!;
    private long _submitter;
    private long[] _areas = [];
    private Account[] _accounts = [];

    private SqlFeedbackStore Items => new(_db.Database, _clock);

    private SqlThemeStore Themes => new(_db.Database, _clock);

    private SqlThemeTotals Totals => new(_db.Database);

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => _db.Dispose();

    [Fact]
    public async Task Rank_AfterCapturesLinksMergesAndAccountChanges_EveryFilterMatchesTheItems()
    {
        _db = await TempDatabase.CreateAsync();
        await ArrangeOrganisationAsync();
        var items = await CaptureAsync(120);

        await LinkRandomlyAsync(items, 100);
        await AssertMatchesItemsAsync();

        await LinkRandomlyAsync(items, 40);
        await Themes.MergeAsync(_themes[1], _themes[0], CancellationToken.None);
        await Themes.MergeAsync(_themes[5], _themes[4], CancellationToken.None);
        await AssertMatchesItemsAsync();

        foreach (var item in items.Where(i => i.AccountId is null && i.AccountText is not null).Take(8))
        {
            await Items.SetAccountAsync(item.Id, _accounts[_random.Next(_accounts.Length)].Id, CancellationToken.None);
        }

        await new SqlAccountStore(_db.Database).UpsertAsync([Data(0, "smb"), Data(3, "enterprise")], CancellationToken.None);
        await AssertMatchesItemsAsync();
    }

    [Fact]
    public async Task Migrate_DatabaseWithThemesAlreadyLinked_FillsTheTotals()
    {
        _db = new TempDatabase();
        await new Migrator(_db.Database).MigrateAsync(CancellationToken.None, upTo: 15);
        await ArrangeOrganisationAsync();
        await LinkRandomlyAsync(await CaptureAsync(80), 70);

        await new Migrator(_db.Database).MigrateAsync(CancellationToken.None);

        Assert.NotEmpty(await Totals.RankAsync(new ThemeQuery(null, null, null, 100), CancellationToken.None));
        await AssertMatchesItemsAsync();
    }

    [Fact]
    public async Task Rank_AccountRaisingAThemeTwice_CountsOnceWithItsLargestArrAndNewestItem()
    {
        _db = await TempDatabase.CreateAsync();
        await ArrangeOrganisationAsync();
        var first = await AddAsync(_accounts[0], 100_000m, words: "first ask");
        _clock.Advance(TimeSpan.FromDays(3));
        var second = await AddAsync(_accounts[0], 250_000m, words: "second ask");
        var other = await AddAsync(null, 999m, words: "no account");
        await Themes.LinkAsync([first.Id, second.Id, other.Id], _themes[0], CancellationToken.None);

        var ranked = await Totals.RankAsync(new ThemeQuery(null, null, null, 10), CancellationToken.None);

        var theme = Assert.Single(ranked);
        Assert.Equal((1, 250_000m, 3, _clock.GetUtcNow()), (theme.Accounts, theme.Arr, theme.Items, theme.Newest));
    }

    [Fact]
    public async Task Rank_LastItemLinkedElsewhere_ThemeLeavesTheRanking()
    {
        _db = await TempDatabase.CreateAsync();
        await ArrangeOrganisationAsync();
        var item = await AddAsync(_accounts[1], 5_000m);
        await Themes.LinkAsync([item.Id], _themes[0], CancellationToken.None);

        await Themes.LinkAsync([item.Id], _themes[1], CancellationToken.None);

        var ranked = await Totals.RankAsync(new ThemeQuery(null, null, null, 10), CancellationToken.None);
        Assert.Equal([_themes[1]], ranked.Select(t => t.Theme.Id));
    }

    private async Task AssertMatchesItemsAsync()
    {
        foreach (var area in _areas.Select(a => (long?)a).Append(null))
        {
            foreach (var segment in Segments)
            {
                var kept = await Totals.RankAsync(new ThemeQuery(area, segment, null, 100), CancellationToken.None);
                var counted = await Totals.RankAsync(new ThemeQuery(area, segment, BeforeEverything, 100), CancellationToken.None);

                Assert.Equal(counted.Select(Figures), kept.Select(Figures));
            }
        }
    }

    private static (long Theme, int Accounts, decimal Arr, int Items, DateTimeOffset? Newest) Figures(ThemeTotals t) =>
        (t.Theme.Id, t.Accounts, t.Arr, t.Items, t.Newest);

    private async Task ArrangeOrganisationAsync()
    {
        var people = new SqlPeopleStore(_db.Database, _clock, InitialAdmins.None);
        var pm = await people.AddAsync(new NewPerson("Priya", "priya", null, null, new HashSet<Role> { Role.Pm }, []), CancellationToken.None);
        _submitter = (await people.AddAsync(new NewPerson("Tom", "tom", null, null, new HashSet<Role> { Role.Gtm }, []), CancellationToken.None)).Id;
        var areas = new SqlAreaStore(_db.Database, _clock);
        _areas = [];
        foreach (var name in new[] { "Payments", "Reporting", "Identity" })
        {
            _areas = [.. _areas, (await areas.AddAsync(new AreaDraft(name, [], pm.Id, name.ToLowerInvariant()), CancellationToken.None))!.Id];
        }

        var catalogue = new SqlAccountStore(_db.Database);
        await catalogue.UpsertAsync(Enumerable.Range(0, 7).Select(i => Data(i, Segments[i % 4])).ToArray(), CancellationToken.None);
        _accounts = (await catalogue.SearchAsync("Customer", 10, CancellationToken.None)).ToArray();
        for (var t = 0; t < 9; t++)
        {
            _themes.Add((await Themes.CreateAsync($"Theme {t}", _areas[t % 3], pm.Id, CancellationToken.None)).Id);
        }
    }

    private static AccountData Data(int n, string? segment) =>
        new($"Customer {n}", [], segment, 10_000m * (n + 1), null, null, $"CRM-{n}");

    /// <summary>Items for catalogue accounts, typed unknown accounts and no account, with varied revenue and times.</summary>
    private async Task<List<FeedbackItem>> CaptureAsync(int count)
    {
        var items = new List<FeedbackItem>();
        for (var i = 0; i < count; i++)
        {
            _clock.Advance(TimeSpan.FromMinutes(_random.Next(1, 600)));
            var kind = _random.Next(5);
            var account = kind < 3 ? _accounts[_random.Next(_accounts.Length)] : null;
            decimal? arr = _random.Next(4) == 0 ? null : 1_000m * _random.Next(1, 400);
            items.Add(await AddAsync(account, arr, kind == 3 ? $"Prospect {_random.Next(4)}" : null, $"words {i}"));
        }

        return items;
    }

    private async Task<FeedbackItem> AddAsync(Account? account, decimal? arr, string? typed = null, string words = "the words")
    {
        var draft = new NewFeedback(_submitter, _areas[0], account?.Id, account?.Name ?? typed, "feature-request", "important", arr, words, null, null, true);
        return (await Items.AddAsync(draft, TimeSpan.FromMinutes(1), CancellationToken.None)).Item;
    }

    private async Task LinkRandomlyAsync(List<FeedbackItem> items, int links)
    {
        for (var i = 0; i < links; i++)
        {
            var picked = Enumerable.Range(0, _random.Next(1, 4)).Select(_ => items[_random.Next(items.Count)].Id).Distinct().ToArray();
            await Themes.LinkAsync(picked, _themes[_random.Next(_themes.Count)], CancellationToken.None);
        }
    }
}
