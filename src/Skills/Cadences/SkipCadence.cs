using System.Globalization;
using ProductOps.Skills.Admin;
using ProductOps.Skills.Conversation;

namespace ProductOps.Skills.Cadences;

/// <summary><c>/cadence skip &lt;name&gt; &lt;date&gt;</c>: no cycle opens on that date (a holiday, an offsite).</summary>
public sealed class SkipCadenceHandler(ICadenceStore cadences, CadenceCycles life, IAuditLog audit, TimeProvider clock) : ICommandHandler
{
    public static readonly CommandSpec Spec = new(
        CadenceArgs.Command,
        "skip",
        "Skips the cycle that would open on a date.",
        "/cadence skip <name> <yyyy-mm-dd>",
        "/cadence skip Monthly roadmap check-in 2026-04-06")
    {
        Roles = CadenceArgs.Admins,
    };

    public async Task<Response> HandleAsync(CommandRequest request, CancellationToken ct)
    {
        var text = request.Args.Text.Trim();
        var space = text.LastIndexOf(' ');
        if (space < 0)
        {
            return AdminReplies.Problem("Give the cadence and the date to skip.", Spec);
        }

        var typedDate = text[(space + 1)..];
        if (CadenceArgs.Date(typedDate) is not { } date)
        {
            return AdminReplies.Problem(Markup.Of($"{Md.Code(typedDate)} is not a date; write it like 2026-04-06, after the cadence's name."), Spec);
        }

        var (cadence, problem) = await CadenceArgs.FindAsync(cadences, text[..space], Spec, ct);
        if (cadence is null)
        {
            return problem!;
        }

        var d = cadence.Draft;
        if (!d.ParsedSchedule.OccursOn(date))
        {
            var next = d.ParsedSchedule.Next(clock.GetUtcNow(), d.Zone, 3, d.Skips);
            return AdminReplies.Problem(
                Markup.Of($"{Md.Bold(cadence.Name)} does not open on {Zones.ShowDate(date)}, so there is nothing to skip. It runs {d.ParsedSchedule.Describe()}; next: {string.Join("; ", next.Select(n => Zones.Show(n, d.Zone)))}."),
                Spec);
        }

        if (d.Skips.Contains(date))
        {
            return Response.Say(Markup.Of($"{Md.Bold(cadence.Name)} already skips {Zones.ShowDate(date)}; nothing changed."));
        }

        var draft = d with { Skips = [.. d.Skips, date] };
        await cadences.UpdateAsync(cadence.Id, draft, ct);
        cadence = cadence with { Draft = draft };
        var when = cadence.Paused ? "It is paused." : $"The next cycle opens {Zones.Show(await life.ScheduleNextAsync(cadence, ct), d.Zone)} ({d.Zone.Id}).";
        await audit.WriteAsync(AuditChange.By(request.Person, CadenceAudit.Skip, cadence.Name, null, "skip " + date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)), ct);
        return Response.Say(Markup.Of($"{Md.Bold(cadence.Name)} will not open on {Zones.ShowDate(date)}. {when}"));
    }
}
