using System.Globalization;
using ProductOps.Skills.Admin;
using ProductOps.Skills.Conversation;

namespace ProductOps.Skills.Cadences;

/// <summary><c>/cadence away until &lt;date&gt;</c> (or <c>/cadence away off</c>): for oneself; away people are not nudged and show as away.</summary>
public sealed class SetAwayHandler(IAwayStore away, IAuditLog audit, TimeProvider clock) : ICommandHandler
{
    public static readonly CommandSpec Spec = new(
        CadenceArgs.Command,
        "away",
        "Marks you away until a date, inclusive: no check-in nudges or reminders, and status shows you as away, not missing.",
        "/cadence away until <yyyy-mm-dd> | /cadence away off",
        "/cadence away until 2026-03-20",
        "/cadence away off");

    public async Task<Response> HandleAsync(CommandRequest request, CancellationToken ct)
    {
        var words = request.Args.Text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var me = request.Person;
        if (words is ["off"] or ["back"])
        {
            await away.SetAsync(me.Id, null, ct);
            await audit.WriteAsync(AuditChange.By(me, CadenceAudit.Away, AuditText.Person(me), null, "back"), ct);
            return Response.Say("Welcome back: you get check-in nudges and reminders again.");
        }

        if (words is not ["until", var typed])
        {
            return AdminReplies.Problem("Say until when you are away, like: until 2026-03-20. Or say off when you are back.", Spec);
        }

        if (CadenceArgs.Date(typed) is not { } until)
        {
            return AdminReplies.Problem(Markup.Of($"{Md.Code(typed)} is not a date; write it like 2026-03-20."), Spec);
        }

        var today = CadenceArgs.Today(clock, me.TimeZone);
        if (until < today)
        {
            return AdminReplies.Problem(Markup.Of($"{Zones.ShowDate(until)} has passed (today is {Zones.ShowDate(today)}). Give the last day you are away."), Spec);
        }

        await away.SetAsync(me.Id, until, ct);
        await audit.WriteAsync(AuditChange.By(me, CadenceAudit.Away, AuditText.Person(me), null, "away until " + until.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)), ct);
        return Response.Say(Markup.Of($"You are away until the end of {Md.Bold(Zones.ShowDate(until))}: no check-in nudges or reminders until then, and status shows you as away. You can still submit updates. {Md.Code("/cadence away off")} when you are back early."));
    }
}
