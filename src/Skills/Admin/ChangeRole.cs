using ProductOps.Skills.Conversation;

namespace ProductOps.Skills.Admin;

/// <summary><c>/productops role @someone pm</c> grants a role; <c>-pm</c> removes it. Every change is audited.</summary>
public sealed class ChangeRoleHandler(IPeopleStore people, IAuditLog audit) : ICommandHandler
{
    public static readonly CommandSpec Spec = new(Router.Umbrella, "role", "Grants a role to someone, or removes it with a leading minus.", "/productops role @person <role>|-<role>", "/productops role @priya pm", "/productops role @priya -pm")
    {
        Details = "Roles: admin, pm, leader, gtm, account-owner. The last admin keeps the admin role until someone else has it.",
        Roles = new HashSet<Role> { Role.Admin },
    };

    public async Task<Response> HandleAsync(CommandRequest request, CancellationToken ct)
    {
        if (ArgCheck.Shape(request.Args, Spec, 2) is { } problem)
        {
            return problem;
        }

        if (request.Args.Positional is not [var who, var what])
        {
            return AdminReplies.Problem("Name a person and a role.", Spec);
        }

        var removing = what.Value.StartsWith('-');
        var roleText = what.Value.TrimStart('-', '+');
        if (what.Kind != ArgKind.Word || !RoleNames.TryParse(roleText, out var role))
        {
            return AdminReplies.UnknownRole(roleText, Spec);
        }

        if (await people.FindAsync(who, request.Inbound.From.Identity, ct) is not { } person)
        {
            return AdminReplies.UnknownPerson(who, await people.ListAsync(ct), Spec);
        }

        if (person.Has(role) != removing)
        {
            var state = removing ? "does not have" : "already has";
            return Response.Say(Markup.Of($"{Md.User(person)} {state} the {Md.Bold(RoleNames.Display(role))} role; nothing changed."));
        }

        if (removing && role == Role.Admin && (await people.ListAsync(ct)).Count(p => p.Has(Role.Admin)) <= 1)
        {
            return Response.Say(Markup.Of(
                $"{Md.User(person)} is the last admin, so the admin role stays: without an admin nobody could change roles or areas. Grant it to someone else first."));
        }

        var roles = removing ? person.Roles.Where(r => r != role).ToHashSet() : person.Roles.Append(role).ToHashSet();
        await people.SetRolesAsync(person.Id, roles, ct);
        await audit.WriteAsync(
            AuditChange.By(request.Person, removing ? AuditActions.RoleRemove : AuditActions.RoleGrant, AuditText.Person(person), AuditText.Roles(person.Roles), AuditText.Roles(roles)),
            ct);
        var done = removing
            ? Markup.Of($"Removed the {Md.Bold(RoleNames.Display(role))} role from {Md.User(person)}.")
            : Markup.Of($"{Md.User(person)} now has the {Md.Bold(RoleNames.Display(role))} role.");
        return Response.Say(done + Markup.Of($" Roles now: {AdminReplies.Roles(roles)}."));
    }
}
