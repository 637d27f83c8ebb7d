using ProductOps.Skills.Accounts;
using ProductOps.Skills.Conversation;
using ProductOps.Skills.Tests.TestKit;
using ProductOps.Storage.Accounts;

namespace ProductOps.Skills.Tests.Accounts;

public sealed class ShowAccountTests
{
    [Fact]
    public async Task Account_KnownByAlias_ShowsSegmentArrOwnerAndRenewal()
    {
        await using var chat = await StartAsync();
        var noah = await chat.PersonAsync("Noah Williams", "noah", Role.AccountOwner);
        await chat.Services.Get<IAccountStore>().UpsertAsync(
            [new AccountData("Acme Health", ["acme"], "enterprise", 1_200_000m, noah.Id, new DateOnly(2026, 3, 30), "CRM-1")], CancellationToken.None);
        var priya = await chat.PersonAsync("Priya Patel", "priya", Role.Pm);

        var text = await chat.SayAsync(priya, "/productops account ACME");

        Assert.Contains("Acme Health", text);
        Assert.Contains("Segment: enterprise", text);
        Assert.Contains("ARR: $1.2M", text);
        Assert.Contains("Owner: @Noah Williams", text);
        Assert.Contains("Renewal: 2026-03-30 (in 28 days)", text);
        Assert.Contains("CRM id: CRM-1", text);
    }

    [Fact]
    public async Task Account_Unknown_SuggestsSimilarNames()
    {
        await using var chat = await StartAsync();
        await chat.Services.Get<IAccountStore>().UpsertAsync(
            [new AccountData("Acme Health", [], null, null, null, null, null)], CancellationToken.None);
        var priya = await chat.PersonAsync("Priya Patel", "priya", Role.Pm);

        var text = await chat.SayAsync(priya, "/productops account acme");

        Assert.Contains("There is no account called acme. Did you mean \"Acme Health\"?", text);
    }

    private static async Task<TestChat> StartAsync()
    {
        var chat = await TestChat.StartAsync(null, new AccountsSkill());
        chat.Services.Add<IAccountStore>(new SqlAccountStore(chat.Services.Get<ProductOps.Storage.Database>()));
        return chat;
    }
}
