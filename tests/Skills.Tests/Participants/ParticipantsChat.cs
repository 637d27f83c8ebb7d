using ProductOps.Skills.Accounts;
using ProductOps.Skills.Conversation;
using ProductOps.Skills.Participants;
using ProductOps.Skills.Tests.TestKit;
using ProductOps.Storage;
using ProductOps.Storage.Accounts;
using ProductOps.Storage.Participants;

namespace ProductOps.Skills.Tests.Participants;

/// <summary>Outbound messages kept in memory, idempotent by key like the real outbox.</summary>
public sealed class FakeOutbox : IOutbox
{
    private readonly List<OutboundMessage> _sent = [];

    public IReadOnlyList<OutboundMessage> Sent
    {
        get
        {
            lock (_sent)
            {
                return _sent.ToArray();
            }
        }
    }

    public Task<bool> EnqueueAsync(OutboundMessage message, CancellationToken ct)
    {
        lock (_sent)
        {
            if (_sent.Any(m => m.Key == message.Key))
            {
                return Task.FromResult(false);
            }

            _sent.Add(message);
            return Task.FromResult(true);
        }
    }

    public IReadOnlyList<string> To(Person person) =>
        Sent.Where(m => m.To is PersonRecipient p && p.PersonId == person.Id).Select(m => m.Reply.Fallback).ToArray();
}

/// <summary>The participants skill over the real router and real stores in a temp SQLite file, with a fake outbox.</summary>
public sealed class ParticipantsChat : IAsyncDisposable
{
    private readonly TestChat _chat;
    private readonly SkillRegistry _registry = new([new ParticipantsSkill()]);

    private ParticipantsChat(TestChat chat)
    {
        _chat = chat;
        var database = chat.Services.Get<Database>();
        Ledger = new SqlContactLedger(database, chat.Clock);
        chat.Services
            .Add<IAccountStore>(Accounts = new SqlAccountStore(database))
            .Add<IParticipantStore>(Pool = new SqlParticipantStore(database))
            .Add<IContactLedger>(Ledger)
            .Add<IFollowUpStore>(Ledger)
            .Add<IRequestStore>(Requests = new SqlRequestStore(database))
            .Add<IRuleStore>(new SqlRuleStore(database))
            .Add(RuleDefaults.BuiltIn)
            .Add<IOutbox>(Outbox);
    }

    public FakeClock Clock => _chat.Clock;

    public ServiceMap Services => _chat.Services;

    public FakeOutbox Outbox { get; } = new();

    public SqlAccountStore Accounts { get; }

    public SqlParticipantStore Pool { get; }

    public SqlContactLedger Ledger { get; }

    public SqlRequestStore Requests { get; }

    public TestChat Chat => _chat;

    public static async Task<ParticipantsChat> StartAsync() => new(await TestChat.StartAsync(null, new ParticipantsSkill()));

    public Task<Person> PersonAsync(string name, string handle, params Role[] roles) => _chat.PersonAsync(name, handle, roles);

    public async Task<long> AccountAsync(string name, Person? owner = null, int? renewsInDays = null, string segment = "enterprise")
    {
        var today = DateOnly.FromDateTime(Clock.GetUtcNow().UtcDateTime);
        await Accounts.UpsertAsync([new AccountData(name, [], segment, 100_000m, owner?.Id, renewsInDays is { } d ? today.AddDays(d) : today.AddDays(300), null)], CancellationToken.None);
        return (await Accounts.FindByNameAsync(name, CancellationToken.None))!.Id;
    }

    /// <summary>Adds a participant opted in to everything unless told otherwise.</summary>
    public async Task<Candidate> ParticipantAsync(string email, long accountId, string? role = "admin", string? doNotContact = null, Method[]? optIns = null)
    {
        var name = string.Join(' ', email.Split('@')[0].Split('.').Select(w => char.ToUpperInvariant(w[0]) + w[1..]));
        await Pool.UpsertAsync(
            [new ParticipantData(email, name, accountId, role, null, "EMEA", null, (optIns ?? Enum.GetValues<Method>()).ToHashSet(), doNotContact, "test", "private note")],
            CancellationToken.None);
        return (await Pool.FindByEmailAsync(email, CancellationToken.None))!;
    }

    /// <summary>Records a past contact of one study by <paramref name="team"/>.</summary>
    public Task PastAsync(Candidate who, string team, int daysAgo, ContactStatus status = ContactStatus.Completed, Method method = Method.Interview, decimal incentive = 0) =>
        Ledger.ImportAsync(
            [new PastContact(new StudyContext(null, $"{team} study", method, team, null, incentive), who.Person.Id, who.Account.Id, status, Clock.GetUtcNow().AddDays(-daysAgo))],
            CancellationToken.None);

    public Task<string> SayAsync(Person who, string text) => _chat.SayAsync(who, text);

    public Task<Response> SendAsync(Person who, string text) => _chat.SendAsync(who, text);

    public Task<Response> PressAsync(Person who, string actionId, string value) =>
        new Router(_registry, _chat.People, Services).HandleAsync(new ActionInbound(From(who), Place.Direct("dm"), actionId, value), CancellationToken.None);

    public Task<Response> SubmitAsync(Person who, string formId, string? state, params (string Id, string Value)[] values) =>
        new Router(_registry, _chat.People, Services).HandleAsync(new FormSubmission(From(who), Place.Direct("dm"), formId, FormValues.Of(values), state), CancellationToken.None);

    /// <summary>The value of the first button with this action id in the response.</summary>
    public static string ButtonValue(Response response, string actionId) =>
        response.Replies.SelectMany(r => r.Blocks).OfType<ButtonsBlock>().SelectMany(b => b.Buttons).First(b => b.ActionId == actionId).Value!;

    public static string ButtonValue(Reply reply, string actionId) =>
        reply.Blocks.OfType<ButtonsBlock>().SelectMany(b => b.Buttons).First(b => b.ActionId == actionId).Value!;

    public async ValueTask DisposeAsync() => await _chat.DisposeAsync();

    private static ChatUser From(Person who) => new(TestChat.Identity(who.Handle), who.Name, who.Email, who.TimeZone);
}
