using ProductOps.Skills.Admin;
using ProductOps.Skills.Conversation;

namespace ProductOps.Skills.Cadences;

/// <summary><c>/cadence create</c>: opens the cadence form.</summary>
public sealed class CreateCadenceHandler : ICommandHandler
{
    public static readonly CommandSpec Spec = new(
        CadenceArgs.Command,
        "create",
        "Creates a recurring check-in from a built-in template (opens a form).",
        "/cadence create",
        "/cadence create")
    {
        Details = "Templates: " + string.Join("; ", Templates.All.Select(t => $"{t.Key} ({t.Title})")) + ". Schedules read like \"monthly on the first Monday at 10:00\".",
        Roles = CadenceArgs.Admins,
    };

    public Task<Response> HandleAsync(CommandRequest request, CancellationToken ct) =>
        Task.FromResult(ArgCheck.Shape(request.Args, Spec, 0) ?? Response.Open(CadenceForm.Build(null, request.Person)));
}
