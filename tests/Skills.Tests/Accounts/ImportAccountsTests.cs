using ProductOps.Skills.Accounts;
using ProductOps.Skills.Conversation;
using ProductOps.Skills.Importing;
using ProductOps.Skills.Tests.TestKit;
using ProductOps.Storage.Accounts;

namespace ProductOps.Skills.Tests.Accounts;

public sealed class ImportAccountsTests
{
    private static readonly ImportRequest ByCli = new(null, "command line", Partial: false);

    [Fact]
    public async Task Import_GoodFile_AddsAccountsWithOwnersAndAudits()
    {
        await using var chat = await TestChat.StartAsync();
        await chat.PersonAsync("Noah Williams", "noah", Role.AccountOwner);
        var (import, store) = Import(chat);
        var csv = """
            Name,Aliases,Segment,ARR,Owner,Renewal Date,CRM Id
            Acme Health,acme;ACME Corp,enterprise,1.2M,noah@example.test,2027-01-31,CRM-1
            "Zoë's Clinic, Ltd",,smb,"12,500",@noah,,CRM-2
            """;

        var report = await import.ImportAsync(new StringReader(csv), ByCli, CancellationToken.None);

        Assert.Equal("2 added, 0 updated, 0 rejected.", report.Summary);
        var acme = await store.FindByNameAsync("acme corp", CancellationToken.None);
        Assert.Equal(1_200_000m, acme?.Arr);
        Assert.Equal(new DateOnly(2027, 1, 31), acme?.RenewalDate);
        Assert.Equal(12_500m, (await store.FindByNameAsync("CRM-2", CancellationToken.None))?.Arr);
        Assert.Contains("accounts.import account catalogue: 2 added, 0 updated, 0 rejected", await AuditAsync(chat));
    }

    [Fact]
    public async Task Import_SameCrmIdAgain_UpdatesInsteadOfAdding()
    {
        await using var chat = await TestChat.StartAsync();
        var (import, store) = Import(chat);
        await import.ImportAsync(new StringReader("name,crm_id,arr\nAcme Health,CRM-1,100k"), ByCli, CancellationToken.None);

        var report = await import.ImportAsync(new StringReader("name,crm_id,arr\nAcme Health Inc,CRM-1,150k"), ByCli, CancellationToken.None);

        Assert.Equal((0, 1), (report.Added, report.Updated));
        Assert.Equal("Acme Health Inc", (await store.FindByNameAsync("CRM-1", CancellationToken.None))?.Name);
    }

    [Fact]
    public async Task Import_BadRows_ReportsEachAndImportsNothing()
    {
        await using var chat = await TestChat.StartAsync();
        var (import, store) = Import(chat);
        var csv = """
            name,arr,renewal_date,owner,crm_id
            Good Co,10k,,,C1
            ,5k,,,C2
            Bad Money,lots,,,C3
            Typo Co,12000000000000,,,C6
            Bad Date,1k,31/12/2026,,C4
            Nobody Owns,1k,,@ghost,C5
            Twin,1k,,,C1
            """;

        var report = await import.ImportAsync(new StringReader(csv), ByCli, CancellationToken.None);

        Assert.False(report.Applied);
        Assert.Equal(
            [
                new RejectedRow(3, "name is empty"),
                new RejectedRow(4, "arr \"lots\" is not an amount (write 120000, 120k or 1.2M)"),
                new RejectedRow(5, "arr \"12000000000000\" is more than $1000B, the most ProductOps takes; check the digits."),
                new RejectedRow(6, "renewal_date \"31/12/2026\" is not a date like 2026-09-30"),
                new RejectedRow(7, "owner \"@ghost\" is nobody I know (give their e-mail or handle)"),
                new RejectedRow(8, "\"C1\" appears twice in the file"),
            ],
            report.Rejected);
        Assert.Null(await store.FindByNameAsync("Good Co", CancellationToken.None));
    }

    [Fact]
    public async Task Import_NameOfAnotherAccount_RejectedNamingItsCrmIdAndNothingChanges()
    {
        await using var chat = await TestChat.StartAsync();
        var (import, store) = Import(chat);
        await import.ImportAsync(new StringReader("name,crm_id,arr\nNewCo,CRM-1,10k"), ByCli, CancellationToken.None);

        var twins = await import.ImportAsync(new StringReader("name,crm_id,arr\nTwinCo,CRM-T1,10k\nTwinCo,CRM-T2,20k"), ByCli, CancellationToken.None);
        var taken = await import.ImportAsync(new StringReader("name,crm_id,arr\nNewCo,CRM-OTHER,20k"), ByCli, CancellationToken.None);

        Assert.Equal("name \"TwinCo\" appears twice in the file, with different CRM ids; account names are unique", Assert.Single(twins.Rejected).Reason);
        Assert.Equal("name \"NewCo\" is already the account with CRM id CRM-1; give this one another name, or that account's CRM id", Assert.Single(taken.Rejected).Reason);
        Assert.Null(await store.FindByNameAsync("TwinCo", CancellationToken.None));
        Assert.Equal(10_000m, (await store.FindByNameAsync("NewCo", CancellationToken.None))!.Arr);
    }

