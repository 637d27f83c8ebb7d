using ProductOps.Skills.Conversation;

namespace ProductOps.Skills.Admin;

public static class PersonLookup
{
    /// <summary>
    /// The person an argument names: a platform mention is looked up as an identity on the asker's
    /// platform and workspace; anything else (or a mention of someone not linked yet) by handle or e-mail.
    /// </summary>
    public static async Task<Person?> FindAsync(this IPeopleStore people, Arg arg, ChatIdentity asker, CancellationToken ct)
    {
        if (arg.Kind == ArgKind.Channel)
        {
            return null;
        }

        if (arg.Kind == ArgKind.Person && arg.PlatformId is { } userId
            && await people.FindByIdentityAsync(asker with { UserId = userId }, ct) is { } mentioned)
        {
            return mentioned;
        }

        var typed = arg.Value.Trim().TrimStart('@');
        return typed.Length == 0 ? null : await people.FindByHandleAsync(typed, ct);
    }
}
