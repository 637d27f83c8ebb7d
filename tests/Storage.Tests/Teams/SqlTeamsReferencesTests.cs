using Dapper;
using ProductOps.Storage.Teams;
using ProductOps.Storage.Tests.TestKit;

namespace ProductOps.Storage.Tests.Teams;

public sealed class SqlTeamsReferencesTests
{
    private static readonly TeamsUser Rido = new("tenant-1", "aad-1", "29:rido", "aad-1", "Rido", "https://smba.trafficmanager.net/emea/");

    [Fact]
    public async Task Seen_SameUserAgain_ChangesNothingStored()
    {
        using var db = await TempDatabase.MigratedAsync();
        var clock = new FakeClock();
        var references = new SqlTeamsReferences(db.Database, clock);
        await references.SeenAsync(Rido, CancellationToken.None);
        var firstWrite = await UpdatedAtAsync(db);
        clock.Advance(TimeSpan.FromHours(1));

        var known = await references.SeenAsync(Rido with { Name = null, AadObjectId = null }, CancellationToken.None);

        Assert.Equal(firstWrite, await UpdatedAtAsync(db));
        Assert.Equal(("Rido", "aad-1"), (known.Name, known.AadObjectId));
    }

    [Fact]
    public async Task Seen_NewNameOrServiceUrl_IsStored()
    {
        using var db = await TempDatabase.MigratedAsync();
        var references = new SqlTeamsReferences(db.Database, new FakeClock());
        await references.SeenAsync(Rido, CancellationToken.None);

        var known = await references.SeenAsync(Rido with { Name = "Rido M.", ServiceUrl = "https://smba.trafficmanager.net/amer/" }, CancellationToken.None);

        Assert.Equal(("Rido M.", "https://smba.trafficmanager.net/amer/"), (known.Name, known.ServiceUrl));
        Assert.Equal(known, await references.FindUserAsync("tenant-1", "aad-1", CancellationToken.None));
    }

    [Fact]
    public async Task Seen_BlockedUserTalksAgain_ClearsTheBlockAndKeepsTheirEmail()
    {
        using var db = await TempDatabase.MigratedAsync();
        var references = new SqlTeamsReferences(db.Database, new FakeClock());
        await references.SeenAsync(Rido, CancellationToken.None);
        await references.SetEmailAsync("tenant-1", "aad-1", "rido@example.com", CancellationToken.None);
        await references.MarkBlockedAsync("tenant-1", "aad-1", CancellationToken.None);

        var known = await references.SeenAsync(Rido, CancellationToken.None);

        Assert.Null(known.BlockedAt);
        Assert.Equal("rido@example.com", known.Email);
    }

    private static async Task<string> UpdatedAtAsync(TempDatabase db)
    {
        await using var connection = await db.Database.OpenAsync(CancellationToken.None);
        return await connection.ExecuteScalarAsync<string>("SELECT updated_at FROM teams_users;") ?? "";
    }
}
