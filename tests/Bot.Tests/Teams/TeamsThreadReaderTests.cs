using System.Net;
using Microsoft.Extensions.Logging.Abstractions;
using ProductOps.Bot.Teams;
using ProductOps.Bot.Teams.Connector;
using ProductOps.Bot.Tests.Teams.TestKit;
using ProductOps.Skills.Conversation;
using ProductOps.Storage.Teams;

namespace ProductOps.Bot.Tests.Teams;

/// <summary>A channel thread's first message read from Microsoft Graph, against a fake Graph and Bot Connector.</summary>
public sealed class TeamsThreadReaderTests : IAsyncLifetime
{
    private const string Channel = "19:6848757105754c8981c67612732d9aa7@thread.tacv2";
    private const string Team = "19:66P469zibfbsGI-_a0aN_toLTZpyzS6u7CT3TsXdgPw1@thread.tacv2";
    private const string Root = "1759881511856";

    private TeamsParts _teams = null!;

    public async Task InitializeAsync()
    {
        _teams = await TeamsParts.StartAsync();
        await _teams.References.SaveConversationAsync(
            new TeamsConversation(Channel, TeamsParts.Tenant, "channel", TeamsParts.ServiceUrl, "28:" + TestTokens.AppId, Team, null), CancellationToken.None);
        _teams.Graph.Add(FakeGraph.GroupId, Channel, Root);
    }

