using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using ProductOps.Bot.Tests.TestKit;
using ProductOps.Skills.Admin;
using ProductOps.Skills.Importing;

namespace ProductOps.Bot.Tests.Api;

public sealed class ApiTokenTests : IDisposable
{
    private readonly WidgetImport _widgets = new();
    private readonly ApiFactory _factory;

    public ApiTokenTests()
    {
        _factory = new ApiFactory(_widgets);
    }

    [Fact]
    public async Task Import_WithoutToken_Is401AndImportsNothing()
    {
        var response = await _factory.CreateClient().PostAsync("/api/widgets", Csv("name\nsprocket"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("Missing API token", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty(_widgets.Imported);
    }

    [Fact]
    public async Task Import_WithValidToken_RunsAndNamesTheTokenAsActor()
    {
        var client = await ClientWithTokenAsync("crm sync");

        var response = await client.PostAsync("/api/widgets", Csv("name\nsprocket\ngear"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(2, json.RootElement.GetProperty("added").GetInt32());
        Assert.Equal(["sprocket", "gear"], _widgets.Imported);
        Assert.Equal("API token \"crm sync\"", _widgets.LastActor);
    }

    [Fact]
    public async Task Import_WithRevokedToken_Is401()
    {
        var client = await ClientWithTokenAsync("old");
        await _factory.Services.GetRequiredService<IApiTokenStore>().RevokeAsync("old", CancellationToken.None);

        var response = await client.PostAsync("/api/widgets", Csv("name\nsprocket"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("Invalid or revoked", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty(_widgets.Imported);
    }

    [Fact]
    public async Task Import_WithBadRows_Is422WithTheLinesAndImportsNothing()
    {
        var client = await ClientWithTokenAsync("crm sync");

        var response = await client.PostAsync("/api/widgets", Csv("name\nsprocket\n\ngear"));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("line 3: name is empty", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty(_widgets.Imported);
    }

    [Fact]
    public async Task Import_PartialWithBadRows_ImportsTheGoodOnes()
    {
        var client = await ClientWithTokenAsync("crm sync");

        var response = await client.PostAsync("/api/widgets?partial=true", Csv("name\nsprocket\n\ngear"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["sprocket", "gear"], _widgets.Imported);
    }

    [Fact]
    public async Task Import_BodyOverTheLimit_Is413()
    {
        var client = await ClientWithTokenAsync("crm sync");

        var response = await client.PostAsync("/api/widgets", Csv("name\n" + new string('x', 1024 * 1024 + 10)));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Empty(_widgets.Imported);
    }

    public void Dispose() => _factory.Dispose();

    private static StringContent Csv(string text) => new(text, Encoding.UTF8, "text/csv");

    private async Task<HttpClient> ClientWithTokenAsync(string name)
    {
        var (token, hash, prefix) = ApiTokens.New();
        await _factory.Services.GetRequiredService<IApiTokenStore>().AddAsync(name, hash, prefix, "Maya Ops", CancellationToken.None);
        var client = _factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    private sealed class ApiFactory(WidgetImport widgets) : ProductOpsFactory(("Api:MaxBodyMegabytes", "1"))
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(services => services.AddSingleton<ICsvImport>(widgets));
        }
    }
}
