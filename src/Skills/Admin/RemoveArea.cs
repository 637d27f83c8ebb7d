using ProductOps.Skills.Conversation;

namespace ProductOps.Skills.Admin;

/// <summary><c>/productops area remove "Payments"</c>.</summary>
public sealed class RemoveAreaHandler(IPeopleStore people, IAreaStore areas, IAuditLog audit) : ICommandHandler
{
    public static readonly CommandSpec Spec = new(Router.Umbrella, "area remove", "Removes a product area.", "/productops area remove \"<area>\"", "/productops area remove \"Payments\"")
    {
        Details = "The audit log keeps what the area looked like.",
        Roles = new HashSet<Role> { Role.Admin },
    };

    public async Task<Response> HandleAsync(CommandRequest request, CancellationToken ct)
    {
        if (ArgCheck.Shape(request.Args, Spec, 1) is { } shape)
        {
            return shape;
        }

        var (area, unknown) = await AreaArgs.FindAsync(areas, ArgCheck.First(request.Args), Spec, ct);
        if (area is null)
        {
            return unknown!;
        }

        var owner = await people.FindAsync(area.OwnerId, ct);
        if (!await areas.RemoveAsync(area.Id, ct))
        {
            return AdminReplies.UnknownArea(area.Name, await areas.ListAsync(ct), Spec);
        }

        await audit.WriteAsync(AuditChange.By(request.Person, AuditActions.AreaRemove, area.Name, AreaText.Describe(area, owner), null), ct);
        return Response.Say(Markup.Of($"Removed the area {Md.Bold(area.Name)}."));
    }
}
