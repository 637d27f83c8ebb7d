using ProductOps.Skills.Admin;
using ProductOps.Skills.Conversation;
using ProductOps.Storage.Audit;
using ProductOps.Storage.People;

namespace ProductOps.Storage.Tests.People;

/// <summary>What every people store must do; each database runs it through a one-line subclass.</summary>
public abstract class PeopleStoreContract : IAsyncLifetime
{
    private static readonly ChatIdentity PriyaOnSlack = new(Platforms.Slack, "T1", "U-PRIYA");

    protected FakeClock Clock { get; } = new();

    private Database _database = null!;

    protected abstract Task<Database> CreateDatabaseAsync();

    public async Task InitializeAsync() => _database = await CreateDatabaseAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    private SqlPeopleStore Store(params string[] admins) => new(_database, Clock, new InitialAdmins(admins));

    [Fact]
    public async Task Resolve_SameIdentityTwice_CreatesOnePersonWithNoRoles()
    {
        var store = Store();
        var user = new ChatUser(PriyaOnSlack, "Priya Patel", "priya.patel@example.test", "Europe/London");

        var first = await store.ResolveAsync(user, CancellationToken.None);
        var second = await store.ResolveAsync(user, CancellationToken.None);

        Assert.Equal(first.Id, second.Id);
        Assert.Single(await store.ListAsync(CancellationToken.None));
        Assert.Empty(first.Roles);
        Assert.Equal(("priya.patel", "priya.patel@example.test", "Europe/London"), (first.Handle, first.Email, first.TimeZone));
        Assert.Equal([PriyaOnSlack], first.Identities);
    }

    [Fact]
    public async Task Resolve_NewIdentityWithKnownEmail_LinksToExistingPerson()
    {
        var store = Store();
        var onSlack = await store.ResolveAsync(new ChatUser(PriyaOnSlack, "Priya Patel", "priya.patel@example.test"), CancellationToken.None);
        var teams = new ChatIdentity(Platforms.Teams, "tenant-1", "aad-priya");

        var onTeams = await store.ResolveAsync(new ChatUser(teams, "Priya P.", "Priya.Patel@Example.test"), CancellationToken.None);

        Assert.Equal(onSlack.Id, onTeams.Id);
        Assert.Equal(2, onTeams.Identities.Count);
        Assert.Equal(onTeams.Id, (await store.FindByIdentityAsync(teams, CancellationToken.None))!.Id);
    }

    [Fact]
    public async Task Resolve_KnownPersonAsTheyWere_ReturnsTheirRolesAndEveryIdentity()
    {
        var store = Store();
        var priya = new ChatUser(PriyaOnSlack, "Priya Patel", "priya.patel@example.test");
        var teams = new ChatIdentity(Platforms.Teams, "tenant-1", "aad-priya");
        var person = await store.ResolveAsync(priya, CancellationToken.None);
        await store.ResolveAsync(new ChatUser(teams, "Priya Patel", "priya.patel@example.test"), CancellationToken.None);
        await store.SetRolesAsync(person.Id, new HashSet<Role> { Role.Admin, Role.Pm }, CancellationToken.None);

        var again = await store.ResolveAsync(priya, CancellationToken.None);

        Assert.Equal(new HashSet<Role> { Role.Admin, Role.Pm }, again.Roles);
        Assert.Equal([PriyaOnSlack, teams], again.Identities.OrderBy(i => i.Platform));
        Assert.Equal((await store.FindByIdentityAsync(teams, CancellationToken.None))!.Identities, again.Identities);
    }

    [Fact]
    public async Task Resolve_PlatformTellsMore_RefreshesNameEmailAndTimeZone()
    {
        var store = Store();
        await store.ResolveAsync(new ChatUser(PriyaOnSlack, "priya"), CancellationToken.None);

        var refreshed = await store.ResolveAsync(new ChatUser(PriyaOnSlack, "Priya Patel", "priya@example.test", "Asia/Kolkata"), CancellationToken.None);

        Assert.Equal(("Priya Patel", "priya@example.test", "Asia/Kolkata"), (refreshed.Name, refreshed.Email, refreshed.TimeZone));
    }

