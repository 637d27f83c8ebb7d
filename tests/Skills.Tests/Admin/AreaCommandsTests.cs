using ProductOps.Skills.Admin;
using ProductOps.Skills.Conversation;
using ProductOps.Skills.Tests.TestKit;

namespace ProductOps.Skills.Tests.Admin;

public sealed class AreaCommandsTests
{
    private const string AddPayments = "/productops area add \"Payments\" owner=@priya channel=#payments-feedback aliases=pay,billing";

    [Fact]
    public async Task AreaAdd_ValidInput_AddsAreaAndAudits()
    {
        await using var chat = await TestChat.StartAsync();
        var maya = await chat.PersonAsync("Maya Ops", "maya", Role.Admin);
        var priya = await chat.PersonAsync("Priya Patel", "priya", Role.Pm);

        var text = await chat.SayAsync(maya, AddPayments);

        Assert.Contains("Added the area Payments, owned by @Priya Patel, triaged in #payments-feedback. Also known as pay, billing.", text);
        var area = await chat.Areas.FindAsync("billing", CancellationToken.None);
        Assert.Equal(("Payments", priya.Id, "payments-feedback"), (area!.Name, area.OwnerId, area.Channel));
        var entry = Assert.Single(await chat.Audit.LatestAsync(10, CancellationToken.None));
        Assert.Equal((AuditActions.AreaAdd, "Payments", null, "name=\"Payments\" owner=@priya channel=#payments-feedback aliases=pay,billing"),
            (entry.Action, entry.Subject, entry.Before, entry.After));
    }

    [Fact]
    public async Task AreaAdd_DuplicateNameInOtherCase_RefusedAndChangesNothing()
    {
        await using var chat = await TestChat.StartAsync();
        var maya = await chat.PersonAsync("Maya Ops", "maya", Role.Admin);
        await chat.PersonAsync("Priya Patel", "priya", Role.Pm);
        await chat.SayAsync(maya, AddPayments);

        var text = await chat.SayAsync(maya, "/productops area add \"PAYMENTS\" owner=@priya channel=#other");

        Assert.Contains("PAYMENTS is the name of the area Payments", text);
        Assert.Single(await chat.Areas.ListAsync(CancellationToken.None));
        Assert.Single(await chat.Audit.LatestAsync(10, CancellationToken.None));
    }

    [Fact]
    public async Task AreaAdd_AliasOfAnotherArea_Refused()
    {
        await using var chat = await TestChat.StartAsync();
        var maya = await chat.PersonAsync("Maya Ops", "maya", Role.Admin);
        await chat.PersonAsync("Priya Patel", "priya", Role.Pm);
        await chat.SayAsync(maya, AddPayments);

        var text = await chat.SayAsync(maya, "/productops area add Billing owner=@priya channel=#billing");

        Assert.Contains("Billing is already an alias of the area Payments", text);
    }

    [Fact]
    public async Task AreaAdd_OwnerNotPm_SaysSoAndHowToGrant()
    {
        await using var chat = await TestChat.StartAsync();
        var maya = await chat.PersonAsync("Maya Ops", "maya", Role.Admin);
        await chat.PersonAsync("Tom Becker", "tom", Role.Gtm);

        var text = await chat.SayAsync(maya, "/productops area add \"Payments\" owner=@tom channel=#payments-feedback");

        Assert.Contains("@Tom Becker can't own an area: owners need the PM role, and they have GTM. Grant it first with /productops role @tom pm.", text);
        Assert.Empty(await chat.Areas.ListAsync(CancellationToken.None));
    }

    [Fact]
    public async Task AreaAdd_MissingChannel_NamesWhatIsMissing()
    {
        await using var chat = await TestChat.StartAsync();
        var maya = await chat.PersonAsync("Maya Ops", "maya", Role.Admin);
        await chat.PersonAsync("Priya Patel", "priya", Role.Pm);

        var text = await chat.SayAsync(maya, "/productops area add \"Payments\" owner=@priya");

        Assert.Contains("A new area needs channel=.", text);
        Assert.Contains("Usage: /productops area add", text);
    }

