using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using ProductOps.Bot.Teams;
using ProductOps.Bot.Teams.Auth;
using ProductOps.Bot.Tests.Teams.TestKit;
using ProductOps.Bot.Tests.TestKit;

namespace ProductOps.Bot.Tests.Teams;

public sealed class TeamsAuthenticationTests : IClassFixture<TeamsFactory>
{
    private const string ServiceUrl = "https://smba.trafficmanager.net/amer/50612dbb-0237-4969-b378-8d42590f9c00/";
    private readonly TeamsFactory _factory;

    public TeamsAuthenticationTests(TeamsFactory factory)
    {
        _factory = factory;
    }

    public enum Bad
    {
        WrongAudience,
        WrongIssuer,
        Expired,
        NotYetValid,
        UnknownKey,
        BadSignature,
        MissingEndorsement,
        ServiceUrlMismatch,
        NoHeader,
        NotBearer,
    }

    [Fact]
    public async Task Post_ValidToken_Returns200()
    {
        var response = await _factory.PostAsync(Typing());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData(Bad.WrongAudience)]
    [InlineData(Bad.WrongIssuer)]
    [InlineData(Bad.Expired)]
    [InlineData(Bad.NotYetValid)]
    [InlineData(Bad.UnknownKey)]
    [InlineData(Bad.BadSignature)]
    [InlineData(Bad.MissingEndorsement)]
    [InlineData(Bad.ServiceUrlMismatch)]
    [InlineData(Bad.NoHeader)]
    [InlineData(Bad.NotBearer)]
    public async Task Post_BadToken_Returns401AndProcessesNothing(Bad bad)
    {
        var now = TimeProvider.System.GetUtcNow();
        var tokens = _factory.Tokens;
        var token = bad switch
        {
            Bad.WrongAudience => tokens.Issue(ServiceUrl, audience: Guid.NewGuid().ToString()),
            Bad.WrongIssuer => tokens.Issue(ServiceUrl, issuer: "https://sts.windows.net/not-the-bot-framework/"),
            Bad.Expired => tokens.Issue(ServiceUrl, notBefore: now.AddHours(-2), expires: now.AddMinutes(-6)),
            Bad.NotYetValid => tokens.Issue(ServiceUrl, notBefore: now.AddMinutes(6), expires: now.AddHours(1)),
            Bad.UnknownKey => tokens.Issue(ServiceUrl, signer: TestTokens.Signer.Unknown),
            Bad.BadSignature => tokens.Issue(ServiceUrl, signer: TestTokens.Signer.Rogue),
            Bad.MissingEndorsement => tokens.Issue(ServiceUrl, signer: TestTokens.Signer.Unendorsed),
            Bad.ServiceUrlMismatch => tokens.Issue("https://attacker.example/"),
            _ => null,
        };
        var message = TeamsFixture.Json("message_channel_mention.json");
        message["id"] = "auth-" + bad;
        var client = _factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, TeamsEndpoint.Path) { Content = new StringContent(message.ToJsonString()) };
        if (bad == Bad.NotBearer)
        {
            request.Headers.TryAddWithoutValidation("Authorization", "Basic dXNlcjpwYXNz");
        }
        else if (token is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + token);
        }

        var response = await client.SendAsync(request);
        await Task.Delay(200);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("", await response.Content.ReadAsStringAsync());
        Assert.DoesNotContain(_factory.BotFramework.ConnectorCalls, c => c.Uri.AbsoluteUri.Contains("auth-" + bad, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Post_NoAppIdConfigured_Returns401()
    {
        using var closed = new ProductOpsFactory(("Teams:AppId", ""));
        var client = closed.CreateClient();

        var response = await client.PostAsync(TeamsEndpoint.Path, new StringContent(Typing().ToJsonString()));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Theory]
    [InlineData(null, true, "127.0.0.1", true)]
    [InlineData(null, true, "::1", true)]
    [InlineData(null, true, "10.0.0.8", false)]
    [InlineData(null, false, "127.0.0.1", false)]
    [InlineData(TestTokens.AppId, true, "127.0.0.1", false)]
    public void AllowsAnonymous_ForSettingsAndAddress_Decides(string? appId, bool allowLoopback, string address, bool expected)
    {
        var options = new TeamsOptions { AppId = appId, AllowUnauthenticatedLoopback = allowLoopback };

        var allowed = TeamsAuthenticator.AllowsAnonymous(options, IPAddress.Parse(address));

        Assert.Equal(expected, allowed);
    }

    [Fact]
    public async Task Validate_TwoTokens_FetchesKeysOnce()
    {
        using var tokens = new TestTokens();
        using var fake = new FakeBotFramework(tokens);
        var authenticator = Authenticator(fake, new FakeClock(TimeProvider.System.GetUtcNow()));

        var first = await authenticator.ValidateAsync("Bearer " + tokens.Issue(ServiceUrl), CancellationToken.None);
        var second = await authenticator.ValidateAsync("Bearer " + tokens.Issue(ServiceUrl), CancellationToken.None);

        Assert.NotNull(first.Token);
        Assert.NotNull(second.Token);
        Assert.Equal(1, fake.MetadataRequests);
    }

    [Fact]
    public async Task Validate_SameTokenAfterItExpires_Refused()
    {
        using var tokens = new TestTokens();
        using var fake = new FakeBotFramework(tokens);
        var clock = new FakeClock(TimeProvider.System.GetUtcNow());
        var authenticator = Authenticator(fake, clock);
        var header = "Bearer " + tokens.Issue(ServiceUrl, notBefore: clock.GetUtcNow().AddMinutes(-1), expires: clock.GetUtcNow().AddMinutes(30));
        var first = await authenticator.ValidateAsync(header, CancellationToken.None);
        var again = await authenticator.ValidateAsync(header, CancellationToken.None);
        clock.Advance(TimeSpan.FromMinutes(36));

        var expired = await authenticator.ValidateAsync(header, CancellationToken.None);

        Assert.NotNull(first.Token);
        Assert.Equal(first.Token, again.Token);
        Assert.Null(expired.Token);
    }

    [Fact]
    public async Task Validate_KeysStaleAndMetadataDown_KeepsLastGoodKeys()
    {
        using var tokens = new TestTokens();
        using var fake = new FakeBotFramework(tokens);
        var clock = new FakeClock(TimeProvider.System.GetUtcNow());
        var authenticator = Authenticator(fake, clock);
        await authenticator.ValidateAsync("Bearer " + tokens.Issue(ServiceUrl), CancellationToken.None);
        fake.MetadataUp = false;
        clock.Advance(BotFrameworkKeys.MaxAge + TimeSpan.FromMinutes(1));

        var later = await authenticator.ValidateAsync(
            "Bearer " + tokens.Issue(ServiceUrl, notBefore: clock.GetUtcNow().AddMinutes(-1), expires: clock.GetUtcNow().AddHours(1)), CancellationToken.None);

        Assert.NotNull(later.Token);
        Assert.Equal(2, fake.MetadataRequests);
    }

    [Theory]
    [InlineData("""{"nokeys":[]}""")]
    [InlineData("""{"keys":{"kid":"k1"}}""")]
    [InlineData("""[{"kid":"k1"}]""")]
    [InlineData("""{"keys":[{"kid":42,"kty":"RSA"}]}""")]
    [InlineData("""{"keys":[]}""")]
    public async Task Validate_KeysStaleAndRefreshedDocumentMalformed_KeepsLastGoodKeys(string document)
    {
        using var tokens = new TestTokens();
        using var fake = new FakeBotFramework(tokens);
        var clock = new FakeClock(TimeProvider.System.GetUtcNow());
        var authenticator = Authenticator(fake, clock);
        await authenticator.ValidateAsync("Bearer " + tokens.Issue(ServiceUrl), CancellationToken.None);
        fake.KeysAnswer = document;
        clock.Advance(BotFrameworkKeys.MaxAge + TimeSpan.FromMinutes(1));

        var later = await authenticator.ValidateAsync(
            "Bearer " + tokens.Issue(ServiceUrl, notBefore: clock.GetUtcNow().AddMinutes(-1), expires: clock.GetUtcNow().AddHours(1)), CancellationToken.None);

        Assert.NotNull(later.Token);
        Assert.Equal(2, fake.MetadataRequests);
    }

    [Fact]
    public async Task Validate_FirstKeysDocumentMalformed_RefusesTheToken()
    {
        using var tokens = new TestTokens();
        using var fake = new FakeBotFramework(tokens) { KeysAnswer = """{"keys":"none"}""" };

        var result = await Authenticator(fake, new FakeClock(TimeProvider.System.GetUtcNow())).ValidateAsync("Bearer " + tokens.Issue(ServiceUrl), CancellationToken.None);

        Assert.Null(result.Token);
        Assert.Equal("unknown signing key", result.Reason);
    }

    [Fact]
    public async Task Validate_KeysDocumentWithUnreadableKeys_UsesTheOthers()
    {
        using var tokens = new TestTokens();
        var keys = tokens.Jwks();
        keys["keys"]!.AsArray().Insert(0, new JsonObject { ["kid"] = 7, ["kty"] = "RSA" });
        keys["keys"]!.AsArray().Insert(0, new JsonObject { ["kid"] = "unreadable", ["kty"] = "RSA", ["e"] = new JsonObject(), ["endorsements"] = new JsonArray(1, "msteams") });
        keys["keys"]!.AsArray().Insert(0, "not a key");
        using var fake = new FakeBotFramework(tokens) { KeysAnswer = keys.ToJsonString() };

        var result = await Authenticator(fake, new FakeClock(TimeProvider.System.GetUtcNow())).ValidateAsync("Bearer " + tokens.Issue(ServiceUrl), CancellationToken.None);

        Assert.NotNull(result.Token);
    }

    [Fact]
    public async Task Post_KeysDocumentMalformed_Returns401()
    {
        using var factory = new TeamsFactory();
        factory.BotFramework.KeysAnswer = """{"keys":[{"kid":{"not":"text"}}]}""";

        using var response = await factory.PostAsync(Typing());

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Validate_UnknownKidTwice_RefreshesOnceWithinGap()
    {
        using var tokens = new TestTokens();
        using var fake = new FakeBotFramework(tokens);
        var authenticator = Authenticator(fake, new FakeClock(TimeProvider.System.GetUtcNow()));

        await authenticator.ValidateAsync("Bearer " + tokens.Issue(ServiceUrl, signer: TestTokens.Signer.Unknown), CancellationToken.None);
        var second = await authenticator.ValidateAsync("Bearer " + tokens.Issue(ServiceUrl, signer: TestTokens.Signer.Unknown), CancellationToken.None);

        Assert.Null(second.Token);
        Assert.Equal("unknown signing key", second.Reason);
        Assert.Equal(1, fake.MetadataRequests);
    }

    [Fact]
    public async Task Mismatch_ValidTokenForFixtureActivity_IsNone()
    {
        using var tokens = new TestTokens();
        using var fake = new FakeBotFramework(tokens);
        var activity = TeamsFixture.Activity("message_channel_mention.json");
        var (token, _) = await Authenticator(fake, new FakeClock(TimeProvider.System.GetUtcNow()))
            .ValidateAsync("Bearer " + tokens.Issue(activity.ServiceUrl!.ToUpperInvariant()), CancellationToken.None);

        var mismatch = TeamsAuthenticator.Mismatch(token!, activity);

        Assert.Null(mismatch);
    }

    private static TeamsAuthenticator Authenticator(FakeBotFramework fake, TimeProvider clock)
    {
        var options = Options.Create(new TeamsOptions { AppId = TestTokens.AppId, AppPassword = "x", OpenIdMetadataUrl = FakeBotFramework.MetadataUrl });
        return new TeamsAuthenticator(new BotFrameworkKeys(new FakeHttpClients(fake), options, clock, NullLogger<BotFrameworkKeys>.Instance), options, clock);
    }

    private static JsonObject Typing() => new()
    {
        ["type"] = "typing",
        ["id"] = "typing-1",
        ["channelId"] = "msteams",
        ["serviceUrl"] = ServiceUrl,
        ["conversation"] = new JsonObject { ["id"] = "a:typing" },
    };
}
