using ProductOps.Skills.Admin;
using ProductOps.Storage.Audit;

namespace ProductOps.Storage.Tests.Audit;

/// <summary>What every audit log must do; each database runs it through a one-line subclass.</summary>
public abstract class AuditLogContract : IAsyncLifetime
{
    private readonly FakeClock _clock = new();
    private SqlAuditLog _log = null!;

    protected abstract Task<Database> CreateDatabaseAsync();

    public async Task InitializeAsync() => _log = new SqlAuditLog(await CreateDatabaseAsync(), _clock);

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Write_ThenLatest_ReturnsEntryWithClockTime()
    {
        var change = new AuditChange(7, "Maya Ops", AuditActions.AreaAdd, "Payments", null, "owner=@priya");

        await _log.WriteAsync(change, CancellationToken.None);

        var entry = Assert.Single(await _log.LatestAsync(5, CancellationToken.None));
        Assert.Equal(new AuditEntry(entry.Id, _clock.GetUtcNow(), 7, "Maya Ops", AuditActions.AreaAdd, "Payments", null, "owner=@priya"), entry);
    }

    [Fact]
    public async Task Latest_MoreEntriesThanAsked_ReturnsNewestFirst()
    {
        for (var i = 1; i <= 3; i++)
        {
            await _log.WriteAsync(new AuditChange(1, "Maya Ops", AuditActions.RoleGrant, $"person {i}", "none", "pm"), CancellationToken.None);
            _clock.Advance(TimeSpan.FromSeconds(1));
        }

        var latest = await _log.LatestAsync(2, CancellationToken.None);

        Assert.Equal(["person 3", "person 2"], latest.Select(e => e.Subject));
    }
}

public sealed class SqliteAuditLogTests : AuditLogContract, IDisposable
{
    private readonly TempDatabase _sqlite = new();

    protected override Task<Database> CreateDatabaseAsync() => _sqlite.MigrateAsync();

    public void Dispose() => _sqlite.Dispose();
}
