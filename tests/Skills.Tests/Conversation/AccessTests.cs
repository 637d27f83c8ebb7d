using ProductOps.Skills.Conversation;
using ProductOps.Skills.Tests.TestKit;

namespace ProductOps.Skills.Tests.Conversation;

public sealed class AccessTests
{
    private static readonly Person Rep = new(1, "Tom Becker", "tom", null, null, new HashSet<Role> { Role.Gtm }, []);

    [Fact]
    public void Refusal_AdminOrPm_SuggestsGrantingPmNotAdmin()
    {
        var text = TestChat.PlainText(Access.Refusal(Rep, new HashSet<Role> { Role.Admin, Role.Pm }, "/participants request")!);

        Assert.Equal("/participants request needs the admin or PM role. You have GTM. An admin can grant it with /productops role @you pm.", text);
    }

    [Fact]
    public void Refusal_AdminOnly_SuggestsAdmin()
    {
        var text = TestChat.PlainText(Access.Refusal(Rep, new HashSet<Role> { Role.Admin }, "/productops audit")!);

        Assert.EndsWith("/productops role @you admin.", text);
    }

    [Fact]
    public void Refusal_PersonHoldingOneOfTheRoles_IsNull()
    {
        Assert.Null(Access.Refusal(Rep, new HashSet<Role> { Role.Pm, Role.Gtm }, "/feedback"));
    }
}