    public Task DisposeAsync()
    {
        _teams.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task FirstMessage_TeamGroupKnown_ReadsTheRootFromGraphAsPlainTextWithAuthorAndLink()
    {
        await _teams.References.SetTeamGroupAsync(Team, FakeGraph.GroupId, CancellationToken.None);

        var root = await ReadAsync();

        var (uri, authorization) = Assert.Single(_teams.Graph.Reads);
        Assert.Equal($"/v1.0/teams/{FakeGraph.GroupId}/channels/19%3A6848757105754c8981c67612732d9aa7%40thread.tacv2/messages/{Root}", uri.AbsolutePath);
        Assert.Equal("Bearer GRAPH." + TeamsParts.Tenant, authorization);
        var form = Assert.Single(_teams.Graph.TokenForms);
        Assert.Equal(("client_credentials", TestTokens.AppId, "https://graph.microsoft.com/.default"), (form["grant_type"], form["client_id"], form["scope"]));
        var message = Assert.IsType<SharedMessage>(root.Message);
        Assert.Equal(
            "Acme Health can't export invoices to CSV & finance is furious.\nAsked by Sam Lee on the renewal call:\n\n- monthly export\n- per-clinic totals",
            message.Text);
        Assert.Equal(("Dana Reyes", "8ea0e38b-efb3-4757-924a-5f94061cf8c2"), (message.AuthorName, message.AuthorId));
        Assert.StartsWith("https://teams.microsoft.com/l/message/19%3A6848757105754c8981c67612732d9aa7%40thread.tacv2/1759881511856?", message.Link, StringComparison.Ordinal);
        Assert.Empty(_teams.BotFramework.ConnectorCalls);
    }

    [Fact]
    public async Task FirstMessage_TeamGroupUnknown_AsksTheTeamDetailsOnceAndKeepsTheAnswer()
    {
        _teams.BotFramework.TeamGroups[Team] = FakeGraph.GroupId;

        var first = await ReadAsync();
        var second = await ReadAsync();

        Assert.NotNull(first.Message);
        Assert.NotNull(second.Message);
        var details = Assert.Single(_teams.BotFramework.ConnectorCalls);
        Assert.Equal("/amer/v3/teams/19%3A66P469zibfbsGI-_a0aN_toLTZpyzS6u7CT3TsXdgPw1%40thread.tacv2", details.Uri.AbsolutePath);
        Assert.Equal(FakeGraph.GroupId, (await _teams.References.FindChannelAsync(Channel, CancellationToken.None))?.AadGroupId);
    }

    [Fact]
    public async Task FirstMessage_TeamDetailsUnknown_SaysTeamsWouldNotTell()
    {
        var root = await ReadAsync();

        Assert.Equal("Teams would not tell ProductOps which team this channel belongs to", root.Problem);
        Assert.Empty(_teams.Graph.Reads);
    }

    [Fact]
    public async Task FirstMessage_ChannelNeverSeen_SaysTheTeamIsUnknown()
    {
        var root = await ReadAsync(channel: "19:other@thread.tacv2");

        Assert.Equal("Teams did not say which team this channel belongs to", root.Problem);
    }

    [Fact]
    public async Task FirstMessage_PermissionNotGranted_SaysWhoCanAllowIt()
    {
        await _teams.References.SetTeamGroupAsync(Team, FakeGraph.GroupId, CancellationToken.None);
        _teams.Graph.Answer(HttpStatusCode.Forbidden);

        var root = await ReadAsync();

        Assert.Null(root.Message);
        Assert.StartsWith("ProductOps may not read this team's messages; a team owner can allow it by updating ProductOps in the team", root.Problem, StringComparison.Ordinal);
        Assert.Contains("ChannelMessage.Read.Group", root.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FirstMessage_NotFound_SaysItWasDeleted()
    {
        await _teams.References.SetTeamGroupAsync(Team, FakeGraph.GroupId, CancellationToken.None);

        var root = await ReadAsync(message: "1759000000000");

        Assert.Equal("it was deleted, or ProductOps cannot see it", root.Problem);
    }

    [Fact]
    public async Task FirstMessage_SoftDeleted_SaysItWasDeleted()
    {
        await _teams.References.SetTeamGroupAsync(Team, FakeGraph.GroupId, CancellationToken.None);
        var deleted = TeamsFixture.Json("graph_channel_message.json");
        deleted["deletedDateTime"] = "2025-10-08T09:00:00Z";
        deleted["body"]!["content"] = "";
        _teams.Graph.Add(FakeGraph.GroupId, Channel, Root, deleted);

        var root = await ReadAsync();

        Assert.Equal("it was deleted", root.Problem);
    }

    [Theory]
    [InlineData(HttpStatusCode.ServiceUnavailable, "Microsoft Graph failed (503); try again in a minute")]
    [InlineData(HttpStatusCode.TooManyRequests, "Microsoft Graph is busy; try again in a minute")]
    [InlineData(HttpStatusCode.BadRequest, "Microsoft Graph answered 400")]
    public async Task FirstMessage_GraphFails_SaysHow(HttpStatusCode status, string problem)
    {
        await _teams.References.SetTeamGroupAsync(Team, FakeGraph.GroupId, CancellationToken.None);
        _teams.Graph.Answer(status);

        var root = await ReadAsync();

        Assert.Equal(problem, root.Problem);
    }

    [Fact]
    public async Task FirstMessage_SignInRefused_SaysSoWithoutAskingGraph()
    {
        await _teams.References.SetTeamGroupAsync(Team, FakeGraph.GroupId, CancellationToken.None);
        _teams.Graph.SignsIn = false;

        var root = await ReadAsync();

        Assert.Equal("ProductOps could not sign in to Microsoft Graph (the sign-in answered 401)", root.Problem);
        Assert.Empty(_teams.Graph.Reads);
    }

    [Fact]
    public async Task Token_ManyReadsThenExpiry_OneTokenPerTenantUntilShortlyBeforeItExpires()
    {
        await _teams.References.SetTeamGroupAsync(Team, FakeGraph.GroupId, CancellationToken.None);
        using var tokens = Tokens();
        var reader = Reader(tokens);

        await ReadAsync(reader);
        await ReadAsync(reader);
        var cached = _teams.Graph.TokenRequests;
        _teams.Clock.Advance(TimeSpan.FromMinutes(54));
        await ReadAsync(reader);
        var stillCached = _teams.Graph.TokenRequests;
        _teams.Clock.Advance(TimeSpan.FromMinutes(2));
        await ReadAsync(reader);
        await ReadAsync(reader, asker: TeamsParts.Rido with { Tenant = "another-tenant" });

        Assert.Equal((1, 1, 3), (cached, stillCached, _teams.Graph.TokenRequests));
        Assert.Equal("Bearer GRAPH.another-tenant", _teams.Graph.Reads.Last().Authorization);
    }

    private async Task<ThreadRoot> ReadAsync(string channel = Channel, string message = Root)
    {
        using var tokens = Tokens();
        return await ReadAsync(Reader(tokens), channel: channel, message: message);
    }

    private static Task<ThreadRoot> ReadAsync(TeamsThreadReader reader, ChatIdentity? asker = null, string channel = Channel, string message = Root) =>
        reader.FirstMessageAsync(asker ?? TeamsParts.Rido, Place.Channel(channel), message, CancellationToken.None);

    private BotTokenProvider Tokens() => new(_teams.Http, _teams.Options, _teams.Clock, NullLogger<BotTokenProvider>.Instance);

    private TeamsThreadReader Reader(BotTokenProvider tokens) =>
        new(_teams.References, _teams.Connector, _teams.Trusted, tokens, _teams.Http, _teams.Options, NullLogger<TeamsThreadReader>.Instance);
}
