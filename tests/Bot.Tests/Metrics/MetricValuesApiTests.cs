using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using ProductOps.Bot.Tests.TestKit;
using ProductOps.Skills.Admin;
using ProductOps.Skills.Conversation;
using ProductOps.Skills.Metrics;

namespace ProductOps.Bot.Tests.Metrics;

public sealed class MetricValuesApiTests : IDisposable
{
    private readonly ProductOpsFactory _factory = new(("Api:MaxBodyMegabytes", "1"));

    [Fact]
    public async Task PostJson_WithToken_UpsertsAndReportsCounts()
    {
        var client = await ClientWithMetricAsync();
        const string body = """{"values":[{"date":"2026-01-01","value":100,"dimensions":{"segment":"smb"}},{"date":"2026-01-02","value":"110.5","dimensions":{"segment":"smb"}}]}""";

        var first = await client.PostAsync("/api/metrics/arr/values", Json(body));
        var again = await client.PostAsync("/api/metrics/arr/values", Json(body));

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal((2, 0), await CountsAsync(first));
        Assert.Equal((0, 2), await CountsAsync(again));
        Assert.Equal(new DateOnly(2026, 1, 2), (await Catalog.FindAsync("arr", CancellationToken.None))!.LastDate);
    }

    [Fact]
    public async Task PostCsv_WithToken_Upserts()
    {
        var client = await ClientWithMetricAsync();

        var response = await client.PostAsync("/api/metrics/arr/values", Csv("date,value,segment\n2026-01-01,100,smb\n2026-01-01,900,enterprise\n"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal((2, 0), await CountsAsync(response));
    }

    [Fact]
    public async Task Post_WithoutOrWithRevokedToken_Is401AndStoresNothing()
    {
        var client = await ClientWithMetricAsync();
        var anonymous = _factory.CreateClient();
        await _factory.Services.GetRequiredService<IApiTokenStore>().RevokeAsync("dbt nightly", CancellationToken.None);

        var missing = await anonymous.PostAsync("/api/metrics/arr/values", Csv("date,value\n2026-01-01,1\n"));
        var revoked = await client.PostAsync("/api/metrics/arr/values", Csv("date,value\n2026-01-01,1\n"));

        Assert.Equal(HttpStatusCode.Unauthorized, missing.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, revoked.StatusCode);
        Assert.Null((await Catalog.FindAsync("arr", CancellationToken.None))!.LastDate);
    }

    [Fact]
    public async Task Post_BadRows_Is422WithReasonsAndStoresNothing()
    {
        var client = await ClientWithMetricAsync();
        const string body = """{"values":[{"date":"2026-01-01","value":1},{"date":"2026-13-01","value":2},{"date":"2026-01-03","value":3,"dimensions":{"plan":"pro"}}]}""";

        var response = await client.PostAsync("/api/metrics/arr/values", Json(body));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var text = await MessageAsync(response);
        Assert.Contains("item 2: the date \"2026-13-01\" is not a date", text, StringComparison.Ordinal);
        Assert.Contains("item 3: arr has no dimension \"plan\"; its dimensions are segment.", text, StringComparison.Ordinal);
        Assert.Null((await Catalog.FindAsync("arr", CancellationToken.None))!.LastDate);
    }

    [Theory]
    [InlineData("{\"values\": [", "The body is not valid JSON")]
    [InlineData("{\"rows\": []}", "The JSON needs a \"values\" array")]
    [InlineData("[1]", "Item 1 of \"values\" is not an object.")]
    public async Task PostJson_Malformed_Is400WithTheFix(string body, string expected)
    {
        var client = await ClientWithMetricAsync();

        var response = await client.PostAsync("/api/metrics/arr/values", Json(body));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(expected, await MessageAsync(response), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_UnknownMetric_Is404WithSuggestion()
    {
        var client = await ClientWithMetricAsync();

        var response = await client.PostAsync("/api/metrics/arrr/values", Csv("date,value\n2026-01-01,1\n"));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("There is no metric \"arrr\" in the catalogue. Did you mean arr?", await MessageAsync(response), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_BodyOverTheLimit_Is413()
    {
        var client = await ClientWithMetricAsync();

        var response = await client.PostAsync("/api/metrics/arr/values", Csv("date,value\n" + new string('1', (1024 * 1024) + 10)));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task Post_OtherContentType_Is415()
    {
        var client = await ClientWithMetricAsync();

        var response = await client.PostAsync("/api/metrics/arr/values", new StringContent("date,value", Encoding.UTF8, "text/plain"));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
    }

    [Fact]
    public async Task ImportEndpoint_MetricsKind_ImportsCsvForAnyMetric()
    {
        var client = await ClientWithMetricAsync();

        var response = await client.PostAsync("/api/metrics", Csv("metric,date,value,segment\narr,2026-01-01,5,smb\n"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal((1, 0), await CountsAsync(response));
    }

    [Fact]
    public async Task ImportEndpoint_OkrsKind_ImportsObjectivesAndNamesTheTokenInTheAudit()
    {
        var client = await ClientWithMetricAsync();
        await _factory.Services.GetRequiredService<IPeopleStore>().AddAsync(
            new NewPerson("Priya Patel", "priya", "priya@example.com", null, new HashSet<Role> { Role.Pm }, []), CancellationToken.None);

        var response = await client.PostAsync(
            "/api/okrs", Csv("objective,quarter,team,owner,key_result,metric,target\nGrow,2026-Q1,Payments,priya@example.com,ARR,arr,900\nGrow,2026-Q1,,,Logos,,20\n"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal((2, 0), await CountsAsync(response));
        var objective = Assert.Single(await _factory.Services.GetRequiredService<IOkrStore>().ListAsync(new Quarter(2026, 1), CancellationToken.None));
        Assert.Equal(["ARR", "Logos"], objective.KeyResults.Select(k => k.Title));
        var audit = await _factory.Services.GetRequiredService<IAuditLog>().LatestAsync(1, CancellationToken.None);
        Assert.Equal((OkrImport.AuditAction, "API token \"dbt nightly\""), (audit[0].Action, audit[0].ActorName));
    }

    [Fact]
    public async Task ImportEndpoint_BadPartialOrJsonBody_RefusedSayingWhatItTakes()
    {
        var client = await ClientWithMetricAsync();

        var badPartial = await client.PostAsync("/api/okrs?partial=maybe", Csv("objective,quarter\n"));
        var json = await client.PostAsync("/api/okrs", new StringContent("{}", Encoding.UTF8, "application/json"));
        var rejected = await client.PostAsync("/api/okrs", Csv("objective,quarter,team,owner,key_result,target\nGrow,2026-Q9,Payments,nobody,ARR,900\n"));

        Assert.Equal(HttpStatusCode.BadRequest, badPartial.StatusCode);
        Assert.Contains("partial=maybe is not true or false", await badPartial.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, json.StatusCode);
        Assert.Contains("This endpoint takes CSV (Content-Type: text/csv) with the columns", await json.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.UnprocessableEntity, rejected.StatusCode);
        Assert.Contains("import the good rows with ?partial=true", await rejected.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Post_AfterTheCatalogueWasRead_ListShowsTheNewLastDate()
    {
        var client = await ClientWithMetricAsync();
        Assert.Null(Assert.Single(await Catalog.ListAsync(CancellationToken.None)).LastDate);

        var response = await client.PostAsync("/api/metrics/arr/values", Csv("date,value,segment\n2026-01-03,100,smb\n"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(new DateOnly(2026, 1, 3), Assert.Single(await Catalog.ListAsync(CancellationToken.None)).LastDate);
    }

    public void Dispose() => _factory.Dispose();

    private IMetricCatalog Catalog => _factory.Services.GetRequiredService<IMetricCatalog>();

    private static StringContent Csv(string text) => new(text, Encoding.UTF8, "text/csv");

    private static StringContent Json(string text) => new(text, Encoding.UTF8, "application/json");

    private static async Task<(int Added, int Updated)> CountsAsync(HttpResponseMessage response)
    {
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return (json.RootElement.GetProperty("added").GetInt32(), json.RootElement.GetProperty("updated").GetInt32());
    }

    /// <summary>The error of a refusal, or the summary of an import report.</summary>
    private static async Task<string> MessageAsync(HttpResponseMessage response)
    {
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return (json.RootElement.TryGetProperty("error", out var error) ? error : json.RootElement.GetProperty("summary")).GetString()!;
    }

    private async Task<HttpClient> ClientWithMetricAsync()
    {
        var client = _factory.CreateClient();
        await Catalog.SaveAsync(
            new MetricDraft("arr", "ARR", [], "Annual recurring revenue.", MetricUnit.Currency, MetricDirection.UpIsGood, 1, ["segment"], new HashSet<Role>(), null, "dbt"),
            CancellationToken.None);
        var (token, hash, prefix) = ApiTokens.New();
        await _factory.Services.GetRequiredService<IApiTokenStore>().AddAsync("dbt nightly", hash, prefix, "Maya Ops", CancellationToken.None);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }
}