    [Fact]
    public async Task AreaAdd_UnquotedNameWithSpaces_AsksForQuotes()
    {
        await using var chat = await TestChat.StartAsync();
        var maya = await chat.PersonAsync("Maya Ops", "maya", Role.Admin);
        await chat.PersonAsync("Priya Patel", "priya", Role.Pm);

        var text = await chat.SayAsync(maya, "/productops area add Customer Portal owner=@priya channel=#portal");

        Assert.Contains("Put a name with spaces in \"quotes\".", text);
        Assert.Empty(await chat.Areas.ListAsync(CancellationToken.None));
    }

    [Fact]
    public async Task AreaAdd_UnknownOption_SuggestsClosest()
    {
        await using var chat = await TestChat.StartAsync();
        var maya = await chat.PersonAsync("Maya Ops", "maya", Role.Admin);

        var text = await chat.SayAsync(maya, "/productops area add \"Payments\" ownr=@priya channel=#p");

        Assert.Contains("has no option ownr=. Did you mean owner=?", text);
    }

    [Fact]
    public async Task AreaAdd_OptionGivenTwice_AsksForOneAndAddsNothing()
    {
        await using var chat = await TestChat.StartAsync();
        var maya = await chat.PersonAsync("Maya Ops", "maya", Role.Admin);
        await chat.PersonAsync("Priya Patel", "priya", Role.Pm);

        var text = await chat.SayAsync(maya, "/productops area add \"Payments\" owner=@priya channel=#p OWNER=@maya");

        Assert.Contains("owner= is given more than once. Give it once.", text);
        Assert.Empty(await chat.Areas.ListAsync(CancellationToken.None));
    }

    [Fact]
    public async Task AreaAdd_ChannelGivenAsPerson_SaysItIsNotAChannel()
    {
        await using var chat = await TestChat.StartAsync();
        var maya = await chat.PersonAsync("Maya Ops", "maya", Role.Admin);
        await chat.PersonAsync("Priya Patel", "priya", Role.Pm);

        var text = await chat.SayAsync(maya, "/productops area add \"Payments\" owner=@priya channel=@priya");

        Assert.Contains("channel=@priya is not a channel", text);
    }

    [Fact]
    public async Task AreaAdd_UnknownOwner_NamedAsTypedWithTheClosestHandle()
    {
        await using var chat = await TestChat.StartAsync();
        var maya = await chat.PersonAsync("Maya Ops", "maya", Role.Admin);
        await chat.PersonAsync("Zoë Ångström", "zoe", Role.Pm);

        var text = await chat.SayAsync(maya, "/productops area add \"Payments\" owner=@Zoë channel=#payments");

        Assert.StartsWith("I don't know anyone called @Zoë. Did you mean @zoe?", text);
        Assert.Empty(await chat.Areas.ListAsync(CancellationToken.None));
    }

    [Fact]
    public async Task AreaAdd_UnicodeName_StoredAndFoundIgnoringCase()
    {
        await using var chat = await TestChat.StartAsync();
        var maya = await chat.PersonAsync("Maya Ops", "maya", Role.Admin);
        await chat.PersonAsync("Zoë Ångström", "zoe", Role.Pm);

        await chat.SayAsync(maya, "/productops area add \"Öffentliche Ämter\" owner=@zoe channel=#ämter");
        var text = await chat.SayAsync(maya, "/productops area remove \"ÖFFENTLICHE ÄMTER\"");

        Assert.Contains("Removed the area Öffentliche Ämter.", text);
    }

    [Fact]
    public async Task AreaEdit_OwnerChannelNameAndAliases_UpdatesAndAuditsBeforeAndAfter()
    {
        await using var chat = await TestChat.StartAsync();
        var maya = await chat.PersonAsync("Maya Ops", "maya", Role.Admin);
        await chat.PersonAsync("Priya Patel", "priya", Role.Pm);
        var sam = await chat.PersonAsync("Sam Okafor", "sam", Role.Pm);
        await chat.SayAsync(maya, AddPayments);

        var text = await chat.SayAsync(maya, "/productops area edit pay owner=@sam channel=#billing-triage name=\"Payments & Billing\" aliases=\"\"");

        Assert.Contains("Updated Payments & Billing: owner @Sam Okafor, triaged in #billing-triage.", text);
        var area = await chat.Areas.FindAsync("payments & billing", CancellationToken.None);
        Assert.Equal((sam.Id, "billing-triage", 0), (area!.OwnerId, area.Channel, area.Aliases.Count));
        var entry = (await chat.Audit.LatestAsync(1, CancellationToken.None))[0];
        Assert.Equal(
            (AuditActions.AreaEdit, "name=\"Payments\" owner=@priya channel=#payments-feedback aliases=pay,billing", "name=\"Payments & Billing\" owner=@sam channel=#billing-triage"),
            (entry.Action, entry.Before, entry.After));
    }

