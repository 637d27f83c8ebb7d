using ProductOps.Skills.Admin;
using ProductOps.Skills.Conversation;

namespace ProductOps.Skills.Metrics;

/// <summary><c>/okr create "Grow enterprise revenue" team=Payments [owner=@priya] [quarter=2026-Q2] [parent=O-3]</c>.</summary>
public sealed class CreateObjectiveHandler(IOkrStore okrs, OkrBoard board, IPeopleStore people, IAuditLog audit) : ICommandHandler
{
    public const int MaxTitleLength = 150;

    public static readonly CommandSpec Spec = new(
        "okr",
        "create",
        "Creates an objective for a quarter; add its 2–5 key results with /okr kr add.",
        "/okr create \"<title>\" team=<team> [owner=@<person>] [quarter=<2026-Q2>] [parent=O-<n>]",
        "/okr create \"Grow enterprise revenue\" team=Payments owner=@priya")
    {
        Details = "You own the objectives you create; only admins create them for someone else. The quarter defaults to the current one.",
        Roles = new HashSet<Role> { Role.Admin, Role.Pm, Role.Leader },
    };

    public async Task<Response> HandleAsync(CommandRequest request, CancellationToken ct)
    {
        if (ArgCheck.Shape(request.Args, Spec, 1, "team", "owner", "quarter", "parent") is { } shape)
        {
            return shape;
        }

        var title = ArgCheck.First(request.Args)?.Value.Trim() ?? "";
        if (title.Length is 0 or > MaxTitleLength)
        {
            return AdminReplies.Problem($"Give the objective a title of 1–{MaxTitleLength} characters, in \"quotes\".", Spec);
        }

        var team = request.Args.Named("team")?.Value.Trim() ?? "";
        if (team.Length is 0 or > 80)
        {
            return AdminReplies.Problem("Say which team or product area the objective belongs to with team=, like team=Payments.", Spec);
        }

        var owner = request.Person;
        if (request.Args.Named("owner") is { } ownerArg)
        {
            if (await people.FindAsync(ownerArg, request.Inbound.From.Identity, ct) is not { } found)
            {
                return AdminReplies.UnknownPerson(ownerArg, await people.ListAsync(ct), Spec);
            }

            owner = found;
        }

        if (owner.Id != request.Person.Id && !request.Person.Has(Role.Admin))
        {
            return AdminReplies.Problem(Markup.Of($"Only admins create objectives for someone else. Leave out owner= to own it yourself, or ask {Md.User(owner)} to create it."), Spec);
        }

        var quarter = board.CurrentQuarter;
        if (request.Args.Named("quarter") is { } q)
        {
            if (Quarter.Parse(q.Value, board.CurrentQuarter) is not { } parsed)
            {
                return AdminReplies.Problem(Markup.Of($"{Md.Code("quarter=" + q.Value)} is not a quarter. Write it like 2026-Q2."), Spec);
            }

            quarter = parsed;
        }

        long? parentId = null;
        if (request.Args.Named("parent") is { } p)
        {
            if (Codes.ParseObjective(p.Value) is not { } pid || await okrs.FindObjectiveAsync(pid, ct) is null)
            {
                return AdminReplies.Problem(Markup.Of($"{Md.Code(p.Value)} is not an objective. Give the parent's code, like parent=O-3."), Spec);
            }

            parentId = pid;
        }

        // Imports match objectives by title within a quarter, so a title names one objective there.
        if ((await okrs.ListAsync(quarter, ct)).FirstOrDefault(o => o.Title.Equals(title, StringComparison.OrdinalIgnoreCase)) is { } twin)
        {
            return AdminReplies.Problem(Markup.Of($"{Md.Bold($"{twin.Code} {twin.Title}")} already exists in {quarter}. Add key results to it, or give this objective another title."), Spec);
        }

        var objective = await okrs.AddObjectiveAsync(new ObjectiveDraft(title, owner.Id, team, quarter, parentId), ct);
        await audit.WriteAsync(AuditChange.By(request.Person, MetricAudit.ObjectiveCreate, $"{objective.Code} {title}", null, $"team={team}; owner={AuditText.Person(owner)}; quarter={quarter}"), ct);
        return Response.Say(Markup.Of(
            $"Created {Md.Bold($"{objective.Code} {title}")} for {team} in {quarter}, owned by {Md.User(owner)}.\nAdd 2–5 key results: {Md.Code($"/okr kr add {objective.Code} \"<title>\" target=<n> [start=<n>] [unit=percent] [metric=<key>]")}"));
    }
}
