using ProductOps.Skills.Conversation;

namespace ProductOps.Skills.Admin;

/// <summary><c>/productops area add "Payments" owner=@priya channel=#payments-feedback aliases=pay,billing</c>.</summary>
public sealed class AddAreaHandler(IPeopleStore people, IAreaStore areas, IAuditLog audit) : ICommandHandler
{
    private static readonly string[] Required = ["owner", "channel"];

    public static readonly CommandSpec Spec = new(
        Router.Umbrella,
        "area add",
        "Adds a product area with its owner PM and triage channel.",
        "/productops area add \"<name>\" owner=@<pm> channel=#<channel> [aliases=<a>,<b>]",
        "/productops area add \"Payments\" owner=@priya channel=#payments-feedback aliases=pay,billing")
    {
        Details = "Feedback about the area goes to its triage channel and owner. The owner needs the PM role. Names and aliases are unique, ignoring case.",
        Roles = new HashSet<Role> { Role.Admin },
    };

    public async Task<Response> HandleAsync(CommandRequest request, CancellationToken ct)
    {
        if (ArgCheck.Shape(request.Args, Spec, 1, "owner", "channel", "aliases") is { } shape)
        {
            return shape;
        }

        var name = ArgCheck.First(request.Args)?.Value.Trim() ?? "";
        if (AreaArgs.Name(name, Spec) is { } badName)
        {
            return badName;
        }

        var missing = Required.Where(k => request.Args.Named(k) is null).ToArray();
        if (missing.Length > 0)
        {
            return AdminReplies.Problem(Markup.Of($"A new area needs {string.Join(" and ", missing.Select(k => k + "="))}."), Spec);
        }

        var (input, problem) = await AreaArgs.ReadAsync(request, people, Spec, ct);
        if (problem is not null)
        {
            return problem;
        }

        var aliases = input!.Aliases ?? [];
        if (AreaArgs.Clash(name, aliases, await areas.ListAsync(ct), null, Spec) is { } clash)
        {
            return clash;
        }

        var draft = new AreaDraft(name, aliases, input.Owner!.Id, input.Channel!);
        if (await areas.AddAsync(draft, ct) is not { } area)
        {
            return AdminReplies.Problem(Markup.Of($"There is already an area called {Md.Bold(name)}."), Spec);
        }

        await audit.WriteAsync(AuditChange.By(request.Person, AuditActions.AreaAdd, area.Name, null, AreaText.Describe(area, input.Owner)), ct);
        return Response.Say(Markup.Of($"Added the area {Md.Bold(area.Name)}, owned by {Md.User(input.Owner)}, triaged in {Md.Channel(area.Channel)}.")
                            + AreaText.AliasSentence(area));
    }
}
