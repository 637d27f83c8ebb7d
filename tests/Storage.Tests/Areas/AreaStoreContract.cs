using ProductOps.Skills.Admin;
using ProductOps.Storage.Areas;
using ProductOps.Storage.People;

namespace ProductOps.Storage.Tests.Areas;

/// <summary>What every area store must do; each database runs it through a one-line subclass.</summary>
public abstract class AreaStoreContract : IAsyncLifetime
{
    private SqlAreaStore _store = null!;
    private long _ownerId;

    protected abstract Task<Database> CreateDatabaseAsync();

    public async Task InitializeAsync()
    {
        var database = await CreateDatabaseAsync();
        var clock = new FakeClock(new DateTimeOffset(2026, 3, 2, 9, 30, 0, TimeSpan.Zero));
        _store = new SqlAreaStore(database, clock);
        var owner = await new SqlPeopleStore(database, clock, InitialAdmins.None)
            .AddAsync(new NewPerson("Priya Patel", "priya", null, null, new HashSet<Skills.Conversation.Role>(), []), CancellationToken.None);
        _ownerId = owner.Id;
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Add_NewArea_FoundByNameOrAliasIgnoringCase()
    {
        var added = await _store.AddAsync(new AreaDraft("Payments", ["pay", "Billing"], _ownerId, "payments-feedback"), CancellationToken.None);

        var byName = await _store.FindAsync("PAYMENTS", CancellationToken.None);
        var byAlias = await _store.FindAsync("billing", CancellationToken.None);

        Assert.Equal((added!.Id, "Payments", _ownerId, "payments-feedback"), (byName!.Id, byName.Name, byName.OwnerId, byName.Channel));
        Assert.Equal(["pay", "Billing"], byAlias!.Aliases);
    }

    [Fact]
    public async Task Add_DuplicateNameInOtherCase_ReturnsNull()
    {
        await _store.AddAsync(new AreaDraft("Öffentlich", [], _ownerId, "c"), CancellationToken.None);

        var duplicate = await _store.AddAsync(new AreaDraft("ÖFFENTLICH", [], _ownerId, "d"), CancellationToken.None);

        Assert.Null(duplicate);
        Assert.Single(await _store.ListAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Update_ExistingArea_ReplacesFieldsAndAliases()
    {
        var area = await _store.AddAsync(new AreaDraft("Payments", ["pay"], _ownerId, "payments-feedback"), CancellationToken.None);

        var updated = await _store.UpdateAsync(area!.Id, new AreaDraft("Billing", ["invoices", "tax"], _ownerId, "billing"), CancellationToken.None);

        Assert.True(updated);
        Assert.Null(await _store.FindAsync("pay", CancellationToken.None));
        var found = await _store.FindAsync("tax", CancellationToken.None);
        Assert.Equal(("Billing", "billing", 2), (found!.Name, found.Channel, found.Aliases.Count));
    }

    [Fact]
    public async Task Remove_ExistingArea_RemovesItAndItsAliases()
    {
        var area = await _store.AddAsync(new AreaDraft("Payments", ["pay"], _ownerId, "payments-feedback"), CancellationToken.None);

        var removed = await _store.RemoveAsync(area!.Id, CancellationToken.None);
        var again = await _store.RemoveAsync(area.Id, CancellationToken.None);

        Assert.True(removed);
        Assert.False(again);
        Assert.Null(await _store.FindAsync("pay", CancellationToken.None));
    }
}

public sealed class SqliteAreaStoreTests : AreaStoreContract, IDisposable
{
    private readonly TempDatabase _sqlite = new();

    protected override Task<Database> CreateDatabaseAsync() => _sqlite.MigrateAsync();

    public void Dispose() => _sqlite.Dispose();
}