    [Fact]
    public async Task Resolve_PlatformOmitsEmailAndTimeZone_KeepsWhatWasKnown()
    {
        var store = Store();
        await store.ResolveAsync(new ChatUser(PriyaOnSlack, "Priya Patel", "priya@example.test", "Asia/Kolkata"), CancellationToken.None);

        var again = await store.ResolveAsync(new ChatUser(PriyaOnSlack, "Priya Patel"), CancellationToken.None);

        Assert.Equal(("priya@example.test", "Asia/Kolkata"), (again.Email, again.TimeZone));
    }

    [Fact]
    public async Task Resolve_SameDisplayNames_GetUniqueHandles()
    {
        var store = Store();

        var first = await store.ResolveAsync(new ChatUser(new ChatIdentity(Platforms.Slack, "T1", "U1"), "Alex Kim"), CancellationToken.None);
        var second = await store.ResolveAsync(new ChatUser(new ChatIdentity(Platforms.Slack, "T1", "U2"), "Alex Kim"), CancellationToken.None);
        var third = await store.ResolveAsync(new ChatUser(new ChatIdentity(Platforms.Slack, "T1", "U3"), "alex  kim!"), CancellationToken.None);

        Assert.Equal(["alex.kim", "alex.kim2", "alex.kim3"], new[] { first.Handle, second.Handle, third.Handle });
    }

    [Fact]
    public async Task Resolve_UnicodeName_KeepsNameAndMakesLowerCaseHandle()
    {
        var store = Store();

        var zoe = await store.ResolveAsync(new ChatUser(new ChatIdentity(Platforms.DevChat, "local", "z"), "Zoë Ångström"), CancellationToken.None);

        Assert.Equal(("Zoë Ångström", "zoë.ångström"), (zoe.Name, zoe.Handle));
        Assert.Equal(zoe.Id, (await store.FindByHandleAsync("@ZOË.ÅNGSTRÖM", CancellationToken.None))!.Id);
    }

    [Fact]
    public async Task Resolve_PersonListedAsInitialAdmin_GrantsAdminOnceAndAuditsConfiguration()
    {
        var store = Store("priya@example.test");
        var user = new ChatUser(PriyaOnSlack, "Priya Patel", "priya@example.test");

        var priya = await store.ResolveAsync(user, CancellationToken.None);
        await store.SetRolesAsync(priya.Id, new HashSet<Role>(), CancellationToken.None);
        var later = await store.ResolveAsync(user, CancellationToken.None);

        Assert.True(priya.Has(Role.Admin));
        Assert.False(later.Has(Role.Admin));
        var entry = Assert.Single(await new SqlAuditLog(_database, Clock).LatestAsync(10, CancellationToken.None));
        Assert.Equal((null, InitialAdmins.ActorName, AuditActions.RoleGrant, "Priya Patel (@priya)", "none", "admin"),
            (entry.ActorId, entry.ActorName, entry.Action, entry.Subject, entry.Before, entry.After));
    }

    [Fact]
    public async Task Resolve_AddedPersonListedByHandle_GetsAdminWhenAdded()
    {
        var store = Store("@maya");

        var maya = await store.AddAsync(new NewPerson("Maya Ops", "maya", null, null, new HashSet<Role> { Role.Pm }, []), CancellationToken.None);

        Assert.Equal(new HashSet<Role> { Role.Pm, Role.Admin }, maya.Roles);
    }

    [Fact]
    public async Task SetRoles_EveryRole_RoundTrips()
    {
        var store = Store();
        var person = await store.AddAsync(new NewPerson("Tom Becker", "tom", "tom@example.test", "America/Chicago", new HashSet<Role>(), []), CancellationToken.None);
        var all = Enum.GetValues<Role>().ToHashSet();

        await store.SetRolesAsync(person.Id, all, CancellationToken.None);

        Assert.Equal(all, (await store.FindAsync(person.Id, CancellationToken.None))!.Roles);
    }

    [Fact]
    public async Task Resolve_IdentityFirstSeenWithoutEmail_JoinsThePersonWithThatEmailOnceKnown()
    {
        var store = Store();
        var onSlack = await store.ResolveAsync(new ChatUser(PriyaOnSlack, "Priya Patel", "priya.patel@example.test"), CancellationToken.None);
        var teams = new ChatIdentity(Platforms.Teams, "tenant-1", "aad-priya");
        var alone = await store.ResolveAsync(new ChatUser(teams, "Priya Patel"), CancellationToken.None);

        var linked = await store.ResolveAsync(new ChatUser(teams, "Priya Patel", "priya.patel@example.test"), CancellationToken.None);

        Assert.NotEqual(onSlack.Id, alone.Id);
        Assert.Equal(onSlack.Id, linked.Id);
        Assert.Equal([PriyaOnSlack, teams], linked.Identities.OrderBy(i => i.Platform, StringComparer.Ordinal).ToArray());
    }

