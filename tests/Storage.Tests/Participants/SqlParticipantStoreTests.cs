using ProductOps.Skills.Accounts;
using ProductOps.Skills.Participants;
using ProductOps.Storage.Accounts;
using ProductOps.Storage.Participants;

namespace ProductOps.Storage.Tests.Participants;

public sealed class SqlParticipantStoreTests
{
    [Fact]
    public async Task Upsert_PoolLargerThanOneTransaction_CountsAddedAndUpdatedExactly()
    {
        await using var db = await TempDatabase.CreateAsync();
        var accounts = new SqlAccountStore(db.Database);
        await accounts.UpsertAsync([new AccountData("Acme Health", [], "enterprise", 120_000m, null, null, null)], CancellationToken.None);
        var acme = (await accounts.FindByNameAsync("Acme Health", CancellationToken.None))!.Id;
        var pool = new SqlParticipantStore(db.Database);
        var size = (SqlParticipantStore.RowsPerTransaction * 2) + 2_000;
        await pool.UpsertAsync(People(acme, 0, size, "admin"), CancellationToken.None);

        var again = await pool.UpsertAsync(People(acme, 2_000, size + 2_000, "clinician"), CancellationToken.None);

        Assert.Equal((2_000, size - 2_000), again);
        Assert.Equal("clinician", (await pool.FindByEmailAsync("p3000@acme.example", CancellationToken.None))!.Person.Role);
        Assert.Equal("admin", (await pool.FindByEmailAsync("p1999@acme.example", CancellationToken.None))!.Person.Role);
    }

    private static ParticipantData[] People(long account, int from, int to, string role) =>
        Enumerable.Range(from, to - from)
            .Select(i => new ParticipantData($"p{i}@acme.example", $"Person {i}", account, role, null, "EMEA", null, new HashSet<Method> { Method.Interview }, null, "test", null))
            .ToArray();
}