    [Fact]
    public async Task AreaEdit_NothingToChange_AsksWhatToChange()
    {
        await using var chat = await TestChat.StartAsync();
        var maya = await chat.PersonAsync("Maya Ops", "maya", Role.Admin);
        await chat.PersonAsync("Priya Patel", "priya", Role.Pm);
        await chat.SayAsync(maya, AddPayments);

        var text = await chat.SayAsync(maya, "/productops area edit Payments");

        Assert.Contains("Say what to change about Payments", text);
    }

    [Fact]
    public async Task AreaEdit_UnknownArea_SuggestsClosest()
    {
        await using var chat = await TestChat.StartAsync();
        var maya = await chat.PersonAsync("Maya Ops", "maya", Role.Admin);
        await chat.PersonAsync("Priya Patel", "priya", Role.Pm);
        await chat.SayAsync(maya, AddPayments);

        var text = await chat.SayAsync(maya, "/productops area edit Paymnets channel=#x");

        Assert.Contains("There is no product area called Paymnets. Did you mean \"Payments\"?", text);
    }

    [Fact]
    public async Task AreaRemove_KnownArea_RemovesAndAuditsWhatItWas()
    {
        await using var chat = await TestChat.StartAsync();
        var maya = await chat.PersonAsync("Maya Ops", "maya", Role.Admin);
        await chat.PersonAsync("Priya Patel", "priya", Role.Pm);
        await chat.SayAsync(maya, AddPayments);

        var text = await chat.SayAsync(maya, "/productops area remove \"payments\"");

        Assert.Contains("Removed the area Payments.", text);
        Assert.Empty(await chat.Areas.ListAsync(CancellationToken.None));
        var entry = (await chat.Audit.LatestAsync(1, CancellationToken.None))[0];
        Assert.Equal((AuditActions.AreaRemove, "Payments", null), (entry.Action, entry.Subject, entry.After));
        Assert.Contains("owner=@priya", entry.Before);
    }

    [Fact]
    public async Task AreaRemove_AnotherWordWhereConfirmGoes_ExplainedAndNothingRemoved()
    {
        await using var chat = await TestChat.StartAsync();
        var maya = await chat.PersonAsync("Maya Ops", "maya", Role.Admin);
        await chat.PersonAsync("Priya Patel", "priya", Role.Pm);
        await chat.SayAsync(maya, AddPayments);

        var text = await chat.SayAsync(maya, "/productops area remove Payments please");

        Assert.StartsWith("I don't know what to do with please. Put a name with spaces in \"quotes\", or end with confirm.", text);
        Assert.Single(await chat.Areas.ListAsync(CancellationToken.None));
    }

    [Fact]
    public async Task AreaRemove_AskedByPm_RefusedNamingAdminRole()
    {
        await using var chat = await TestChat.StartAsync();
        var maya = await chat.PersonAsync("Maya Ops", "maya", Role.Admin);
        var priya = await chat.PersonAsync("Priya Patel", "priya", Role.Pm);
        await chat.SayAsync(maya, AddPayments);

        var text = await chat.SayAsync(priya, "/productops area remove Payments");

        Assert.Contains("/productops area remove needs the admin role", text);
        Assert.Single(await chat.Areas.ListAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Areas_AnyoneAsks_ListsOwnersChannelsAndAliases()
    {
        await using var chat = await TestChat.StartAsync();
        var maya = await chat.PersonAsync("Maya Ops", "maya", Role.Admin);
        var tom = await chat.PersonAsync("Tom Becker", "tom", Role.Gtm);
        await chat.PersonAsync("Priya Patel", "priya", Role.Pm);
        await chat.SayAsync(maya, AddPayments);

        var text = await chat.SayAsync(tom, "/productops areas");

        Assert.Contains("Product areas (1)", text);
        Assert.Contains("Owner: @Priya Patel", text);
        Assert.Contains("Triage: #payments-feedback", text);
        Assert.Contains("Aliases: pay, billing", text);
    }
}
