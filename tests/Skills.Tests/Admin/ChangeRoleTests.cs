using ProductOps.Skills.Admin;
using ProductOps.Skills.Conversation;
using ProductOps.Skills.Tests.TestKit;

namespace ProductOps.Skills.Tests.Admin;

public sealed class ChangeRoleTests
{
    [Fact]
    public async Task Role_AdminGrants_AddsRoleAndAuditsBeforeAndAfter()
    {
        await using var chat = await TestChat.StartAsync();
        var maya = await chat.PersonAsync("Maya Ops", "maya", Role.Admin);
        var priya = await chat.PersonAsync("Priya Patel", "priya", Role.Pm);

        var text = await chat.SayAsync(maya, "/productops role @priya leader");

        Assert.Contains("@Priya Patel now has the leader role", text);
        Assert.Equal(new HashSet<Role> { Role.Pm, Role.Leader }, (await chat.People.FindAsync(priya.Id, CancellationToken.None))!.Roles);
        var entry = Assert.Single(await chat.Audit.LatestAsync(10, CancellationToken.None));
        Assert.Equal((maya.Id, "Maya Ops", AuditActions.RoleGrant, "Priya Patel (@priya)", "pm", "pm, leader", chat.Clock.GetUtcNow()),
            (entry.ActorId!.Value, entry.ActorName, entry.Action, entry.Subject, entry.Before!, entry.After!, entry.At));
    }

    [Fact]
    public async Task Role_AdminRemovesWithMinus_RemovesRoleAndAudits()
    {
        await using var chat = await TestChat.StartAsync();
        var maya = await chat.PersonAsync("Maya Ops", "maya", Role.Admin);
        var priya = await chat.PersonAsync("Priya Patel", "priya", Role.Pm, Role.Gtm);

        var text = await chat.SayAsync(maya, "/productops role @priya -gtm");

        Assert.Contains("Removed the GTM role from @Priya Patel", text);
        Assert.Equal(new HashSet<Role> { Role.Pm }, (await chat.People.FindAsync(priya.Id, CancellationToken.None))!.Roles);
        var entry = Assert.Single(await chat.Audit.LatestAsync(10, CancellationToken.None));
        Assert.Equal((AuditActions.RoleRemove, "pm, gtm", "pm"), (entry.Action, entry.Before, entry.After));
    }

    [Fact]
    public async Task Role_PlatformMention_FindsPersonByIdentityOnAskersPlatform()
    {
        await using var chat = await TestChat.StartAsync();
        var maya = await chat.PersonAsync("Maya Ops", "maya", Role.Admin);
        var priya = await chat.PersonAsync("Priya Patel", "priya");

        await chat.SayAsync(maya, "/productops role <@priya|Priya> account-owner");

        Assert.True((await chat.People.FindAsync(priya.Id, CancellationToken.None))!.Has(Role.AccountOwner));
    }

    [Fact]
    public async Task Role_AskedByPm_RefusedNamingAdminRoleAndChangesNothing()
    {
        await using var chat = await TestChat.StartAsync();
        await chat.PersonAsync("Maya Ops", "maya", Role.Admin);
        var priya = await chat.PersonAsync("Priya Patel", "priya", Role.Pm);

        var text = await chat.SayAsync(priya, "/productops role @priya admin");

        Assert.Contains("/productops role needs the admin role. You have PM.", text);
        Assert.False((await chat.People.FindAsync(priya.Id, CancellationToken.None))!.Has(Role.Admin));
        Assert.Empty(await chat.Audit.LatestAsync(10, CancellationToken.None));
    }

    [Fact]
    public async Task Role_RemovingLastAdmin_RefusedAndChangesNothing()
    {
        await using var chat = await TestChat.StartAsync();
        var maya = await chat.PersonAsync("Maya Ops", "maya", Role.Admin);

        var text = await chat.SayAsync(maya, "/productops role @maya -admin");

        Assert.Contains("@Maya Ops is the last admin", text);
        Assert.True((await chat.People.FindAsync(maya.Id, CancellationToken.None))!.Has(Role.Admin));
        Assert.Empty(await chat.Audit.LatestAsync(10, CancellationToken.None));
    }

    [Fact]
    public async Task Role_RemovingAdminWhenAnotherAdminExists_Removes()
    {
        await using var chat = await TestChat.StartAsync();
        var maya = await chat.PersonAsync("Maya Ops", "maya", Role.Admin);
        await chat.PersonAsync("Helen Zhang", "helen", Role.Admin, Role.Leader);

        var text = await chat.SayAsync(maya, "/productops role @helen -admin");

        Assert.Contains("Removed the admin role from @Helen Zhang", text);
    }

    [Fact]
    public async Task Role_UnknownPerson_SaysSoWithSuggestionAndHowToFindPeople()
    {
        await using var chat = await TestChat.StartAsync();
        var maya = await chat.PersonAsync("Maya Ops", "maya", Role.Admin);
        await chat.PersonAsync("Priya Patel", "priya");

        var text = await chat.SayAsync(maya, "/productops role @priyaa pm");

        Assert.Contains("I don't know anyone called @priyaa. Did you mean @priya?", text);
        Assert.Contains("/productops people lists everyone I know", text);
        Assert.Contains("Usage: /productops role", text);
        Assert.Empty(await chat.Audit.LatestAsync(10, CancellationToken.None));
    }

    [Fact]
    public async Task Role_UnknownRole_SuggestsClosestAndListsRoles()
    {
        await using var chat = await TestChat.StartAsync();
        var maya = await chat.PersonAsync("Maya Ops", "maya", Role.Admin);
        var priya = await chat.PersonAsync("Priya Patel", "priya");

        var text = await chat.SayAsync(maya, "/productops role @priya -admn");

        Assert.Contains("There is no role admn. Did you mean admin?", text);
        Assert.Contains("Roles: admin, pm, leader, gtm, account-owner.", text);
        Assert.Empty((await chat.People.FindAsync(priya.Id, CancellationToken.None))!.Roles);
    }

    [Fact]
    public async Task Role_MissingRole_AsksForPersonAndRole()
    {
        await using var chat = await TestChat.StartAsync();
        var maya = await chat.PersonAsync("Maya Ops", "maya", Role.Admin);

        var text = await chat.SayAsync(maya, "/productops role @maya");

        Assert.Contains("Name a person and a role.", text);
        Assert.Contains("Example: /productops role @priya pm", text);
    }

    [Fact]
    public async Task Role_AlreadyHeld_SaysNothingChangedAndWritesNoAudit()
    {
        await using var chat = await TestChat.StartAsync();
        var maya = await chat.PersonAsync("Maya Ops", "maya", Role.Admin);
        await chat.PersonAsync("Priya Patel", "priya", Role.Pm);

        var text = await chat.SayAsync(maya, "/productops role @priya pm");

        Assert.Contains("already has the PM role; nothing changed", text);
        Assert.Empty(await chat.Audit.LatestAsync(10, CancellationToken.None));
    }
}
