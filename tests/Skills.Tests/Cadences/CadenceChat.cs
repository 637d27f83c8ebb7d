using ProductOps.Skills.Admin;
using ProductOps.Skills.Cadences;
using ProductOps.Skills.Conversation;
using ProductOps.Skills.Tests.TestKit;
using ProductOps.Storage;
using ProductOps.Storage.Cadences;
using ProductOps.Storage.Outbox;

namespace ProductOps.Skills.Tests.Cadences;

/// <summary>
/// The cadences skill over real stores and the real outbox in a temp SQLite file, with a scheduler that
/// runs due timers when the test moves the fake clock.
/// </summary>
public sealed class CadenceChat : IAsyncDisposable
{
    private readonly SkillRegistry _registry = new([new AdminSkill(), new CadencesSkill()]);

    private CadenceChat(TestChat chat)
    {
        Chat = chat;
        var database = (Database)chat.Services.GetService(typeof(Database))!;
        Cadences = new SqlCadenceStore(database, chat.Clock);
        Cycles = new SqlCycleStore(database, chat.Clock);
        Away = new SqlAwayStore(database);
        Outbox = new RecordingOutbox(new SqlOutbox(database, chat.Clock));
        Life = new CadenceCycles(Cadences, Cycles, Away, chat.People, chat.Areas, Outbox, Scheduler, chat.Clock);
        chat.Services
            .Add<ICadenceStore>(Cadences)
            .Add<ICycleStore>(Cycles)
            .Add<IAwayStore>(Away)
            .Add<ICadenceScheduler>(Scheduler)
            .Add<IOutbox>(Outbox)
            .Add(new CadenceQuestions(PersonalQuestions))
            .Add(Life);
    }

    public TestChat Chat { get; }

    /// <summary>Providers of personal questions the cadences ask; none unless a test adds one.</summary>
    public List<IPersonalQuestions> PersonalQuestions { get; } = [];

    public FakeClock Clock => Chat.Clock;

    public FakeCadenceScheduler Scheduler { get; } = new();

    public SqlCadenceStore Cadences { get; }

    public SqlCycleStore Cycles { get; }

    public SqlAwayStore Away { get; }

    public RecordingOutbox Outbox { get; }

    public CadenceCycles Life { get; }

    public static async Task<CadenceChat> StartAsync() => new(await TestChat.StartAsync(null, new AdminSkill(), new CadencesSkill()));

    public Task<Person> PersonAsync(string name, string handle, string zone, params Role[] roles) =>
        Chat.People.AddAsync(new NewPerson(name, handle, $"{handle}@example.test", zone, roles.ToHashSet(), [TestChat.Identity(handle)]), CancellationToken.None);

    public Task<string> SayAsync(Person who, string text) => Chat.SayAsync(who, text);

    public Task<Response> PressAsync(Person who, string actionId, string? value) =>
        RouteAsync(who, from => new ActionInbound(from, Place.Direct("D-" + who.Handle), actionId, value));

    public Task<Response> SubmitAsync(Person who, string formId, FormValues values, string? state) =>
        RouteAsync(who, from => new FormSubmission(from, Place.Direct("D-" + who.Handle), formId, values, state));

    /// <summary>Submits the create form as <paramref name="admin"/>; <paramref name="changes"/> replace the default answers.</summary>
    public Task<Response> CreateAsync(Person admin, params (string Id, string Value)[] changes)
    {
        var answers = new List<(string Id, string Value)>
        {
            ("name", "Roadmap check-in"),
            ("template", "roadmap"),
            ("schedule", "monthly on the first Monday at 10:00"),
            ("time_zone", "Europe/London"),
            ("roles", "pm"),
            ("window", "4 days 7 hours"),
            ("reminders", "1 day, 2 hours"),
            ("channel", "#product-rollup"),
        };
        foreach (var id in changes.Select(c => c.Id).Distinct())
        {
            answers.RemoveAll(a => a.Id == id);
        }

        answers.AddRange(changes.Where(c => c.Value.Length > 0));
        return SubmitAsync(admin, CadenceForm.FormId, FormValues.Of([.. answers]), null);
    }

