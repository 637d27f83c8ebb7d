using ProductOps.Skills.Admin;
using ProductOps.Skills.Conversation;

namespace ProductOps.Skills.Cadences;

/// <summary><c>/cadence resume &lt;name&gt;</c>: schedules the next opening, and the rest of a cycle still open.</summary>
public sealed class ResumeCadenceHandler(ICadenceStore cadences, ICycleStore cycles, CadenceCycles life, IAuditLog audit) : ICommandHandler
{
    public static readonly CommandSpec Spec = new(
        CadenceArgs.Command,
        "resume",
        "Resumes a paused cadence from its next scheduled opening.",
        "/cadence resume <name>",
        "/cadence resume Monthly roadmap check-in")
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

        if (!cadence.Paused)
        {
            return Response.Say(Markup.Of($"{Md.Bold(cadence.Name)} is not paused; nothing changed."));
        }

        await cadences.SetPausedAsync(cadence.Id, false, ct);
        cadence = cadence with { Paused = false };
        var next = await life.ScheduleNextAsync(cadence, ct);
        if (await cycles.LatestAsync(cadence.Id, ct) is { ClosedAt: null } open)
        {
            await life.ScheduleStepsAsync(cadence, open, ct);
        }

        await audit.WriteAsync(AuditChange.By(request.Person, CadenceAudit.Resume, cadence.Name, "paused", "active"), ct);
        return Response.Say(Markup.Of($"Resumed {Md.Bold(cadence.Name)}; the next cycle opens {Zones.Show(next, cadence.Draft.Zone)} ({cadence.Draft.Zone.Id})."));
    }
}
