using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using ProductOps.Bot.Hosting;
using ProductOps.Skills.Accounts;
using ProductOps.Skills.Admin;
using ProductOps.Skills.Conversation;
using ProductOps.Skills.Feedback;
using ProductOps.Storage.Accounts;
using ProductOps.Storage.Areas;
using ProductOps.Storage.Feedback;
using ProductOps.Storage.People;
using Xunit.Abstractions;

namespace ProductOps.Bot.Tests.Feedback;

/// <summary>
/// Measures the duplicate-suggestion threshold on the demo data: for every item, the "Same as …"
/// suggestions are right when they belong to the theme its words were written for. Prints precision
/// and recall per threshold (recorded in bench/README.md) and guards the configured one.
/// </summary>
public sealed class DemoSimilarityTests(ITestOutputHelper output) : IDisposable
{
    private static readonly double[] Thresholds = [0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.6];
    private readonly TempDatabase _database = new();

    [Fact]
    public async Task Suggestions_OnDemoData_AtTheConfiguredThreshold_AreMostlyRightAndFindMostDuplicates()
    {
        var items = await SeedDemoAsync();
        var store = new SqlFeedbackStore(_database.Database, TimeProvider.System);
        var all = (await store.SearchAsync(new FeedbackQuery(PageSize: 10_000), CancellationToken.None)).Items;
        var truth = all.ToDictionary(v => v.Item.Id, v => Array.FindIndex(FeedbackDemoData.Themes, t => t.Variants.Any(v.Item.Verbatim.Contains)));

        // Items written from the same sentence are trivially alike; only other phrasings test the threshold.
        var phrasing = all.ToDictionary(v => v.Item.Id, v => FeedbackDemoData.Themes.SelectMany(t => t.Variants).FirstOrDefault(v.Item.Verbatim.Contains) ?? v.Item.Verbatim);
        var scored = new List<(long Item, long Other, double Score)>();
        foreach (var view in all)
        {
            var stems = Similarity.Stems(view.Item.Verbatim);
            foreach (var c in await store.SimilarAsync(Similarity.SearchTerms(view.Item.Verbatim), view.Item.Id, 30, CancellationToken.None))
            {
                if (phrasing[c.Id] == phrasing[view.Item.Id])
                {
                    continue;
                }

                scored.Add((view.Item.Id, c.Id, Similarity.Score(stems, Similarity.Stems(c.Verbatim))));
            }
        }

        output.WriteLine($"{items} demo items, other phrasings only; threshold, precision of suggestions, recall of items with a same-theme suggestion");
        (double Precision, double Recall) configured = default;
        foreach (var threshold in Thresholds)
        {
            var suggested = scored.Where(s => s.Score >= threshold).GroupBy(s => s.Item).SelectMany(g => g.OrderByDescending(s => s.Score).Take(3)).ToArray();
            var right = suggested.Count(s => truth[s.Item] >= 0 && truth[s.Item] == truth[s.Other]);
            var themed = truth.Where(t => t.Value >= 0).Select(t => t.Key).ToArray();
            var found = themed.Count(id => suggested.Any(s => s.Item == id && truth[s.Other] == truth[id]));
            var precision = suggested.Length == 0 ? 1 : (double)right / suggested.Length;
            var recall = (double)found / themed.Length;
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{threshold:0.00}  {precision:P1}  {recall:P1}  ({suggested.Length} suggestions)"));
            if (Math.Abs(threshold - FeedbackSettings.Default.SimilarityThreshold) < 1e-9)
            {
                configured = (precision, recall);
            }
        }

        Assert.True(configured.Precision >= 0.9, $"precision {configured.Precision:P1}");
        Assert.True(configured.Recall >= 0.8, $"recall {configured.Recall:P1}");
    }

    public void Dispose() => _database.Dispose();

    private async Task<int> SeedDemoAsync()
    {
        var database = await _database.MigrateAsync();
        var clock = TimeProvider.System;
        var people = new SqlPeopleStore(database, clock, InitialAdmins.None);
        var areas = new SqlAreaStore(database, clock);
        var services = new ServiceCollection()
            .AddSingleton(database)
            .AddSingleton(clock)
            .AddSingleton<IAreaStore>(areas)
            .AddSingleton<IAccountStore>(new SqlAccountStore(database))
            .BuildServiceProvider();
        var handles = new Dictionary<string, long>();
        foreach (var handle in new[] { "priya", "sam", "lena", "diego", "tom", "aisha", "noah", "zoe" })
        {
            handles[handle] = (await people.AddAsync(new NewPerson(handle, handle, null, null, new HashSet<Role> { Role.Pm }, []), CancellationToken.None)).Id;
        }

        foreach (var (name, owner) in new[] { ("Payments", "priya"), ("Onboarding", "sam"), ("Reporting", "lena"), ("Mobile", "diego"), ("Integrations", "priya") })
        {
            await areas.AddAsync(new AreaDraft(name, [], handles[owner], name.ToLowerInvariant() + "-feedback"), CancellationToken.None);
        }

        await AccountsDemoData.SeedAsync(services, handles, CancellationToken.None);
        return await FeedbackDemoData.SeedAsync(services, handles, CancellationToken.None);
    }
}
