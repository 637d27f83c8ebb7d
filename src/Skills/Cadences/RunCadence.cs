using System.Globalization;
using ProductOps.Skills.Admin;
using ProductOps.Skills.Conversation;

namespace ProductOps.Skills.Cadences;

/// <summary><c>/cadence run &lt;name&gt; now</c>: opens a cycle at once, with its usual window; how admins try a cadence out.</summary>
public sealed class RunCadenceHandler(ICadenceStore cadences, ICycleStore cycles, CadenceCycles life, IAuditLog audit, TimeProvider clock) : ICommandHandler
{
    public static readonly CommandSpec Spec = new(
        CadenceArgs.Command,
        "run",
        "Opens a cycle of a cadence now: participants get their DM straight away, or when their working day starts.",
        "/cadence run <name> now",
        "/cadence run Monthly roadmap check-in now")
    {
        Details = "The cycle is due after the cadence's usual window (moved to Monday if that ends on a weekend); the scheduled openings carry on as before.",
        Roles = CadenceArgs.Admins,
    };

    public async Task<Response> HandleAsync(CommandRequest request, CancellationToken ct)
    {
        var text = request.Args.Text.Trim();
        if (!text.EndsWith(" now", StringComparison.OrdinalIgnoreCase))
        {
            return AdminReplies.Problem(Markup.Of($"End with {Md.Code("now")} to confirm: a cycle opens at once and everyone taking part gets a DM."), Spec);
        }

        var (cadence, problem) = await CadenceArgs.FindAsync(cadences, text[..^4], Spec, ct);
        if (cadence is null)
        {
            return problem!;
        }

        if (cadence.Paused)
        {
            return AdminReplies.Problem(Markup.Of($"{Md.Bold(cadence.Name)} is paused. Resume it first with {Md.Code("/cadence resume " + cadence.Name)}."), Spec);
        }

        if (await cycles.LatestAsync(cadence.Id, ct) is { ClosedAt: null } open && open.DueAt > clock.GetUtcNow())
        {
            return Response.Say(Markup.Of(
                $"Cycle {open.Number} of {Md.Bold(cadence.Name)} is still open until {Zones.Show(open.DueAt, cadence.Draft.Zone)} ({cadence.Draft.Zone.Id}); {Md.Code("/cadence status " + cadence.Name)} shows who answered."));
        }

        var cycle = await life.OpenNowAsync(cadence, ct);
        var members = await cycles.MembersAsync(cycle.Id, ct);
        var now = await life.NudgedAtOpeningAsync(cadence, cycle, ct);
        await audit.WriteAsync(AuditChange.By(request.Person, CadenceAudit.Run, cadence.Name, null, $"cycle {cycle.Number} opened now"), ct);
        var later = members.Count - now;
        var when = members.Count == 0 ? ""
            : later == 0 ? " All of them get their DM now."
            : $" {now} get their DM now; {later} when their working day starts ({SensibleHours.Start.ToString("H:mm", CultureInfo.InvariantCulture)}, Monday to Friday, their time), before the cycle is due.";
        return Response.Say(Markup.Of(
            $"Opened cycle {cycle.Number} of {Md.Bold(cadence.Name)} for {members.Count} participants, due {Zones.Show(cycle.DueAt, cadence.Draft.Zone)} ({cadence.Draft.Zone.Id}).{when}"));
    }
}
