using ProductOps.Skills.Admin;
using ProductOps.Skills.Conversation;

namespace ProductOps.Skills.Cadences;

/// <summary><c>/cadence show &lt;name&gt;</c>: a cadence's settings in words, with its next three openings.</summary>
public sealed class ShowCadenceHandler(ICadenceStore cadences, IPeopleStore people, TimeProvider clock) : ICommandHandler
{
    public static readonly CommandSpec Spec = new(CadenceArgs.Command, "show", "Shows a cadence's template, schedule, participants and digest.", "/cadence show <name>", "/cadence show Monthly roadmap check-in");

    public async Task<Response> HandleAsync(CommandRequest request, CancellationToken ct)
    {
        var (cadence, problem) = await CadenceArgs.FindAsync(cadences, request.Args.Text, Spec, ct);
        if (cadence is null)
        {
            return problem!;
        }

        var everyone = (await people.ListAsync(ct)).ToDictionary(p => p.Id);
        var next = cadence.Paused ? [] : cadence.Draft.ParsedSchedule.Next(clock.GetUtcNow(), cadence.Draft.Zone, 3, cadence.Draft.Skips);
        var questions = string.Join("\n", cadence.Draft.Form.Questions.Select((q, i) => $"{i + 1}. {q.Label}{(q.Required ? " (required)" : "")}"));
        return Response.Say(new ReplyBuilder()
            .Header(cadence.Name + (cadence.Paused ? " (paused)" : ""))
            .Section(Markup.Empty, CadenceReplies.Describe(cadence, everyone, next))
            .Section(Markup.Of($"{Md.Bold("Questions")}\n{questions}"))
            .Build());
    }
}
