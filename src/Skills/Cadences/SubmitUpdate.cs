using System.Globalization;
using ProductOps.Skills.Conversation;

namespace ProductOps.Skills.Cadences;

/// <summary>
/// The "Submit update" button of a nudge or reminder: opens the template as a form, prefilled with the
/// person's answers to this cycle, else with their answers to the previous one.
/// </summary>
public sealed class SubmitUpdateHandler(ICadenceStore cadences, ICycleStore cycles, CadenceQuestions questions) : IActionHandler
{
    public const string ActionId = "cadences.submit";

    public async Task<Response> HandleAsync(ActionInbound action, Person person, CancellationToken ct)
    {
        var (cadence, cycle, problem) = await SubmissionAccess.FindAsync(cadences, cycles, action.Value, person, ct);
        if (problem is not null)
        {
            return problem;
        }

        var mine = (await cycles.SubmissionsAsync(cycle!.Id, ct)).FirstOrDefault(s => s.PersonId == person.Id);
        var answers = mine?.Answers ?? (await cycles.PreviousAsync(cadence!.Id, person.Id, cycle.Id, ct))?.Answers;
        var (asked, _) = await questions.ForAsync(cadence!.Draft.Form, person, ct);
        return Response.Open(SubmissionForm.Build(cadence, cycle, asked, answers));
    }
}

/// <summary>Who may answer a cycle: its members, while the cadence exists.</summary>
public static class SubmissionAccess
{
    public static async Task<(Cadence? Cadence, Cycle? Cycle, Response? Problem)> FindAsync(
        ICadenceStore cadences, ICycleStore cycles, string? cycleId, Person person, CancellationToken ct)
    {
        if (!long.TryParse(cycleId, NumberStyles.None, CultureInfo.InvariantCulture, out var id) || await cycles.FindAsync(id, ct) is not { } cycle)
        {
            return (null, null, Response.Say("I can't find that check-in any more. Wait for the next nudge, or ask an admin."));
        }

        if (await cadences.FindAsync(cycle.CadenceId, ct) is not { } cadence)
        {
            return (null, null, Response.Say("That check-in was deleted by an admin, so it takes no more updates."));
        }

        if ((await cycles.MembersAsync(cycle.Id, ct)).All(m => m.PersonId != person.Id))
        {
            return (null, null, Response.Say(Markup.Of($"You are not a participant of {Md.Bold(cadence.Name)}, cycle {cycle.Number}, so there is nothing for you to submit. {Md.Code("/cadence show " + cadence.Name)} shows who takes part.")));
        }

        return (cadence, cycle, null);
    }
}
