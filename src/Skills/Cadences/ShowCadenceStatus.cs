using ProductOps.Skills.Conversation;

namespace ProductOps.Skills.Cadences;

/// <summary><c>/cadence status &lt;name&gt;</c>: the current cycle: who submitted, who is missing, who is away.</summary>
public sealed class ShowCadenceStatusHandler(ICadenceStore cadences, ICycleStore cycles, CadenceCycles life, ICadenceScheduler scheduler, TimeProvider clock) : ICommandHandler
{
    public static readonly CommandSpec Spec = new(
        CadenceArgs.Command,
        "status",
        "Shows this cycle of a cadence: who submitted, who is missing and who is away.",
        "/cadence status <name>",
        "/cadence status Monthly roadmap check-in");

    public async Task<Response> HandleAsync(CommandRequest request, CancellationToken ct)
    {
        var (cadence, problem) = await CadenceArgs.FindAsync(cadences, request.Args.Text, Spec, ct);
        if (cadence is null)
        {
            return problem!;
        }

        if (await cycles.LatestAsync(cadence.Id, ct) is not { } cycle)
        {
            var next = await scheduler.NextOpeningAsync(cadence.Id, ct);
            var when = next is { } n ? $"The first opens {Zones.Show(n, cadence.Draft.Zone)} ({cadence.Draft.Zone.Id})." : "It is not scheduled.";
            return Response.Say(Markup.Of($"{Md.Bold(cadence.Name)} has had no cycle yet. {when} An admin can open one now with {Md.Code("/cadence run " + cadence.Name + " now")}."));
        }

        return Response.Say(CadenceReplies.Status(await life.StateAsync(cadence, cycle, ct), clock.GetUtcNow()));
    }
}
