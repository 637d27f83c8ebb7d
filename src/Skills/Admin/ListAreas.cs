using ProductOps.Skills.Conversation;

namespace ProductOps.Skills.Admin;

/// <summary><c>/productops areas</c>: product areas with their owners and triage channels.</summary>
public sealed class ListAreasHandler(IPeopleStore people, IAreaStore areas) : ICommandHandler
{
    public static readonly CommandSpec Spec = new(Router.Umbrella, "areas", "Lists product areas, their owner PMs and triage channels.", "/productops areas", "/productops areas");

    public async Task<Response> HandleAsync(CommandRequest request, CancellationToken ct)
    {
        if (ArgCheck.Shape(request.Args, Spec, 0) is { } shape)
        {
            return shape;
        }

        var all = await areas.ListAsync(ct);
        if (all.Count == 0)
        {
            return Response.Say(Markup.Of($"There are no product areas yet. An admin adds one with {Md.Code(AddAreaHandler.Spec.Examples[0])}."));
        }

        var owners = (await people.ListAsync(ct)).ToDictionary(p => p.Id);
        var reply = new ReplyBuilder().Header($"Product areas ({all.Count})");
        foreach (var area in all.OrderBy(a => a.Name, StringComparer.OrdinalIgnoreCase))
        {
            var owner = owners.TryGetValue(area.OwnerId, out var person) ? Md.User(person) : Markup.Text("unknown");
            var aliases = area.Aliases.Count == 0 ? "none" : string.Join(", ", area.Aliases);
            reply.Section(Md.Bold(area.Name), new Field("Owner", owner), new Field("Triage", Md.Channel(area.Channel)), new Field("Aliases", aliases));
        }

        return Response.Say(reply.Build());
    }
}
