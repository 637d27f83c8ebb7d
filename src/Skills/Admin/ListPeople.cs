using ProductOps.Skills.Conversation;

namespace ProductOps.Skills.Admin;

/// <summary><c>/productops people [role=pm]</c>: everyone ProductOps knows, with their roles.</summary>
public sealed class ListPeopleHandler(IPeopleStore people) : ICommandHandler
{
    /// <summary>Lines shown in one reply; a filter narrows longer lists.</summary>
    public const int MaxShown = 100;

    public static readonly CommandSpec Spec = new(Router.Umbrella, "people", "Lists everyone I know and their roles.", "/productops people [role=<role>]", "/productops people", "/productops people role=pm")
    {
        Details = "Roles: admin, pm, leader, gtm, account-owner.",
    };

    public async Task<Response> HandleAsync(CommandRequest request, CancellationToken ct)
    {
        if (ArgCheck.Shape(request.Args, Spec, 0, "role") is { } problem)
        {
            return problem;
        }

        Role? filter = null;
        if (request.Args.Named("role") is { } typed)
        {
            if (!RoleNames.TryParse(typed.Value, out var role))
            {
                return AdminReplies.UnknownRole(typed.Value, Spec);
            }

            filter = role;
        }

        var everyone = await people.ListAsync(ct);
        var shown = everyone
            .Where(p => filter is null || p.Has(filter.Value))
            .OrderBy(p => p.Name, StringComparer.OrdinalIgnoreCase)
            .ToArray();
        var title = filter is { } r ? $"People with the {RoleNames.Display(r)} role" : "People";
        if (shown.Length == 0)
        {
            return Response.Say(filter is { } none
                ? Markup.Of($"Nobody has the {Md.Bold(RoleNames.Display(none))} role yet. An admin can grant it with {Md.Code("/productops role @someone " + RoleNames.Key(none))}.")
                : Markup.Of($"I don't know anyone yet. People appear here once they have used ProductOps."));
        }

        var lines = Markup.Empty;
        foreach (var person in shown.Take(MaxShown))
        {
            lines += Markup.Of($"{(lines.IsEmpty ? "" : "\n")}{Md.User(person)} {Md.Code("@" + person.Handle)}: {AdminReplies.Roles(person.Roles)}");
        }

        var reply = new ReplyBuilder().Header($"{title} ({shown.Length})").Section(lines);
        if (shown.Length > MaxShown)
        {
            reply.Context(Markup.Of($"Showing the first {MaxShown}; narrow the list with {Md.Code("role=")}."));
        }

        return Response.Say(reply.Build());
    }
}