    [Fact]
    public async Task Import_AliasOfAnotherAccount_RejectedWhileItsOwnAliasesStay()
    {
        await using var chat = await TestChat.StartAsync();
        var (import, store) = Import(chat);
        await import.ImportAsync(new StringReader("name,aliases,crm_id\nAcme Health,acme;ach,C1"), ByCli, CancellationToken.None);

        var clash = await import.ImportAsync(new StringReader("name,aliases\nOtherCo,acme"), ByCli, CancellationToken.None);
        var again = await import.ImportAsync(new StringReader("name,aliases,crm_id,arr\nAcme Health,acme;ach,C1,2M"), ByCli, CancellationToken.None);

        Assert.Equal("alias \"acme\" already leads to Acme Health; an alias names one account", Assert.Single(clash.Rejected).Reason);
        Assert.Null(await store.FindByNameAsync("OtherCo", CancellationToken.None));
        Assert.True(again.Applied, again.Summary);
        Assert.Equal("Acme Health", (await store.FindByNameAsync("acme", CancellationToken.None))!.Name);
    }

    [Fact]
    public async Task Import_RowWithSeveralProblems_NamesThemAllAtOnce()
    {
        await using var chat = await TestChat.StartAsync();
        var (import, _) = Import(chat);

        var report = await import.ImportAsync(new StringReader("name,arr,renewal_date,owner\n,lots,31/12/2026,@ghost"), ByCli, CancellationToken.None);

        Assert.Equal(
            "name is empty; arr \"lots\" is not an amount (write 120000, 120k or 1.2M); renewal_date \"31/12/2026\" is not a date like 2026-09-30; owner \"@ghost\" is nobody I know (give their e-mail or handle)",
            Assert.Single(report.Rejected).Reason);
    }

    [Fact]
    public async Task Import_PartialWithBadRows_ImportsTheGoodOnes()
    {
        await using var chat = await TestChat.StartAsync();
        var (import, store) = Import(chat);

        var report = await import.ImportAsync(new StringReader("name,arr\nGood Co,10k\nBad,x"), ByCli with { Partial = true }, CancellationToken.None);

        Assert.Equal("1 added, 0 updated, 1 rejected.\nline 3: arr \"x\" is not an amount (write 120000, 120k or 1.2M)", report.Summary);
        Assert.NotNull(await store.FindByNameAsync("good co", CancellationToken.None));
    }

    [Theory]
    [InlineData("", "The file is empty.")]
    [InlineData("name,revenue\nAcme,1", "Unknown column \"revenue\".")]
    [InlineData("segment\nenterprise", "There is no \"name\" column.")]
    public async Task Import_BadHeader_SaysWhichColumnsItReads(string csv, string problem)
    {
        await using var chat = await TestChat.StartAsync();
        var (import, _) = Import(chat);

        var report = await import.ImportAsync(new StringReader(csv), ByCli, CancellationToken.None);

        Assert.False(report.Applied);
        Assert.StartsWith("Nothing imported", report.Summary, StringComparison.Ordinal);
        Assert.Contains(problem, report.Summary, StringComparison.Ordinal);
        Assert.Contains("name (required)", report.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ImportCommand_AdminPastesCsv_AddsTheAccounts()
    {
        await using var chat = await TestChat.StartAsync(null, new AccountsSkill());
        var maya = await chat.PersonAsync("Maya Ops", "maya", Role.Admin);
        var priya = await chat.PersonAsync("Priya Patel", "priya", Role.Pm);
        var (import, store) = Import(chat);
        chat.Services.Add<IAccountStore>(store).Add(import);

        var refused = await chat.SayAsync(priya, "/productops import accounts\nname,segment\nAcme Health,enterprise");
        var howTo = await chat.SayAsync(maya, "/productops import accounts");
        var imported = await chat.SayAsync(maya, "/productops import accounts\nname,segment\nAcme Health,enterprise");

        Assert.Contains("admin", refused, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("POST /api/accounts", howTo);
        Assert.Equal("1 added, 0 updated, 0 rejected.", imported);
        Assert.Equal("enterprise", (await store.FindByNameAsync("Acme Health", CancellationToken.None))?.Segment);
    }

    private static (ImportAccounts Import, SqlAccountStore Store) Import(TestChat chat)
    {
        var store = new SqlAccountStore(chat.Services.Get<ProductOps.Storage.Database>());
        return (new ImportAccounts(store, chat.People, chat.Audit), store);
    }

    private static async Task<string> AuditAsync(TestChat chat) =>
        string.Join("\n", (await chat.Audit.LatestAsync(5, CancellationToken.None)).Select(e => $"{e.Action} {e.Subject}: {e.After}"));
}
