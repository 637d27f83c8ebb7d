using ProductOps.Skills.Admin;
using ProductOps.Skills.Cadences;
using ProductOps.Skills.Conversation;
using ProductOps.Storage.Cadences;
using ProductOps.Storage.People;

namespace ProductOps.Storage.Tests.Cadences;

public sealed class SqlCycleStoreTests : IAsyncLifetime, IDisposable
{
    private static readonly DateTimeOffset Opens = new(2026, 3, 2, 10, 0, 0, TimeSpan.Zero);
    private readonly FakeClock _clock = new();
    private TempDatabase _db = null!;

    public async Task InitializeAsync() => _db = await TempDatabase.CreateAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => _db.Dispose();

    [Fact]
    public async Task Open_SameStartTwice_OneCycleNumberedInOrder()
    {
        var (cadence, person) = await ArrangeAsync();
        var cycles = new SqlCycleStore(_db.Database, _clock);

        var first = await cycles.OpenAsync(cadence.Id, Opens, Opens.AddDays(4), [new CycleMember(person, "Payments")], CancellationToken.None);
        var again = await cycles.OpenAsync(cadence.Id, Opens, Opens.AddDays(4), [new CycleMember(person, "Payments")], CancellationToken.None);
        var second = await cycles.OpenAsync(cadence.Id, Opens.AddDays(28), Opens.AddDays(32), [], CancellationToken.None);

        Assert.Equal(first, again);
        Assert.Equal((1, 2), (first.Number, second.Number));
        Assert.Equal([new CycleMember(person, "Payments")], await cycles.MembersAsync(first.Id, CancellationToken.None));
        Assert.Equal(second, await cycles.LatestAsync(cadence.Id, CancellationToken.None));
    }

    [Fact]
    public async Task Save_Edit_KeepsFirstSubmissionTimeAndReplacesAnswers()
    {
        var (cadence, person) = await ArrangeAsync();
        var cycles = new SqlCycleStore(_db.Database, _clock);
        var cycle = await cycles.OpenAsync(cadence.Id, Opens, Opens.AddDays(4), [new CycleMember(person, null)], CancellationToken.None);
        await cycles.SaveAsync(cycle.Id, person, new Dictionary<string, string> { ["now"] = "first" }, false, CancellationToken.None);
        _clock.Advance(TimeSpan.FromHours(1));

        var saved = await cycles.SaveAsync(cycle.Id, person, new Dictionary<string, string> { ["now"] = "second" }, false, CancellationToken.None);

        Assert.Equal("second", saved.Answers["now"]);
        Assert.Equal(saved.SubmittedAt.AddHours(1), saved.UpdatedAt);
        Assert.Single(await cycles.SubmissionsAsync(cycle.Id, CancellationToken.None));
    }

    [Fact]
    public async Task Delete_ThenAddSameName_AllowedAndOldCyclesKept()
    {
        var (cadence, person) = await ArrangeAsync();
        var store = new SqlCadenceStore(_db.Database, _clock);
        var cycles = new SqlCycleStore(_db.Database, _clock);
        var cycle = await cycles.OpenAsync(cadence.Id, Opens, Opens.AddDays(4), [new CycleMember(person, null)], CancellationToken.None);

        await store.DeleteAsync(cadence.Id, CancellationToken.None);
        var again = await store.AddAsync(cadence.Draft, CancellationToken.None);

        Assert.NotNull(again);
        Assert.NotEqual(cadence.Id, again.Id);
        Assert.NotNull(await cycles.FindAsync(cycle.Id, CancellationToken.None));
    }

    private async Task<(Cadence Cadence, long Person)> ArrangeAsync()
    {
        var people = new SqlPeopleStore(_db.Database, _clock, InitialAdmins.None);
        var person = await people.AddAsync(new NewPerson("Priya", "priya", null, null, new HashSet<Role> { Role.Pm }, []), CancellationToken.None);
        var draft = new CadenceDraft("Roadmap", "roadmap", "monthly on the first Monday at 10:00", "Europe/London", false, new ParticipantRule([person.Id], [], false),
            TimeSpan.FromDays(4), [TimeSpan.FromDays(1)], null, "product-rollup", [], []);
        var cadence = await new SqlCadenceStore(_db.Database, _clock).AddAsync(draft, CancellationToken.None);
        return (cadence!, person.Id);
    }
}
