using ProductOps.Skills.Admin;
using ProductOps.Skills.Conversation;
using ProductOps.Storage.ApiTokens;
using ProductOps.Storage.Areas;
using ProductOps.Storage.Audit;
using ProductOps.Storage.People;

namespace ProductOps.Skills.Tests.TestKit;

/// <summary>
/// Says commands to the real router over real stores in a temp SQLite file, as a given person on
/// the dev chat, and reads back the reply's plain text. Add other skills and their services to test them the same way.
/// </summary>
public sealed class TestChat : IAsyncDisposable
{
    public const string Tenant = "local";

    private readonly TempDatabase _database;
    private readonly SkillRegistry _registry;

    private TestChat(TempDatabase database, InitialAdmins admins, ISkill[] skills)
    {
        _database = database;
        _registry = new SkillRegistry(skills);
        People = new SqlPeopleStore(database.Database, Clock, admins);
        Areas = new SqlAreaStore(database.Database, Clock);
        Audit = new SqlAuditLog(database.Database, Clock);
        Services
            .Add<TimeProvider>(Clock)
            .Add(database.Database)
            .Add<IPeopleStore>(People)
            .Add<IPersonResolver>(People)
            .Add<IAreaStore>(Areas)
            .Add<IAuditLog>(Audit)
            .Add<IApiTokenStore>(new SqlApiTokenStore(database.Database, Clock));
    }

    public FakeClock Clock { get; } = new(new DateTimeOffset(2026, 3, 2, 9, 30, 0, TimeSpan.Zero));

    public ServiceMap Services { get; } = new();

    public SqlPeopleStore People { get; }

    public SqlAreaStore Areas { get; }

    public SqlAuditLog Audit { get; }

    /// <summary>Starts with the admin skill unless other skills are given.</summary>
    public static async Task<TestChat> StartAsync(InitialAdmins? admins = null, params ISkill[] skills) =>
        new(await TempDatabase.CreateAsync(), admins ?? InitialAdmins.None, skills.Length == 0 ? [new AdminSkill()] : skills);

    public static ChatIdentity Identity(string handle) => new(Platforms.DevChat, Tenant, handle);

    /// <summary>Adds a person with a dev chat identity named after the handle.</summary>
    public Task<Person> PersonAsync(string name, string handle, params Role[] roles) =>
        People.AddAsync(new NewPerson(name, handle, $"{handle}@example.test", "Europe/London", roles.ToHashSet(), [Identity(handle)]), CancellationToken.None);

    /// <summary>"/productops whoami" as a slash command; anything else as a direct message.</summary>
    public Task<Response> SendAsync(Person who, string text)
    {
        var from = new ChatUser(who.IdentityOn(Platforms.DevChat) ?? Identity(who.Handle), who.Name, who.Email, who.TimeZone);
        var where = Place.Channel("C-general", "general");
        Inbound inbound = text.StartsWith('/')
            ? new CommandInbound(from, where, CommandLine.LeadingWords(text, 1)[0], text.Split(' ', 2) is [_, var rest] ? rest : "")
            : new MessageInbound(from, where, MessageKind.Direct, text);
        return new Router(_registry, People, Services).HandleAsync(inbound, CancellationToken.None);
    }

    /// <summary>The plain text of every reply to <paramref name="text"/>.</summary>
    public async Task<string> SayAsync(Person who, string text) => PlainText(await SendAsync(who, text));

    public static string PlainText(Response response) => string.Join("\n", response.Replies.Select(r => r.Fallback));

    public async ValueTask DisposeAsync() => await _database.DisposeAsync();
}
