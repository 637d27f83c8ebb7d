namespace ProductOps.Skills.Conversation;

/// <summary>The one place that decides whether a person may use a surface, and says why not.</summary>
public static class Access
{
    public static Response? Refusal(Person person, IReadOnlySet<Role> needed, string what)
    {
        if (needed.Count == 0 || needed.Any(person.Has))
        {
            return null;
        }

        var roles = string.Join(" or ", needed.Order().Select(RoleNames.Display));
        var theirs = person.Roles.Count == 0 ? "no roles yet" : string.Join(", ", person.Roles.Order().Select(RoleNames.Display));
        // Suggest the narrowest role that would do: admin only when nothing else would.
        var grant = needed.OrderBy(r => r == Role.Admin).ThenBy(r => r).First();
        return Response.Say(Markup.Of(
            $"{what} needs the {Md.Bold(roles)} role. You have {theirs}. An admin can grant it with {Md.Code("/productops role @you " + RoleNames.Key(grant))}."));
    }
}

/// <summary>How roles are typed in commands and shown in replies.</summary>
public static class RoleNames
{
    private static readonly Dictionary<string, Role> ByKey = new(StringComparer.OrdinalIgnoreCase)
    {
        ["admin"] = Role.Admin,
        ["pm"] = Role.Pm,
        ["leader"] = Role.Leader,
        ["gtm"] = Role.Gtm,
        ["account-owner"] = Role.AccountOwner,
        ["accountowner"] = Role.AccountOwner,
        ["account_owner"] = Role.AccountOwner,
    };

    public static IReadOnlyList<string> Keys => ["admin", "pm", "leader", "gtm", "account-owner"];

    public static bool TryParse(string text, out Role role) => ByKey.TryGetValue(text.Trim(), out role);

    public static string Key(Role role) => role switch
    {
        Role.AccountOwner => "account-owner",
        _ => role.ToString().ToLowerInvariant(),
    };

    public static string Display(Role role) => role switch
    {
        Role.Pm => "PM",
        Role.Gtm => "GTM",
        Role.AccountOwner => "account owner",
        _ => role.ToString().ToLowerInvariant(),
    };
}
