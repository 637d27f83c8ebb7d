using ProductOps.Skills.Conversation;

namespace ProductOps.Skills.Admin;

/// <summary><c>/productops area remove "Payments"</c>.</summary>
public sealed class RemoveAreaHandler(IPeopleStore people, IAreaStore areas, IAuditLog audit) : ICommandHandler
{
    public static readonly CommandSpec Spec = new(Router.Umbrella, "area remove", "Removes a product area.", "/productops area remove \"<area>\" [confirm]", "/productops area remove \"Payments\"")
    {
        Details = "An area that still holds feedback or themes is removed only with confirm; they are then left with no area, for product ops to triage. The audit log keeps what the area looked like.",
        Roles = new HashSet<Role> { Role.Admin },
    };

    public async Task<Response> HandleAsync(CommandRequest request, CancellationToken ct)
    {
        if (ArgCheck.Shape(request.Args, Spec, 2) is { } shape)
        {
            return shape;
        }

        var (confirmed, notConfirm) = ArgCheck.Confirmation(request.Args, Spec);
        if (notConfirm is not null)
        {
            return notConfirm;
        }

        var (area, unknown) = await AreaArgs.FindAsync(areas, ArgCheck.First(request.Args), Spec, ct);
        if (area is null)
        {
            return unknown!;
        }

        var usage = await areas.UsageAsync(area.Id, ct);
        if (!usage.IsEmpty && !confirmed)
        {
            return Response.Say(Markup.Of(
                $"{Md.Bold(area.Name)} still holds {Holds(usage)}. Removed, it would leave them with no area, for product ops to triage. "
                + $"Move them first ({Md.Code("/feedback move")}), or remove it anyway with {Md.Code($"/productops area remove \"{area.Name}\" {ArgCheck.Confirm}")}. Nothing changed."));
        }

        var owner = await people.FindAsync(area.OwnerId, ct);
        if (!await areas.RemoveAsync(area.Id, ct))
        {
            return AdminReplies.UnknownArea(area.Name, await areas.ListAsync(ct), Spec);
        }

        await audit.WriteAsync(AuditChange.By(request.Person, AuditActions.AreaRemove, area.Name, AreaText.Describe(area, owner), null), ct);
        var left = usage.IsEmpty ? "" : $" It held {Holds(usage)}; they now have no area, for product ops to triage.";
        return Response.Say(Markup.Of($"Removed the area {Md.Bold(area.Name)}.{left}"));
    }

    private static string Holds(AreaUsage usage) =>
        string.Join(" and ", new[] { (usage.FeedbackItems, "feedback item"), (usage.Themes, "theme") }
            .Where(c => c.Item1 > 0)
            .Select(c => c.Item1.ToString("#,0", System.Globalization.CultureInfo.InvariantCulture) + " " + c.Item2 + (c.Item1 == 1 ? "" : "s")));
}
