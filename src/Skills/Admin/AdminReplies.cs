using ProductOps.Skills.Conversation;

namespace ProductOps.Skills.Admin;

/// <summary>The replies admin commands share: input problems with usage, and how people and roles read.</summary>
public static class AdminReplies
{
    /// <summary>A bad input: what is wrong, then the usage and an example, so the fix is one edit away.</summary>
    public static Response Problem(Markup problem, CommandSpec spec)
    {
        var usage = Markup.Of($"Usage: {Md.Code(spec.Usage)}");
        if (spec.Examples.Length > 0)
        {
            usage += Markup.Of($"\nExample: {Md.Code(spec.Examples[0])}");
        }

        return Response.Say(new ReplyBuilder().Section(problem).Context(usage).Build());
    }

    public static Response UnknownPerson(Arg typed, IEnumerable<Person> everyone, CommandSpec spec)
    {
        var people = everyone.ToArray();
        var close = Suggestions.Closest(typed.Value.TrimStart('@'), people.Select(p => p.Handle));
        var text = Markup.Of($"I don't know anyone called {Md.Code((typed with { Key = null }).Display)}.");
        if (close.Count > 0)
        {
            text += " Did you mean " + string.Join(" or ", close.Select(h => "@" + h)) + "?";
        }

        text += Markup.Of(
            $"\nPeople appear here once they have used ProductOps. Mention them with @, or give their handle or e-mail; {Md.Code("/productops people")} lists everyone I know.");
        return Problem(text, spec);
    }

    public static Response UnknownArea(string typed, IEnumerable<Area> areas, CommandSpec spec)
    {
        var known = areas.SelectMany(a => a.Aliases.Prepend(a.Name)).ToArray();
        var close = Suggestions.Closest(typed, known);
        var text = Markup.Of($"There is no product area called {Md.Bold(typed)}.");
        if (close.Count > 0)
        {
            text += " Did you mean " + string.Join(" or ", close.Select(n => $"\"{n}\"")) + "?";
        }

        text += Markup.Of($"\n{Md.Code("/productops areas")} lists them all.");
        return Problem(text, spec);
    }

    public static Response UnknownRole(string typed, CommandSpec spec)
    {
        var close = Suggestions.Closest(typed, RoleNames.Keys);
        var text = Markup.Of($"There is no role {Md.Code(typed)}.");
        if (close.Count > 0)
        {
            text += " Did you mean " + string.Join(" or ", close) + "?";
        }

        return Problem(text + "\nRoles: " + string.Join(", ", RoleNames.Keys) + ".", spec);
    }

    public static string Roles(IEnumerable<Role> roles)
    {
        var names = roles.Order().Select(RoleNames.Display).ToArray();
        return names.Length == 0 ? "no roles" : string.Join(", ", names);
    }
}
