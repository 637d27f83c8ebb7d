using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ProductOps.Bot.Hosting;
using ProductOps.Bot.Teams;
using ProductOps.Bot.Tests.TestKit;

namespace ProductOps.Bot.Tests.Teams.TestKit;

/// <summary>
/// The real app with Teams configured against <see cref="FakeBotFramework"/> and <see cref="FakeGraph"/>:
/// signed tokens from <see cref="TestTokens"/>, the real SQLite people store, the test skill.
/// </summary>
public sealed class TeamsFactory : ProductOpsFactory
{
    public TeamsFactory()
        : this(4.0)
    {
    }

    private TeamsFactory(double invokeBudgetSeconds, params (string Key, string Value)[] more)
        : base(
        [
            ("Teams:AppId", TestTokens.AppId),
            ("Teams:AppPassword", "test-password"),
            ("Teams:OpenIdMetadataUrl", FakeBotFramework.MetadataUrl),
            ("Teams:TokenEndpoint", FakeBotFramework.TokenEndpoint),
            ("Teams:InvokeBudgetSeconds", invokeBudgetSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ("Teams:GraphBaseUrl", FakeGraph.BaseUrl),
            ("Teams:GraphTokenEndpoint", FakeGraph.TokenEndpoint),
            .. more,
        ])
    {
        BotFramework = new FakeBotFramework(Tokens);
    }

    public TestTokens Tokens { get; } = new();

    public FakeBotFramework BotFramework { get; }

    public FakeGraph Graph { get; } = new();

    /// <summary>What the app logged at Warning and above.</summary>
    public LogRecorder Logs { get; } = new();

    protected override bool UsesFakePeople => false;

    /// <summary>An app whose invokes may take <paramref name="seconds"/> before Teams gets a placeholder.</summary>
    public static TeamsFactory WithInvokeBudget(double seconds) => new(seconds);

    /// <summary>An app over a database that outlives it: a second one over the same database is the bot after a restart.</summary>
    public static TeamsFactory Over(string connectionString) => new(4.0, ("ConnectionStrings:" + StorageSetup.ConnectionName, connectionString));

    /// <summary>Posts an activity with a valid token for its service URL, unless a token is given.</summary>
    public async Task<HttpResponseMessage> PostAsync(JsonObject activity, string? token = null)
    {
        var client = CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, TeamsEndpoint.Path)
        {
            Content = new StringContent(activity.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token ?? Tokens.Issue((string)activity["serviceUrl"]!));
        return await client.SendAsync(request);
    }

    public async Task<JsonObject> InvokeAsync(JsonObject activity)
    {
        using var response = await PostAsync(activity);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {text}");
        return JsonNode.Parse(text)!.AsObject();
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureLogging(logging => logging.AddProvider(Logs));
        builder.ConfigureTestServices(services =>
        {
            services.AddHttpClient(TeamsSetup.HttpClientName)
                .ConfigurePrimaryHttpMessageHandler(() => BotFramework)
                .SetHandlerLifetime(Timeout.InfiniteTimeSpan);
            services.AddHttpClient(TeamsSetup.GraphClientName)
                .ConfigurePrimaryHttpMessageHandler(() => Graph)
                .SetHandlerLifetime(Timeout.InfiniteTimeSpan);
            services.AddSkill(new SlowSkill());
        });
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            Tokens.Dispose();
            BotFramework.Dispose();
            Graph.Dispose();
            Logs.Dispose();
        }
    }
}
