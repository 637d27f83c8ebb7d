using ProductOps.Skills.Accounts;
using ProductOps.Skills.Admin;
using ProductOps.Skills.Conversation;

namespace ProductOps.Skills.Participants;

/// <summary>A contact awaiting approval with everything a decision needs to say.</summary>
public sealed record PendingApproval(Contact Contact, Candidate Candidate, ParticipantRequest Request, Person Pm);

/// <summary>
/// The approval conversation: the DM with Approve / Decline / Suggest someone else to the account's
/// owner (or the admins, when the account has none), and the DMs that tell the PM each decision.
/// Every message goes through the outbox with a key, so a retry never sends it twice.
/// </summary>
public sealed class Approvals(IOutbox outbox, IPeopleStore people, IRequestStore requests, IParticipantStore pool, IContactLedger ledger, IAccountStore accounts)
{
    public async Task AskAsync(Contact contact, Candidate candidate, string why, CancellationToken ct)
    {
        if (await LoadAsync(contact, candidate, ct) is not { } pending)
        {
            return;
        }

        foreach (var approver in await ApproversAsync(contact, ct))
        {
            var card = Card(pending, why, approver, "Research contact needs your approval");
            await outbox.EnqueueAsync(new OutboundMessage($"participants.approval.{contact.Id}.{approver.Id}", new PersonRecipient(approver.Id), card), ct);
        }
    }

    /// <summary>The account's owner, or every admin when the account has no owner.</summary>
    public async Task<IReadOnlyList<Person>> ApproversAsync(Contact contact, CancellationToken ct)
    {
        if (contact.ApproverId is { } ownerId && await people.FindAsync(ownerId, ct) is { } owner)
        {
            return [owner];
        }

        return await AdminsAsync(ct);
    }

    public async Task<IReadOnlyList<Person>> AdminsAsync(CancellationToken ct) =>
        (await people.ListAsync(ct)).Where(p => p.Has(Role.Admin)).ToArray();

    /// <summary>The approval card with its three buttons; reminders and escalations reuse it with another headline.</summary>
    public static Reply Card(PendingApproval pending, string why, Person approver, string headline)
    {
        var (contact, candidate, request, pm) = pending;
        var id = ParticipantsReplies.Id(contact.Id);
        return new ReplyBuilder()
            .Header(headline)
            .Section(Markup.Of(
                $"{Md.User(pm)} ({request.Draft.Team}) asks to include {ParticipantsReplies.Person(candidate, true)} in {Md.Bold(request.Draft.Study)} ({Methods.Key(request.Draft.Method)}).\n{why}, so {approver.Name.Split(' ')[0]}, it is your call."))
            .Buttons(
                new Button("Approve", ApproveContactHandler.ActionId, id, ButtonStyle.Primary),
                new Button("Decline", DeclineContactHandler.ActionId, id, ButtonStyle.Danger),
                new Button("Suggest someone else", SuggestParticipantHandler.ActionId, id))
            .Context(Markup.Of($"Request #{request.Id}. Declining asks for a reason, which {pm.Name} will see."))
            .Build(Visibility.DirectMessage);
    }

    /// <summary>Tells the PM of the request what happened, once per <paramref name="what"/>.</summary>
    public Task TellPmAsync(PendingApproval pending, string what, Markup text, CancellationToken ct) =>
        outbox.EnqueueAsync(
            new OutboundMessage($"participants.{what}.{pending.Contact.Id}", new PersonRecipient(pending.Pm.Id), Reply.Say(text, Visibility.DirectMessage)),
            ct);

    /// <summary>
    /// The contact a decision button names, when it still waits and <paramref name="actor"/> may decide:
    /// the account's owner, or an admin.
    /// </summary>
    public async Task<(PendingApproval? Pending, Response? Refusal)> ForDecisionAsync(string? typed, Person actor, CancellationToken ct)
    {
        if (!ParticipantsReplies.TryRequestId(typed, out var id) || await ledger.FindAsync(id, ct) is not { } contact)
        {
            return (null, Response.Say("That approval request is not known here any more."));
        }

        if (await LoadAsync(contact, null, ct) is not { } pending)
        {
            return (null, Response.Say("That approval request is not known here any more."));
        }

        var owner = pending.Candidate.Account.OwnerId;
        if (owner != actor.Id && !actor.Has(Role.Admin))
        {
            var who = owner is { } ownerId && await people.FindAsync(ownerId, ct) is { } o ? Markup.Of($"{Md.User(o)}, the owner of {pending.Candidate.Account.Name},") : Markup.Of($"The owner of {pending.Candidate.Account.Name}");
            return (null, Response.Say(Markup.Of($"{who} or a product-ops admin decides on research contact with this account; you are neither.")));
        }

        if (contact.Status != ContactStatus.AwaitingApproval)
        {
            return (null, Response.Say(Markup.Of(
                $"This was already decided: {pending.Candidate.Person.Name} is {ParticipantsReplies.Status(contact.Status)} for {pending.Request.Draft.Study}.")));
        }

        return (pending, null);
    }

    /// <summary>The contact with its request, PM and person, while it still awaits approval.</summary>
    public async Task<PendingApproval?> PendingAsync(Contact contact, CancellationToken ct) =>
        contact.Status == ContactStatus.AwaitingApproval ? await LoadAsync(contact, null, ct) : null;

    private async Task<PendingApproval?> LoadAsync(Contact contact, Candidate? candidate, CancellationToken ct)
    {
        if (contact.RequestId is not { } requestId || await requests.FindAsync(requestId, ct) is not { } request
            || await people.FindAsync(request.PmId, ct) is not { } pm)
        {
            return null;
        }

        candidate ??= await pool.FindAsync([contact.ParticipantId], ct) is [var found, ..] ? found : null;
        if (candidate is null)
        {
            return null;
        }

        // The owner may have changed since the contact was placed; the catalogue is the truth.
        if (await accounts.FindAsync(candidate.Account.Id, ct) is { } account)
        {
            candidate = candidate with { Account = candidate.Account with { OwnerId = account.OwnerId, RenewalDate = account.RenewalDate } };
        }

        return new PendingApproval(contact, candidate, request, pm);
    }
}
