using ProductOps.Skills.Conversation;
using ProductOps.Skills.Tests.TestKit;

namespace ProductOps.Skills.Tests.Admin;

public sealed class ShowProfileTests
{
    [Fact]
    public async Task WhoAmI_KnownPerson_ShowsNameHandleRolesIdentitiesAndTimeZone()
    {
        await using var chat = await TestChat.StartAsync();
        var priya = await chat.PersonAsync("Priya Patel", "priya", Role.Pm, Role.Leader);

        var text = await chat.SayAsync(priya, "/productops whoami");

        Assert.Contains("Priya Patel", text);
        Assert.Contains("@priya", text);
        Assert.Contains("PM, leader", text);
        Assert.Contains("devchat · local · priya", text);
        Assert.Contains("Europe/London", text);
    }

    [Fact]
    public async Task WhoAmI_FirstContactWithUnicodeName_CreatesPersonWithoutRoles()
    {
        await using var chat = await TestChat.StartAsync();
        var stranger = new Person(0, "Zoë Ångström", "zoe", null, null, new HashSet<Role>(), [TestChat.Identity("U-ZOE")]);

        var text = await chat.SayAsync(stranger, "/productops whoami");

        Assert.Contains("Zoë Ångström", text);
        Assert.Contains("@zoë.ångström", text);
        Assert.Contains("no roles", text);
    }

    [Fact]
    public async Task WhoAmI_WithExtraWords_ExplainsAndShowsUsage()
    {
        await using var chat = await TestChat.StartAsync();
        var priya = await chat.PersonAsync("Priya Patel", "priya", Role.Pm);

        var text = await chat.SayAsync(priya, "/productops whoami please");

        Assert.Contains("I don't know what to do with please", text);
        Assert.Contains("Usage: /productops whoami", text);
    }
}
