using System.Net;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using ProductOps.Bot.Outbox;
using ProductOps.Bot.Teams;
using ProductOps.Bot.Teams.Connector;
using ProductOps.Bot.Tests.Teams.TestKit;
using ProductOps.Bot.Tests.TestKit;
using ProductOps.Skills.Conversation;
using ProductOps.Storage.Teams;

namespace ProductOps.Bot.Tests.Teams;

public sealed class TeamsSenderTests : IDisposable
{
    private const string Tenant = "197231joe-1209j01821-012kdjoj";
    private const string ServiceUrl = "https://smba.trafficmanager.net/amer/";

    private readonly TempDatabase _database = new();
    private readonly TestTokens _tokens = new();
    private readonly FakeBotFramework _fake;
    private readonly FakeClock _clock = new(TimeProvider.System.GetUtcNow());
    private readonly FakePeopleStore _people = new();
    private readonly RecordingOutbox _outbox = new();
    private readonly ConnectorPacing _pacing = new(TimeProvider.System);
    private SqlTeamsReferences _references = null!;

    public TeamsSenderTests()
    {
        _fake = new FakeBotFramework(_tokens);
    }

    [Fact]
    public async Task Send_PersonWithoutChat_CreatesOneOnOneChatThenSends()
    {
        var (sender, identity) = await ArrangeAsync(personalChat: null);

        var result = await sender.SendAsync(Delivery(identity), CancellationToken.None);

        var calls = _fake.ConnectorCalls.ToArray();
        var expected = TeamsFixture.Json("outbound_create_conversation_1to1.request.json");
        var create = calls[0].Json;
        Assert.Equal(SendOutcome.Sent, result.Outcome);
        Assert.EndsWith("/v3/conversations", calls[0].Uri.AbsolutePath, StringComparison.Ordinal);
        Assert.Equal((string?)expected["members"]![0]!["id"], (string?)create["members"]![0]!["id"]);
        Assert.Equal((string?)expected["channelData"]!["tenant"]!["id"], (string?)create["channelData"]!["tenant"]!["id"]);
        Assert.Equal("28:" + TestTokens.AppId, (string?)create["bot"]!["id"]);
        var createdId = (string)TeamsFixture.Json("outbound_create_conversation_1to1.response.json")["id"]!;
        Assert.Equal($"/amer/v3/conversations/{Uri.EscapeDataString(createdId)}/activities", calls[1].Uri.AbsolutePath);
        Assert.Equal(createdId, (await _references.FindUserAsync(Tenant, "aad-1", CancellationToken.None))?.PersonalConversationId);
    }

