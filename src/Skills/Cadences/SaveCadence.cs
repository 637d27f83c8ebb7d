using System.Globalization;
using ProductOps.Skills.Admin;
using ProductOps.Skills.Conversation;

namespace ProductOps.Skills.Cadences;

/// <summary>The submitted cadence form: checks everything, saves, audits, (re)schedules and echoes what was understood.</summary>
public sealed class SaveCadenceHandler(ICadenceStore cadences, IPeopleStore people, IAuditLog audit, CadenceCycles cycles, TimeProvider clock)
    : IFormHandler
{
    public async Task<Response> HandleAsync(FormSubmission submission, Person person, CancellationToken ct)
    {
        Cadence? existing = null;
        if (long.TryParse(submission.State, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
        {
            existing = await cadences.FindAsync(id, ct);
            if (existing is null)
            {
                return Response.Say("That cadence was deleted while the form was open; nothing was saved. Create it again with /cadence create.");
            }
        }

        var everyone = (await people.ListAsync(ct)).ToDictionary(p => p.Id);
        var form = CadenceForm.Build(existing, person);
        var (draft, errors) = CadenceForm.Read(form, submission.Values, everyone, existing?.Draft.Skips ?? []);
        if (draft is not null && await cadences.FindAsync(draft.Name, ct) is { } other && other.Id != existing?.Id)
        {
            errors["name"] = $"There is already a cadence called \"{other.Name}\". Choose another name, or edit that one with /cadence edit {other.Name}.";
        }

        if (draft is not null && errors.Count == 0 && (await cycles.ParticipantsAsync(draft.Participants, ct)).Count == 0)
        {
            errors["people"] = "Nobody matches these participants yet: nobody holds the chosen roles and no product area has an owner. Choose people too.";
        }

        if (errors.Count > 0)
        {
            return Response.Invalid(errors);
        }

        Cadence saved;
        if (existing is null)
        {
            if (await cadences.AddAsync(draft!, ct) is not { } added)
            {
                return Response.Invalid(new Dictionary<string, string> { ["name"] = $"There is already a cadence called \"{draft!.Name}\"." });
            }

            saved = added;
            await audit.WriteAsync(AuditChange.By(person, CadenceAudit.Create, saved.Name, null, CadenceArgs.Describe(saved.Draft)), ct);
        }
        else
        {
            if (!await cadences.UpdateAsync(existing.Id, draft!, ct))
            {
                return Response.Invalid(new Dictionary<string, string> { ["name"] = $"Another cadence is now called \"{draft!.Name}\"; choose another name." });
            }

            saved = existing with { Draft = draft! };
            await audit.WriteAsync(AuditChange.By(person, CadenceAudit.Edit, saved.Name, CadenceArgs.Describe(existing.Draft), CadenceArgs.Describe(saved.Draft)), ct);
        }

        var next = saved.Draft.ParsedSchedule.Next(clock.GetUtcNow(), saved.Draft.Zone, 3, saved.Draft.Skips);
        if (saved.Paused)
        {
            next = [];
        }
        else
        {
            await cycles.ScheduleNextAsync(saved, ct);
        }

        var verb = existing is null ? "Created" : "Updated";
        var pausedNote = saved.Paused ? " It is paused: nothing opens until /cadence resume." : "";
        return Response.Say(new ReplyBuilder()
            .Section(Markup.Of($"{verb} {Md.Bold(saved.Name)}. Here is what I understood:{pausedNote}"), CadenceReplies.Describe(saved, everyone, next))
            .Context(Markup.Of($"Try it now with {Md.Code("/cadence run " + saved.Name + " now")}; see who answered with {Md.Code("/cadence status " + saved.Name)}."))
            .Build());
    }
}
