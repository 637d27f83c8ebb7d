using ProductOps.Skills.Conversation;

namespace ProductOps.Skills.Cadences;

/// <summary>
/// A submitted update: stored per cycle and person, editable until due; a first update after the due
/// time is accepted and marked late. A refused edit keeps the form open, so nothing typed is lost.
/// </summary>
public sealed class SaveSubmissionHandler(ICadenceStore cadences, ICycleStore cycles, CadenceQuestions questions, TimeProvider clock) : IFormHandler
{
    public async Task<Response> HandleAsync(FormSubmission submission, Person person, CancellationToken ct)
    {
        var (cadence, cycle, problem) = await SubmissionAccess.FindAsync(cadences, cycles, submission.State, person, ct);
        if (problem is not null)
        {
            return problem;
        }

        var (asked, provider) = await questions.ForAsync(cadence!.Draft.Form, person, ct);
        var form = SubmissionForm.Build(cadence, cycle!, asked, null);
        var (answers, errors) = SubmissionForm.Read(form, asked, submission.Values);
        if (errors.Count > 0)
        {
            return Response.Invalid(errors);
        }

        var zone = Zones.Of(person.TimeZone, cadence.Draft.Zone);
        var due = Zones.Show(cycle!.DueAt, zone);
        var late = clock.GetUtcNow() > cycle.DueAt;
        var earlier = (await cycles.SubmissionsAsync(cycle.Id, ct)).FirstOrDefault(s => s.PersonId == person.Id);
        if (late && earlier is not null)
        {
            var first = form.Inputs[0].Id;
            return Response.Invalid(new Dictionary<string, string>
            {
                [first] = $"This check-in closed {due} your time, so the update you sent stays as it was. Copy anything you want to keep and share it with the roll-up channel.",
            });
        }

        await cycles.SaveAsync(cycle.Id, person.Id, answers, late, ct);
        if (provider is not null)
        {
            await provider.AppliedAsync(person, answers, ct);
        }

        var text = late
            ? Markup.Of($"Thanks: your update to {Md.Bold(cadence.Name)} is in, marked late because it closed {due} your time.")
            : Markup.Of($"Thanks: your update to {Md.Bold(cadence.Name)} is {(earlier is null ? "in" : "updated")}. You can change it until {Md.Bold(due)} your time with the same button.");
        return Response.Say(text, Visibility.DirectMessage);
    }
}
