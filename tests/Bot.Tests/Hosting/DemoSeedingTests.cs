using Dapper;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using ProductOps.Bot.Hosting;
using ProductOps.Bot.Tests.TestKit;
using ProductOps.Skills.Admin;
using ProductOps.Skills.Conversation;
using ProductOps.Storage.Demo;
using ProductOps.Storage.People;

namespace ProductOps.Bot.Tests.Hosting;

/// <summary>The first-run demo is all or nothing, across a start that stops part-way through seeding it.</summary>
public sealed class DemoSeedingTests
{
    [Fact]
    public async Task Start_AfterSeedingWasCutShort_ClearsThePartialDemoAndSeedsItInFull()
    {
        using var temp = new TempDatabase();
        await CutShortSeedingAsync(temp);

        await using (var app = new App(temp, demo: true))
        {
            var users = await new DevChatClient(app.CreateClient()).GetJsonAsync("/devchat/api/users");

            Assert.Equal(10, users.GetArrayLength());
        }

        Assert.Equal((1, 0), await SeedRowsAsync(temp));
        Assert.Equal(1, await CountAsync(temp, "SELECT COUNT(*) FROM people WHERE handle = 'maya';"));
        Assert.Equal(5, await CountAsync(temp, "SELECT COUNT(*) FROM areas;"));
    }

    [Fact]
    public async Task Start_WithoutDemoAfterSeedingWasCutShort_KeepsWhatIsThereFromThenOn()
    {
        using var temp = new TempDatabase();
        await CutShortSeedingAsync(temp);

        await using (var withoutDemo = new App(temp, demo: false))
        {
            withoutDemo.CreateClient();
        }

        await using (var withDemoAgain = new App(temp, demo: true))
        {
            withDemoAgain.CreateClient();
        }

        Assert.Equal(1, await CountAsync(temp, "SELECT COUNT(*) FROM people;"));
        Assert.Equal((0, 0), await SeedRowsAsync(temp));
    }

    [Fact]
    public async Task Start_AfterAFullSeeding_SeedsNothingAgain()
    {
        using var temp = new TempDatabase();
        await using (var first = new App(temp, demo: true))
        {
            first.CreateClient();
        }

        var items = await CountAsync(temp, "SELECT COUNT(*) FROM feedback_items;");
        await using (var second = new App(temp, demo: true))
        {
            second.CreateClient();
        }

        Assert.Equal(10, await CountAsync(temp, "SELECT COUNT(*) FROM people;"));
        Assert.Equal(items, await CountAsync(temp, "SELECT COUNT(*) FROM feedback_items;"));
    }

    /// <summary>What a crash after the first demo person leaves: the marker started and one person stored.</summary>
    private static async Task CutShortSeedingAsync(TempDatabase temp)
    {
        var database = await temp.MigrateAsync();
        await new SqlDemoSeed(database, TimeProvider.System).StartAsync(CancellationToken.None);
        await new SqlPeopleStore(database, TimeProvider.System, InitialAdmins.None).AddAsync(
            new NewPerson("Maya Ops", "maya", "maya.ops@demo.productops.dev", "Europe/London", new HashSet<Role> { Role.Admin }, [new ChatIdentity(Platforms.DevChat, "local", "maya")]),
            CancellationToken.None);
    }

    private static async Task<(long Rows, long Unfinished)> SeedRowsAsync(TempDatabase temp) =>
        (await CountAsync(temp, "SELECT COUNT(*) FROM demo_seed;"), await CountAsync(temp, "SELECT COUNT(*) FROM demo_seed WHERE finished_at IS NULL;"));

    private static async Task<long> CountAsync(TempDatabase temp, string sql)
    {
        await using var connection = await temp.Database.OpenAsync(CancellationToken.None);
        return await connection.ExecuteScalarAsync<long>(sql);
    }

    private sealed class App(TempDatabase database, bool demo) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Development");
            builder.UseSetting("ConnectionStrings:" + StorageSetup.ConnectionName, database.ConnectionString);
            builder.UseSetting("ProductOps:DemoData", demo ? "true" : "false");
        }
    }
}
