using ProductOps.Skills.Admin;
using ProductOps.Skills.Conversation;

namespace ProductOps.Skills.Cadences;

/// <summary><c>/cadence pause &lt;name&gt;</c>: no openings, nudges, reminders or digests until resumed.</summary>
public sealed class PauseCadenceHandler(ICadenceStore cadences, ICadenceScheduler scheduler, IAuditLog audit) : ICommandHandler
{
    public static readonly CommandSpec Spec = new(
        CadenceArgs.Command,
        "pause",
        "Pauses a cadence: nothing opens and nobody is nudged until it is resumed.",
        "/cadence pause <name>",
        "/cadence pause Monthly roadmap check-in")
    {
        Roles = CadenceArgs.Admins,
    };

    public async Task<Response> HandleAsync(CommandRequest request, CancellationToken ct)
    {
        var (cadence, problem) = await CadenceArgs.FindAsync(cadences, request.Args.Text, Spec, ct);
        if (cadence is null)
        {
            return problem!;
        }

        if (cadence.Paused)
        {
            return Response.Say(Markup.Of($"{Md.Bold(cadence.Name)} is already paused; {Md.Code("/cadence resume " + cadence.Name)} starts it again."));
        }

        await cadences.SetPausedAsync(cadence.Id, true, ct);
        await scheduler.UnscheduleAsync(cadence.Id, ct);
        await audit.WriteAsync(AuditChange.By(request.Person, CadenceAudit.Pause, cadence.Name, "active", "paused"), ct);
        return Response.Say(Markup.Of($"Paused {Md.Bold(cadence.Name)}: no cycle opens and nobody is nudged or reminded until {Md.Code("/cadence resume " + cadence.Name)}."));
    }
}