    [Fact]
    public async Task Resolve_PersonWithTheirOwnEmail_KeepsTheirIdentityWhenAnotherEmailArrives()
    {
        var store = Store();
        await store.ResolveAsync(new ChatUser(PriyaOnSlack, "Priya Patel", "priya.patel@example.test"), CancellationToken.None);
        var teams = new ChatIdentity(Platforms.Teams, "tenant-1", "aad-sam");
        var sam = await store.ResolveAsync(new ChatUser(teams, "Sam Lee", "sam@example.test"), CancellationToken.None);

        var again = await store.ResolveAsync(new ChatUser(teams, "Sam Lee", "priya.patel@example.test"), CancellationToken.None);

        Assert.Equal(sam.Id, again.Id);
    }

    [Fact]
    public async Task Resolve_AfterRolesChange_ReturnsTheNewRoles()
    {
        var store = Store();
        var user = new ChatUser(PriyaOnSlack, "Priya Patel", "priya.patel@example.test");
        var before = await store.ResolveAsync(user, CancellationToken.None);
        await store.ResolveAsync(user, CancellationToken.None);

        await store.SetRolesAsync(before.Id, new HashSet<Role> { Role.Pm, Role.Leader }, CancellationToken.None);

        Assert.Equal(new HashSet<Role> { Role.Pm, Role.Leader }, (await store.ResolveAsync(user, CancellationToken.None)).Roles);
    }

    [Fact]
    public async Task Resolve_AfterAnotherPlatformLinksByEmail_ReturnsBothIdentities()
    {
        var store = Store();
        var slack = new ChatUser(PriyaOnSlack, "Priya Patel", "priya.patel@example.test");
        await store.ResolveAsync(slack, CancellationToken.None);
        await store.ResolveAsync(slack, CancellationToken.None);
        var teams = new ChatIdentity(Platforms.Teams, "tenant-1", "aad-priya");

        await store.ResolveAsync(new ChatUser(teams, "Priya Patel", "priya.patel@example.test"), CancellationToken.None);

        Assert.Equal(2, (await store.ResolveAsync(slack, CancellationToken.None)).Identities.Count);
    }

    [Fact]
    public async Task Resolve_NameChangedInChat_IsSavedThoughTheOldNameWasRemembered()
    {
        var store = Store();
        await store.ResolveAsync(new ChatUser(PriyaOnSlack, "Priya Patel"), CancellationToken.None);
        await store.ResolveAsync(new ChatUser(PriyaOnSlack, "Priya Patel"), CancellationToken.None);

        await store.ResolveAsync(new ChatUser(PriyaOnSlack, "Priya Shah"), CancellationToken.None);

        Assert.Equal("Priya Shah", (await store.ResolveAsync(new ChatUser(PriyaOnSlack, ""), CancellationToken.None)).Name);
        Assert.Equal("Priya Shah", (await store.ListAsync(CancellationToken.None)).Single().Name);
    }

    [Fact]
    public async Task Add_WithIdentities_FoundByIdentityHandleAndEmail()
    {
        var store = Store();
        var identity = new ChatIdentity(Platforms.DevChat, "local", "priya");

        var added = await store.AddAsync(new NewPerson("Priya Patel", "Priya", "Priya@Example.test", "Europe/London", new HashSet<Role> { Role.Pm }, [identity]), CancellationToken.None);

        Assert.Equal("priya", added.Handle);
        Assert.Equal(added.Id, (await store.FindByIdentityAsync(identity, CancellationToken.None))!.Id);
        Assert.Equal(added.Id, (await store.FindByHandleAsync("PRIYA", CancellationToken.None))!.Id);
        Assert.Equal(added.Id, (await store.FindByHandleAsync("priya@example.test", CancellationToken.None))!.Id);
        Assert.Null(await store.FindByHandleAsync("nobody", CancellationToken.None));
    }
}

public sealed class SqlitePeopleStoreTests : PeopleStoreContract, IDisposable
{
    private readonly TempDatabase _sqlite = new();

    protected override Task<Database> CreateDatabaseAsync() => _sqlite.MigrateAsync();

    public void Dispose() => _sqlite.Dispose();
}
