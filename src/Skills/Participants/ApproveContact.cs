using ProductOps.Skills.Conversation;

namespace ProductOps.Skills.Participants;

/// <summary>"Approve" on an approval DM: the person is reserved for the study and the PM is told.</summary>
public sealed class ApproveContactHandler(Approvals approvals, IContactLedger ledger, RuleSource rules, TimeProvider clock) : IActionHandler
{
    public const string ActionId = "participants.approve";

    public async Task<Response> HandleAsync(ActionInbound action, Person person, CancellationToken ct)
    {
        var (pending, refusal) = await approvals.ForDecisionAsync(action.Value, person, ct);
        if (pending is null)
        {
            return refusal!;
        }

        var until = clock.GetUtcNow().AddDays((await rules.CurrentAsync(ct))[RuleBook.ReservationDays]);
        var change = new ContactChange(ContactStatus.Reserved, until, ContactEvents.Approved, person.Id, null);
        if (!await ledger.ChangeAsync(pending.Contact.Id, [ContactStatus.AwaitingApproval], change, ct))
        {
            return Response.Say("Someone decided this a moment ago; nothing changed.");
        }

        var who = pending.Candidate.Person.Name;
        await approvals.TellPmAsync(
            pending,
            "decision",
            Markup.Of($"{Md.User(person)} approved contact with {Md.Bold(who)} ({pending.Candidate.Account.Name}) for {Md.Bold(pending.Request.Draft.Study)}. {who} is reserved for you until {RuleEngine.Text(RuleEngine.Day(until))}."),
            ct);
        return Response.Say(Markup.Of($"Approved: {who} is reserved for {pending.Request.Draft.Study} until {RuleEngine.Text(RuleEngine.Day(until))}. {Md.User(pending.Pm)} is told."));
    }
}
