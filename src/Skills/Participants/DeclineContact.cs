using ProductOps.Skills.Conversation;

namespace ProductOps.Skills.Participants;

/// <summary>"Decline" on an approval DM opens a form for the reason; the PM sees it.</summary>
public sealed class DeclineContactHandler(Approvals approvals) : IActionHandler
{
    public const string ActionId = "participants.decline";

    public async Task<Response> HandleAsync(ActionInbound action, Person person, CancellationToken ct)
    {
        var (pending, refusal) = await approvals.ForDecisionAsync(action.Value, person, ct);
        if (pending is null)
        {
            return refusal!;
        }

        return Response.Open(new Form(
            DeclineReasonHandler.FormId,
            $"Decline contact with {pending.Candidate.Person.Name}",
            [new TextInput(DeclineReasonHandler.Reason, "Reason") { Required = true, Multiline = true, MaxLength = 500, Hint = $"{pending.Pm.Name} will see it" }],
            "Decline",
            ParticipantsReplies.Id(pending.Contact.Id)));
    }
}

/// <summary>The decline form: releases the person with the reason in the ledger and tells the PM.</summary>
public sealed class DeclineReasonHandler(Approvals approvals, IContactLedger ledger) : IFormHandler
{
    public const string FormId = "participants.decline";
    public const string Reason = "reason";

    public async Task<Response> HandleAsync(FormSubmission submission, Person person, CancellationToken ct)
    {
        if (submission.Values.Text(Reason) is not { } reason)
        {
            return Response.Invalid(new Dictionary<string, string> { [Reason] = "Give a reason; the PM will see it and can look elsewhere." });
        }

        if (reason.Length > 500)
        {
            return Response.Invalid(new Dictionary<string, string> { [Reason] = $"The reason is {reason.Length} characters; keep it under 500." });
        }

        var (pending, refusal) = await approvals.ForDecisionAsync(submission.State, person, ct);
        if (pending is null)
        {
            return refusal!;
        }

        var change = new ContactChange(ContactStatus.Released, null, ContactEvents.Declined, person.Id, reason);
        if (!await ledger.ChangeAsync(pending.Contact.Id, [ContactStatus.AwaitingApproval], change, ct))
        {
            return Response.Say("Someone decided this a moment ago; nothing changed.");
        }

        var who = pending.Candidate.Person.Name;
        await approvals.TellPmAsync(
            pending,
            "decision",
            Markup.Of($"{Md.User(person)} declined contact with {Md.Bold(who)} ({pending.Candidate.Account.Name}) for {Md.Bold(pending.Request.Draft.Study)}: \"{reason}\". Press Propose more on your request #{pending.Request.Id} to find someone else."),
            ct);
        return Response.Say(Markup.Of($"Declined: {who} will not be contacted for {pending.Request.Draft.Study}. {Md.User(pending.Pm)} is told, with your reason."));
    }
}
