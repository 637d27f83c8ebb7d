using ProductOps.Skills.Admin;
using ProductOps.Skills.Conversation;

namespace ProductOps.Skills.Cadences;

/// <summary><c>/cadence delete &lt;name&gt;</c>: unschedules it; past cycles and submissions are kept.</summary>
public sealed class DeleteCadenceHandler(ICadenceStore cadences, ICadenceScheduler scheduler, IAuditLog audit) : ICommandHandler
{
    public static readonly CommandSpec Spec = new(
        CadenceArgs.Command,
        "delete",
        "Deletes a cadence: nothing more opens or is sent; past submissions are kept.",
        "/cadence delete <name>",
        "/cadence delete Launch readiness review")
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

        await scheduler.UnscheduleAsync(cadence.Id, ct);
        await cadences.DeleteAsync(cadence.Id, ct);
        await audit.WriteAsync(AuditChange.By(request.Person, CadenceAudit.Delete, cadence.Name, CadenceArgs.Describe(cadence.Draft), null), ct);
        return Response.Say(Markup.Of($"Deleted {Md.Bold(cadence.Name)}: nothing more opens or is sent. Its past cycles and submissions are kept."));
    }
}
