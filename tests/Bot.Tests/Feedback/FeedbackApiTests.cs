using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using ProductOps.Bot.Tests.TestKit;
using ProductOps.Skills.Admin;
using ProductOps.Skills.Conversation;
using ProductOps.Skills.Feedback;
using ProductOps.Storage;
using ProductOps.Storage.People;

namespace ProductOps.Bot.Tests.Feedback;

public sealed class FeedbackApiTests : IDisposable
{
    private readonly ProductOpsFactory _factory = new();

    [Fact]
    public async Task List_WithValidToken_ReturnsFilteredPage()
    {
        var client = await ClientWithTokenAsync("bi");
        await SeedAsync("Invoices split by cost centre", "Invoices in euros", "Faster reports");

        var response = await client.GetAsync("/api/feedback?q=invoices&pageSize=1&page=2");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(2, json.RootElement.GetProperty("total").GetInt32());
        Assert.Equal(2, json.RootElement.GetProperty("pages").GetInt32());
        var item = Assert.Single(json.RootElement.GetProperty("items").EnumerateArray());
        Assert.StartsWith("Invoices", item.GetProperty("verbatim").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task List_WithBadFilter_Is400WithTheReason()
    {
        var client = await ClientWithTokenAsync("bi");

        var response = await client.GetAsync("/api/feedback?since=soon");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("since:soon is not a time", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task List_WithRevokedToken_Is401()
    {
        var client = await ClientWithTokenAsync("old");
        await _factory.Services.GetRequiredService<IApiTokenStore>().RevokeAsync("old", CancellationToken.None);

        var response = await client.GetAsync("/api/feedback");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task List_WithoutToken_Is401()
    {
        var response = await _factory.CreateClient().GetAsync("/api/feedback");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("Missing API token", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExportDownload_ServesCsvOnceThenGone()
    {
        var client = _factory.CreateClient();
        var person = await SeedAsync("ACH payments, please");
        await _factory.Services.GetRequiredService<IExportLinkStore>().CreateAsync(
            ExportFeedbackHandler.TokenHash("tok123"), new FeedbackQuery(), person.Id, DateTimeOffset.MaxValue, CancellationToken.None);

        var first = await client.GetAsync("/feedback/export/tok123");
        var second = await client.GetAsync("/feedback/export/tok123");

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal("text/csv", first.Content.Headers.ContentType?.MediaType);
        var csv = await first.Content.ReadAsStringAsync();
        Assert.StartsWith("id,created_at,submitter,area,account", csv, StringComparison.Ordinal);
        Assert.Contains("\"ACH payments, please\"", csv, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Gone, second.StatusCode);
    }

    public void Dispose() => _factory.Dispose();

    private async Task<Person> SeedAsync(params string[] words)
    {
        var people = new SqlPeopleStore(_factory.Services.GetRequiredService<Database>(), TimeProvider.System, InitialAdmins.None);
        var tom = await people.AddAsync(new NewPerson("Tom Becker", "tom", null, null, new HashSet<Role> { Role.Gtm }, []), CancellationToken.None);
        var items = _factory.Services.GetRequiredService<IFeedbackStore>();
        foreach (var w in words)
        {
            await items.AddAsync(new NewFeedback(tom.Id, null, null, "Acme", "feature-request", "important", null, w, null, null, true), TimeSpan.Zero, CancellationToken.None);
        }

        return tom;
    }

    private async Task<HttpClient> ClientWithTokenAsync(string name)
    {
        var client = _factory.CreateClient();
        var (token, hash, prefix) = ApiTokens.New();
        await _factory.Services.GetRequiredService<IApiTokenStore>().AddAsync(name, hash, prefix, "Maya Ops", CancellationToken.None);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }
}
