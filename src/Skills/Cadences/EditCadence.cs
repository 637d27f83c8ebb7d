using ProductOps.Skills.Conversation;

namespace ProductOps.Skills.Cadences;

/// <summary><c>/cadence edit &lt;name&gt;</c>: opens the cadence form with its settings; saving reschedules it.</summary>
public sealed class EditCadenceHandler(ICadenceStore cadences) : ICommandHandler
{
    public static readonly CommandSpec Spec = new(
        CadenceArgs.Command,
        "edit",
        "Changes a cadence's template, schedule, participants, window, reminders or digest (opens a form).",
        "/cadence edit <name>",
        "/cadence edit Monthly roadmap check-in")
    {
        Details = "Saving reschedules the next opening; a cycle already open keeps its window.",
        Roles = CadenceArgs.Admins,
    };

    public async Task<Response> HandleAsync(CommandRequest request, CancellationToken ct)
    {
        var (cadence, problem) = await CadenceArgs.FindAsync(cadences, request.Args.Text, Spec, ct);
        return problem ?? Response.Open(CadenceForm.Build(cadence, request.Person));
    }
}
