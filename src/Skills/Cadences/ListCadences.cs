using ProductOps.Skills.Admin;
using ProductOps.Skills.Conversation;

namespace ProductOps.Skills.Cadences;

/// <summary><c>/cadence list</c>: every cadence with its schedule and next opening.</summary>
public sealed class ListCadencesHandler(ICadenceStore cadences, ICadenceScheduler scheduler, TimeProvider clock) : ICommandHandler
{
    public static readonly CommandSpec Spec = new(CadenceArgs.Command, "list", "Lists the cadences, their schedules and when each opens next.", "/cadence list", "/cadence list");

    public async Task<Response> HandleAsync(CommandRequest request, CancellationToken ct)
    {
        if (ArgCheck.Shape(request.Args, Spec, 0) is { } shape)
        {
            return shape;
        }

        var all = await cadences.ListAsync(ct);
        if (all.Count == 0)
        {
            return Response.Say(Markup.Of($"There are no cadences yet. An admin creates one with {Md.Code("/cadence create")}."));
        }

        var reply = new ReplyBuilder().Header($"Cadences ({all.Count})");
        foreach (var cadence in all)
        {
            var zone = cadence.Draft.Zone;
            var next = cadence.Paused ? null : await scheduler.NextOpeningAsync(cadence.Id, ct);
            var when = cadence.Paused ? "paused" : next is { } n ? "next opens " + Zones.Show(n, zone, clock.GetUtcNow()) + $" ({zone.Id})" : "not scheduled";
            reply.Section(Markup.Of($"{Md.Bold(cadence.Name)}: {cadence.Draft.Form.Title}, {cadence.Draft.ParsedSchedule.Describe()}; {when}."));
        }

        return Response.Say(reply.Context(Markup.Of($"{Md.Code("/cadence show <name>")} for details, {Md.Code("/cadence status <name>")} for the current cycle.")).Build());
    }
}
