using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using ProductOps.Bot.Teams;
using ProductOps.Bot.Teams.Connector;
using ProductOps.Bot.Tests.TestKit;
using ProductOps.Skills.Conversation;
using ProductOps.Storage;
using ProductOps.Storage.Teams;

namespace ProductOps.Bot.Tests.Teams.TestKit;

/// <summary>
/// The Teams adapter's parts wired by hand, for tests below the host: a <see cref="FakeBotFramework"/>,
/// a <see cref="FakeGraph"/>, a real migrated SQLite file and a clock that stands still. <see cref="Rido"/> has talked to the
/// bot before and has a 1:1 chat with it, <see cref="PersonalChat"/>.
/// </summary>
public sealed class TeamsParts : IDisposable
{
    public const string Tenant = "50612dbb-0237-4969-b378-8d42590f9c00";
    public const string ServiceUrl = "https://smba.trafficmanager.net/amer/";
    public const string PersonalChat = "a:rido-personal";

    public static readonly ChatIdentity Rido = new(Platforms.Teams, Tenant, "aad-rido");

    private readonly TempDatabase _database = new();
    private readonly TestTokens _tokens = new();
    private readonly ConnectorPacing _pacing = new(TimeProvider.System);

    private TeamsParts()
    {
        BotFramework = new FakeBotFramework(_tokens);
    }

    public FakeClock Clock { get; } = new();

    public FakeBotFramework BotFramework { get; }

    public FakeGraph Graph { get; } = new();

    public IOptions<TeamsOptions> Options { get; } = Microsoft.Extensions.Options.Options.Create(new TeamsOptions
    {
        AppId = TestTokens.AppId,
        AppPassword = "test-password",
        TokenEndpoint = FakeBotFramework.TokenEndpoint,
        GraphBaseUrl = FakeGraph.BaseUrl,
        GraphTokenEndpoint = FakeGraph.TokenEndpoint,
    });

    /// <summary>Microsoft Graph's client reaches <see cref="Graph"/>; every other one the Bot Framework.</summary>
    public IHttpClientFactory Http => new FakeHttpClients(BotFramework, (TeamsSetup.GraphClientName, Graph));

    public TrustedServiceUrls Trusted { get; } = new();

    public Database Database => _database.Database;

    public SqlTeamsReferences References { get; private set; } = null!;

    public SqlPendingFiles PendingFiles { get; private set; } = null!;

    public ConnectorClient Connector { get; private set; } = null!;

    public TeamsDirectory Directory { get; private set; } = null!;

    public TeamsReplies Replies { get; private set; } = null!;

    /// <summary>The people admins are found among when someone blocks the bot.</summary>
    public FakePeopleStore People { get; } = new();

    public RecordingOutbox Outbox { get; } = new();

    public TeamsBlockedUsers Blocked { get; private set; } = null!;

    public static async Task<TeamsParts> StartAsync()
    {
        var parts = new TeamsParts();
        var database = await parts._database.MigrateAsync();
        parts.References = new SqlTeamsReferences(database, parts.Clock);
        parts.PendingFiles = new SqlPendingFiles(database, parts.Clock);
        var tokens = new BotTokenProvider(parts.Http, parts.Options, parts.Clock, NullLogger<BotTokenProvider>.Instance);
        parts.Connector = new ConnectorClient(parts.Http, tokens, parts.Trusted, parts._pacing, NullLogger<ConnectorClient>.Instance);
        parts.Directory = new TeamsDirectory(parts.References, parts.Connector, parts.Trusted, parts.Options, parts.Clock, NullLogger<TeamsDirectory>.Instance);
        parts.Blocked = new TeamsBlockedUsers(parts.References, parts.People, parts.Outbox, NullLogger<TeamsBlockedUsers>.Instance);
        parts.Replies = new TeamsReplies(
            parts.Connector, new CardData(new EphemeralDataProtectionProvider()), parts.Directory, parts.References, parts.Blocked, parts.Clock, NullLogger<TeamsReplies>.Instance);
        parts.Trusted.Trust(ServiceUrl);
        await parts.References.SeenAsync(
            new TeamsUser(Tenant, Rido.UserId, "29:rido", Rido.UserId, "Rido", ServiceUrl, PersonalConversationId: PersonalChat), CancellationToken.None);
        return parts;
    }

    public void Dispose()
    {
        BotFramework.Dispose();
        Graph.Dispose();
        _tokens.Dispose();
        _database.Dispose();
    }
}
