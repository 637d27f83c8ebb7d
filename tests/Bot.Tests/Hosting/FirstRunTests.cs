using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using ProductOps.Bot.Hosting;
using ProductOps.Bot.Tests.TestKit;
using ProductOps.Skills.Admin;
using ProductOps.Skills.Conversation;

namespace ProductOps.Bot.Tests.Hosting;

/// <summary>
/// The bot as a new user meets it: the real app, real stores over a fresh SQLite file, demo data
/// seeded, talked to through the dev chat API.
/// </summary>
public sealed class FirstRunTests : IClassFixture<FirstRunTests.DemoApp>
{
    private readonly DemoApp _app;
    private readonly DevChatClient _chat;

    public FirstRunTests(DemoApp app)
    {
        _app = app;
        _chat = new DevChatClient(app.CreateClient());
    }

    [Fact]
    public async Task Users_OnFirstRun_AreTheDemoOrganisationCoveringEveryRole()
    {
        var users = await _chat.GetJsonAsync("/devchat/api/users");

        var roles = users.EnumerateArray().SelectMany(u => u.GetProperty("roles").EnumerateArray().Select(r => r.GetString()!)).ToHashSet();
        Assert.InRange(users.GetArrayLength(), 8, 15);
        Assert.Equal(RoleNames.Keys.ToHashSet(), roles);
    }

    [Fact]
    public void Settings_FromTheRepositoryAppsettings_AreLoaded()
    {
        var configuration = _app.Services.GetRequiredService<IConfiguration>();

        Assert.Equal("maya.ops@demo.productops.dev", configuration["ProductOps:Admins:0"]);
        Assert.Equal("Warning", configuration["Logging:LogLevel:Quartz"]);
    }

    [Fact]
    public async Task Help_ListsTheAdminCommandsWithExamples()
    {
        var text = await SayAsync("priya", "/productops help");

        Assert.Contains("/productops whoami", text, StringComparison.Ordinal);
        Assert.Contains("e.g. /productops area add \"Payments\" owner=@priya", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WhoAmI_ForADemoPm_ShowsTheirRole()
    {
        var text = await SayAsync("priya", "productops whoami");

        Assert.Contains("Roles: PM", text, StringComparison.Ordinal);
        Assert.Contains("Time zone: Europe/London", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AdminOnlyCommand_FromAPm_IsRefusedNamingTheRole()
    {
        var text = await SayAsync("priya", "/productops area add \"Growth\" owner=@priya channel=#growth");

        Assert.Contains("/productops area add needs the admin role. You have PM.", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Growth", await SayAsync("priya", "/productops areas"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Form_MissingRequiredField_AnswersWithTheFieldError()
    {
        var response = await _chat.SubmitAsync("maya", TestSkill.FormId, new { notes = "no title given" });

        var json = await DevChatClient.JsonAsync(response);
        Assert.True(json.TryGetProperty("errors", out var errors), json.ToString());
        Assert.Contains("required", errors.GetProperty("title").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Healthz_OnFirstRun_BecomesHealthyAtTheLatestSchema()
    {
        var response = await HealthzOnceHealthyAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var database = json.RootElement.GetProperty("database");
        Assert.Equal(database.GetProperty("expectedSchemaVersion").GetInt32(), database.GetProperty("schemaVersion").GetInt32());
        Assert.Equal("Running", json.RootElement.GetProperty("scheduler").GetProperty("status").GetString());
    }

    [Fact]
    public async Task ProactiveMessage_ToAPerson_ArrivesInTheirDevChatInboxOnce()
    {
        var people = _app.Services.GetRequiredService<IPeopleStore>();
        var lena = (await people.FindByHandleAsync("lena", CancellationToken.None))!;
        var outbox = _app.Services.GetRequiredService<IOutbox>();
        var message = new OutboundMessage("first-run:nudge:lena", new PersonRecipient(lena.Id), Reply.Say("Your roadmap check-in is due Friday."));

        await outbox.EnqueueAsync(message, CancellationToken.None);
        await outbox.EnqueueAsync(message, CancellationToken.None);

        var inbox = await WaitForInboxAsync("lena");
        Assert.Single(inbox.EnumerateArray(), m => m.GetProperty("text").GetString() == "Your roadmap check-in is due Friday.");
    }

    /// <summary>
    /// The scheduler starts once the app has (Quartz waits for the application-started signal), so a
    /// request right after start-up may see it still starting; a few seconds is what a first run may take.
    /// </summary>
    private async Task<HttpResponseMessage> HealthzOnceHealthyAsync()
    {
        var client = _app.CreateClient();
        for (var i = 0; i < 100; i++)
        {
            var response = await client.GetAsync("/healthz");
            if (response.StatusCode == HttpStatusCode.OK)
            {
                return response;
            }

            await Task.Delay(50);
        }

        return await client.GetAsync("/healthz");
    }

    private async Task<JsonElement> WaitForInboxAsync(string user)
    {
        for (var i = 0; i < 100; i++)
        {
            var inbox = await _chat.GetJsonAsync("/devchat/api/inbox?user=" + user);
            if (inbox.GetArrayLength() > 0)
            {
                await Task.Delay(200);
                return await _chat.GetJsonAsync("/devchat/api/inbox?user=" + user);
            }

            await Task.Delay(50);
        }

        throw new TimeoutException("Nothing arrived in the inbox within 5 seconds.");
    }

    private async Task<string> SayAsync(string user, string text)
    {
        var json = await DevChatClient.JsonAsync(await _chat.SayAsync(user, text));
        return string.Join("\n", json.GetProperty("replies").EnumerateArray().Select(r => r.GetProperty("text").GetString()));
    }

    /// <summary>The app with demo data and real stores; the test skill adds a form with a required field.</summary>
    public sealed class DemoApp : WebApplicationFactory<Program>
    {
        private readonly TempDatabase _database = new();

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Development");
            builder.UseSetting("ConnectionStrings:" + StorageSetup.ConnectionName, _database.ConnectionString);
            builder.UseSetting("ProductOps:DemoData", "true");
            builder.ConfigureTestServices(services => services.AddSkill(new TestSkill()));
        }

        protected override void Dispose(bool disposing)
        {
            base.Dispose(disposing);
            if (disposing)
            {
                _database.Dispose();
            }
        }
    }
}
