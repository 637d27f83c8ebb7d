using ProductOps.Skills.Conversation;
using ProductOps.Skills.Tests.TestKit;

namespace ProductOps.Skills.Tests.Admin;

public sealed class ListPeopleTests
{
    [Fact]
    public async Task People_NoFilter_ListsEveryoneWithRoles()
    {
        await using var chat = await TestChat.StartAsync();
        var maya = await chat.PersonAsync("Maya Ops", "maya", Role.Admin);
        await chat.PersonAsync("Priya Patel", "priya", Role.Pm);
        await chat.PersonAsync("Tom Becker", "tom");

        var text = await chat.SayAsync(maya, "/productops people");

        Assert.Contains("People (3)", text);
        Assert.Contains("@Maya Ops @maya: admin", text);
        Assert.Contains("@Priya Patel @priya: PM", text);
        Assert.Contains("@Tom Becker @tom: no roles", text);
    }

    [Fact]
    public async Task People_RoleFilter_ListsOnlyThatRole()
    {
        await using var chat = await TestChat.StartAsync();
        var maya = await chat.PersonAsync("Maya Ops", "maya", Role.Admin);
        await chat.PersonAsync("Priya Patel", "priya", Role.Pm);

        var text = await chat.SayAsync(maya, "/productops people role=pm");

        Assert.Contains("People with the PM role (1)", text);
        Assert.Contains("Priya Patel", text);
        Assert.DoesNotContain("Maya Ops", text);
    }

    [Fact]
    public async Task People_UnknownRoleFilter_SuggestsClosestRole()
    {
        await using var chat = await TestChat.StartAsync();
        var maya = await chat.PersonAsync("Maya Ops", "maya", Role.Admin);

        var text = await chat.SayAsync(maya, "/productops people role=leadr");

        Assert.Contains("There is no role leadr. Did you mean leader?", text);
        Assert.Contains("Usage: /productops people", text);
    }

    [Fact]
    public async Task People_UnknownOption_NamesTheOptionsItTakes()
    {
        await using var chat = await TestChat.StartAsync();
        var maya = await chat.PersonAsync("Maya Ops", "maya", Role.Admin);

        var text = await chat.SayAsync(maya, "/productops people team=payments");

        Assert.Contains("has no option team=", text);
        Assert.Contains("role=", text);
    }
}
