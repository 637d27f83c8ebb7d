using ProductOps.Skills.Conversation;

namespace ProductOps.Skills.Admin;

/// <summary><c>/productops area edit "Payments" owner=@x channel=#y name="New name" aliases=…</c>: changes only what is given.</summary>
public sealed class EditAreaHandler(IPeopleStore people, IAreaStore areas, IAuditLog audit) : ICommandHandler
{
    private static readonly string[] Options = ["name", "owner", "channel", "aliases"];

    public static readonly CommandSpec Spec = new(
        Router.Umbrella,
        "area edit",
        "Changes a product area's name, owner PM, triage channel or aliases.",
        "/productops area edit \"<area>\" [name=\"<new name>\"] [owner=@<pm>] [channel=#<channel>] [aliases=<a>,<b>]",
        "/productops area edit \"Payments\" owner=@sam channel=#payments-triage")
    {
        Details = "Only the options given change. aliases= replaces the whole list; aliases=\"\" clears it.",
        Roles = new HashSet<Role> { Role.Admin },
    };

    public async Task<Response> HandleAsync(CommandRequest request, CancellationToken ct)
    {
        if (ArgCheck.Shape(request.Args, Spec, 1, Options) is { } shape)
        {
            return shape;
        }

        var (area, unknown) = await AreaArgs.FindAsync(areas, ArgCheck.First(request.Args), Spec, ct);
        if (area is null)
        {
            return unknown!;
        }

        if (!request.Args.Keys.Any())
        {
            return AdminReplies.Problem(Markup.Of($"Say what to change about {Md.Bold(area.Name)}: name=, owner=, channel= or aliases=."), Spec);
        }

        var (input, problem) = await AreaArgs.ReadAsync(request, people, Spec, ct);
        if (problem is not null)
        {
            return problem;
        }

        var draft = new AreaDraft(input!.Name ?? area.Name, input.Aliases ?? area.Aliases, input.Owner?.Id ?? area.OwnerId, input.Channel ?? area.Channel);
        if (AreaArgs.Clash(draft.Name, draft.Aliases, await areas.ListAsync(ct), area.Id, Spec) is { } clash)
        {
            return clash;
        }

        var oldOwner = await people.FindAsync(area.OwnerId, ct);
        var owner = input.Owner ?? oldOwner;
        var after = new Area(area.Id, draft.Name, draft.Aliases, draft.OwnerId, draft.Channel);
        var (before, now) = (AreaText.Describe(area, oldOwner), AreaText.Describe(after, owner));
        if (before == now)
        {
            return Response.Say(Markup.Of($"{Md.Bold(area.Name)} already looks like that; nothing changed."));
        }

        if (!await areas.UpdateAsync(area.Id, draft, ct))
        {
            return AdminReplies.UnknownArea(area.Name, await areas.ListAsync(ct), Spec);
        }

        await audit.WriteAsync(AuditChange.By(request.Person, AuditActions.AreaEdit, area.Name, before, now), ct);
        var text = Markup.Of($"Updated {Md.Bold(after.Name)}: owner ");
        text += owner is null ? Markup.Of($"person {after.OwnerId}") : Markup.Of($"{Md.User(owner)}");
        return Response.Say(text + Markup.Of($", triaged in {Md.Channel(after.Channel)}.") + AreaText.AliasSentence(after));
    }
}