    /// <summary>Moves the clock to <paramref name="until"/>, stopping at every timer on the way to run it.</summary>
    public async Task AdvanceToAsync(DateTimeOffset until)
    {
        while (Scheduler.TakeNext(until) is { } due)
        {
            if (due.At > Clock.GetUtcNow())
            {
                Clock.Advance(due.At - Clock.GetUtcNow());
            }

            await due.RunAsync(Life);
        }

        if (until > Clock.GetUtcNow())
        {
            Clock.Advance(until - Clock.GetUtcNow());
        }
    }

    public IReadOnlyList<OutboundMessage> To(Person person) =>
        Outbox.Sent.Where(m => m.To is PersonRecipient p && p.PersonId == person.Id).ToArray();

    public static string Text(Response response) => TestChat.PlainText(response);

    public ValueTask DisposeAsync() => Chat.DisposeAsync();

    private Task<Response> RouteAsync(Person who, Func<ChatUser, Inbound> inbound)
    {
        var from = new ChatUser(TestChat.Identity(who.Handle), who.Name, who.Email, who.TimeZone);
        return new Router(_registry, Chat.People, Chat.Services).HandleAsync(inbound(from), CancellationToken.None);
    }
}

/// <summary>The real outbox, remembering every message it accepted (a repeated key is not accepted).</summary>
public sealed class RecordingOutbox(IOutbox inner) : IOutbox
{
    private readonly List<OutboundMessage> _sent = [];

    public IReadOnlyList<OutboundMessage> Sent => _sent;

    public async Task<bool> EnqueueAsync(OutboundMessage message, CancellationToken ct)
    {
        var stored = await inner.EnqueueAsync(message, ct);
        if (stored)
        {
            _sent.Add(message);
        }

        return stored;
    }
}

/// <summary>Holds timers in memory; the test runs them by moving the clock.</summary>
public sealed class FakeCadenceScheduler : ICadenceScheduler
{
    private readonly Dictionary<long, DateTimeOffset> _openings = [];
    private readonly HashSet<CycleStep> _steps = [];

    public IReadOnlyDictionary<long, DateTimeOffset> Openings => _openings;

    public IReadOnlyCollection<CycleStep> Steps => _steps;

    public Task ScheduleOpeningAsync(long cadenceId, DateTimeOffset at, CancellationToken ct)
    {
        _openings[cadenceId] = at;
        return Task.CompletedTask;
    }

    public Task ScheduleStepAsync(CycleStep work, CancellationToken ct)
    {
        _steps.Add(work);
        return Task.CompletedTask;
    }

    public Task UnscheduleAsync(long cadenceId, CancellationToken ct)
    {
        _openings.Remove(cadenceId);
        _steps.RemoveWhere(s => s.CadenceId == cadenceId);
        return Task.CompletedTask;
    }

    public Task<DateTimeOffset?> NextOpeningAsync(long cadenceId, CancellationToken ct) =>
        Task.FromResult(_openings.TryGetValue(cadenceId, out var at) ? at : (DateTimeOffset?)null);

    /// <summary>Removes and returns the earliest timer due by <paramref name="until"/>; openings before steps at the same time.</summary>
    public Due? TakeNext(DateTimeOffset until)
    {
        var opening = _openings.Where(o => o.Value <= until).OrderBy(o => o.Value).Select(o => (KeyValuePair<long, DateTimeOffset>?)o).FirstOrDefault();
        var step = _steps.Where(s => s.At <= until).OrderBy(s => s.At).ThenBy(s => s.Kind).FirstOrDefault();
        if (opening is { } o && (step is null || o.Value <= step.At))
        {
            _openings.Remove(o.Key);
            return new Due(o.Value, life => life.OpenScheduledAsync(o.Key, o.Value, CancellationToken.None));
        }

        if (step is null)
        {
            return null;
        }

        _steps.Remove(step);
        return new Due(step.At, life => life.RunStepAsync(step, CancellationToken.None));
    }

    public sealed record Due(DateTimeOffset At, Func<CadenceCycles, Task> RunAsync);
}