    [Fact]
    public async Task Send_PersonWithChat_SendsThereWithToken()
    {
        var (sender, identity) = await ArrangeAsync(personalChat: "a:known");

        var result = await sender.SendAsync(Delivery(identity), CancellationToken.None);

        var call = Assert.Single(_fake.ConnectorCalls);
        Assert.Equal(SendOutcome.Sent, result.Outcome);
        Assert.Equal("/amer/v3/conversations/a%3Aknown/activities", call.Uri.AbsolutePath);
        Assert.Equal("Bearer DUMMY.ACCESS.TOKEN", call.Authorization);
        Assert.Contains("Your check-in is due.", call.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Send_ConnectionDropped_AsksForRetry()
    {
        var (sender, identity) = await ArrangeAsync(personalChat: "a:known");
        _fake.DropConnection();

        var result = await sender.SendAsync(Delivery(identity), CancellationToken.None);

        Assert.Equal(SendOutcome.Retry, result.Outcome);
    }

    [Fact]
    public async Task Send_Throttled_RetriesAfterRetryAfter()
    {
        var (sender, identity) = await ArrangeAsync(personalChat: "a:known");
        _fake.Answer(HttpStatusCode.TooManyRequests, retryAfter: TimeSpan.FromSeconds(7));

        var result = await sender.SendAsync(Delivery(identity), CancellationToken.None);

        Assert.Equal(SendOutcome.Retry, result.Outcome);
        Assert.Equal(TimeSpan.FromSeconds(7), result.RetryAfter);
    }

    [Theory]
    [InlineData(HttpStatusCode.PreconditionFailed)]
    [InlineData(HttpStatusCode.BadGateway)]
    [InlineData(HttpStatusCode.ServiceUnavailable)]
    [InlineData(HttpStatusCode.GatewayTimeout)]
    public async Task Send_PassingFailure_Retries(HttpStatusCode status)
    {
        var (sender, identity) = await ArrangeAsync(personalChat: "a:known");
        _fake.Answer(status);

        var result = await sender.SendAsync(Delivery(identity), CancellationToken.None);

        Assert.Equal(SendOutcome.Retry, result.Outcome);
    }

    [Fact]
    public async Task Send_UserBlockedBot_FailsMarksUnreachableAndTellsAdminsOnce()
    {
        var (sender, identity) = await ArrangeAsync(personalChat: "a:known");
        _fake.Answer(HttpStatusCode.Forbidden, """{"error":{"code":"Forbidden","message":"blocked","subCode":"MessageWritesBlocked"}}""");

        var result = await sender.SendAsync(Delivery(identity), CancellationToken.None);
        var again = await sender.SendAsync(Delivery(identity), CancellationToken.None);

        Assert.Equal(SendOutcome.Failed, result.Outcome);
        Assert.Equal(SendOutcome.Failed, again.Outcome);
        Assert.Single(_fake.ConnectorCalls);
        Assert.NotNull((await _references.FindUserAsync(Tenant, "aad-1", CancellationToken.None))?.BlockedAt);
        var told = Assert.Single(_outbox.Messages);
        Assert.Equal(new PersonRecipient(_people.Named("maya").Id), told.To);
        Assert.Contains("blocked or uninstalled", told.Reply.Fallback, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Send_TooLarge_Fails()
    {
        var (sender, identity) = await ArrangeAsync(personalChat: "a:known");
        _fake.Answer(HttpStatusCode.RequestEntityTooLarge, """{"error":{"code":"MessageSizeTooBig"}}""");

        var result = await sender.SendAsync(Delivery(identity), CancellationToken.None);

        Assert.Equal(SendOutcome.Failed, result.Outcome);
        Assert.Contains("too large", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Send_PersonNeverSeenInTeams_FailsWithReason()
    {
        var (sender, _) = await ArrangeAsync(personalChat: null);

        var result = await sender.SendAsync(Delivery(new ChatIdentity(Platforms.Teams, Tenant, "aad-unknown")), CancellationToken.None);

        Assert.Equal(SendOutcome.Failed, result.Outcome);
        Assert.Empty(_fake.ConnectorCalls);
    }

    [Fact]
    public async Task Send_ChannelByName_PostsToInstalledChannel()
    {
        var (sender, _) = await ArrangeAsync(personalChat: null);
        await _references.SaveConversationAsync(
            new TeamsConversation("19:chan@thread.tacv2", Tenant, "channel", ServiceUrl, "28:bot", "19:team@thread.tacv2", "Payments-Feedback"), CancellationToken.None);

        var result = await sender.SendAsync(
            new Delivery("k2", new ChannelRecipient("#payments-feedback", Platforms.Teams), null, Reply.Say("Digest")), CancellationToken.None);

        Assert.Equal(SendOutcome.Sent, result.Outcome);
        Assert.Equal("/amer/v3/conversations/19%3Achan%40thread.tacv2/activities", Assert.Single(_fake.ConnectorCalls).Uri.AbsolutePath);
    }

    [Fact]
    public async Task Token_TwoSendsThenExpiry_FetchedOnceThenAgain()
    {
        var (sender, identity) = await ArrangeAsync(personalChat: "a:known");

        await sender.SendAsync(Delivery(identity), CancellationToken.None);
        await sender.SendAsync(Delivery(identity), CancellationToken.None);
        var cached = _fake.TokenRequests;
        _clock.Advance(TimeSpan.FromMinutes(56));
        await sender.SendAsync(Delivery(identity), CancellationToken.None);

        Assert.Equal(1, cached);
        Assert.Equal(2, _fake.TokenRequests);
    }

    [Fact]
    public async Task Connector_UntrustedServiceUrl_RefusesWithoutCalling()
    {
        var connector = Connector(new TrustedServiceUrls());

        await Assert.ThrowsAsync<InvalidOperationException>(() =>
            connector.SendAsync("https://attacker.example/", "a:1", new Activity { Type = "message" }, CancellationToken.None));

        Assert.Empty(_fake.Calls);
    }

    public void Dispose()
    {
        _fake.Dispose();
        _tokens.Dispose();
        _database.Dispose();
    }

    private async Task<(TeamsSender Sender, ChatIdentity Identity)> ArrangeAsync(string? personalChat)
    {
        var database = await _database.MigrateAsync();
        _references = new SqlTeamsReferences(database, _clock);
        await _references.SeenAsync(new TeamsUser(Tenant, "aad-1", "29:012d20j1cjo20211", "aad-1", "Rido", ServiceUrl, PersonalConversationId: personalChat), CancellationToken.None);
        var trusted = new TrustedServiceUrls();
        var connector = Connector(trusted);
        var options = Options.Create(Settings());
        var directory = new TeamsDirectory(_references, connector, trusted, options, _clock, NullLogger<TeamsDirectory>.Instance);
        var blocked = new TeamsBlockedUsers(_references, _people, _outbox, NullLogger<TeamsBlockedUsers>.Instance);
        var sender = new TeamsSender(_references, directory, connector, trusted, blocked, options);
        return (sender, new ChatIdentity(Platforms.Teams, Tenant, "aad-1"));
    }

    private ConnectorClient Connector(TrustedServiceUrls trusted)
    {
        var http = new FakeHttpClients(_fake);
        var tokens = new BotTokenProvider(http, Options.Create(Settings()), _clock, NullLogger<BotTokenProvider>.Instance);
        return new ConnectorClient(http, tokens, trusted, _pacing, NullLogger<ConnectorClient>.Instance);
    }

    private static TeamsOptions Settings() => new()
    {
        AppId = TestTokens.AppId,
        AppPassword = "test-password",
        TokenEndpoint = FakeBotFramework.TokenEndpoint,
    };

    private static Delivery Delivery(ChatIdentity identity) =>
        new("k1", new PersonRecipient(1), identity, Reply.Say("Your check-in is due."));
}
