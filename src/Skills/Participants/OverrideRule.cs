using ProductOps.Skills.Admin;
using ProductOps.Skills.Conversation;

namespace ProductOps.Skills.Participants;

/// <summary>
/// <c>/participants override 12 jane@acme.example reason="…"</c>: adds one person to a request past a
/// cooldown or cap. Only admins and the account's owner, only cooldowns and caps, always with a
/// reason; recorded in the ledger and the audit log.
/// </summary>
public sealed class OverrideRuleHandler(
    IRequestStore requests, IParticipantStore pool, IContactLedger ledger, RuleSource rules, Approvals approvals, IPeopleStore people, IAuditLog audit, IOutbox outbox, TimeProvider clock)
    : ICommandHandler
{
    public const string AuditAction = "participants.override";

    public static readonly CommandSpec Spec = new(
        RequestParticipantsHandler.Command,
        "override",
        "Adds one person to a request past a cooldown or cap, with a reason.",
        "/participants override <request> <email> reason=\"…\"",
        "/participants override 12 jane.doe@acme.example reason=\"She asked to join the SSO study\"")
    {
        Details = "Admins, and the owner of the person's account, may override cooldowns and caps. Do-not-contact, missing opt-ins, repeated no-shows and an account owner's decline for the same request are never overridden.",
        Roles = ParticipantRoles.Overriders,
    };

    public async Task<Response> HandleAsync(CommandRequest request, CancellationToken ct)
    {
        if (ArgCheck.Shape(request.Args, Spec, 2, "reason") is { } shape)
        {
            return shape;
        }

        if (request.Args.Positional is not [var requestArg, var emailArg])
        {
            return ParticipantsReplies.Problem("Give the request number and the person's e-mail.", Spec);
        }

        if (request.Args.Named("reason")?.Value is not { Length: > 0 } reason || string.IsNullOrWhiteSpace(reason))
        {
            return ParticipantsReplies.Problem("An override needs a reason, like reason=\"She asked to join\"; it goes into the audit log.", Spec);
        }

        if (!ParticipantsReplies.TryRequestId(requestArg.Value, out var id) || await requests.FindAsync(id, ct) is not { } study || study.Status == RequestStatus.Cancelled)
        {
            return ParticipantsReplies.Problem(Markup.Of($"There is no open request {Md.Code(requestArg.Value)}."), Spec);
        }

        if (await pool.FindByEmailAsync(emailArg.Value, ct) is not { } candidate)
        {
            return ParticipantsReplies.Problem(Markup.Of($"{Md.Code(emailArg.Value)} is not in the participant pool."), Spec);
        }

        var person = request.Person;
        var isOwner = candidate.Account.OwnerId == person.Id;
        if (!person.Has(Role.Admin) && !isOwner)
        {
            return Response.Say(Markup.Of($"Only a product-ops admin or the owner of {candidate.Account.Name} may override the rules for {candidate.Person.Name}."));
        }

        // An override lifts the contact rules; an account owner's "no" for this study stays theirs to change.
        if (!isOwner && await ledger.DeclineAsync(study.Id, candidate.Person.Id, ct) is { } decline)
        {
            var owner = decline.By is { } by ? await people.FindAsync(by, ct) : null;
            var who = owner is null ? (Markup)"The account's owner" : Md.User(owner);
            var why = decline.Reason is { Length: > 0 } reason2 ? $" (\"{reason2}\")" : "";
            return Response.Say(Markup.Of($"{who} declined contact with {candidate.Person.Name} for request #{study.Id}{why}. An override lifts the contact rules, not an account owner's decision; ask them to reconsider. Nothing changed."));
        }

        var values = await rules.CurrentAsync(ct);
        var now = clock.GetUtcNow();
        var context = study.Context(study.PmId);
        Exclusion[] lifted = [];
        Exclusion? blocking = null;
        var placed = await ledger.ReserveAsync(context, [candidate], values.Window(now), history =>
        {
            if (history.Any(c => c.RequestId == study.Id && c.ParticipantId == candidate.Person.Id && c.Status != ContactStatus.Released))
            {
                return [];
            }

            var strict = RuleEngine.Assess([candidate], history, values, context, now)[0];
            blocking = strict.Exclusions.FirstOrDefault(e => !e.Overridable);
            lifted = strict.Exclusions.Where(e => e.Overridable).ToArray();
            if (blocking is not null)
            {
                return [];
            }

            var why = $"{reason} (overrides: {string.Join("; ", lifted.Select(e => e.Why).DefaultIfEmpty("nothing"))})";
            return strict.ApprovalNeeded is not null && !isOwner
                ? [new NewContact(candidate.Person.Id, candidate.Account.Id, ContactStatus.AwaitingApproval, null, candidate.Account.OwnerId, ContactEvents.Override, why)]
                : [new NewContact(candidate.Person.Id, candidate.Account.Id, ContactStatus.Reserved, now.AddDays(values[RuleBook.ReservationDays]), person.Id, ContactEvents.Override, why)];
        }, ct);

        if (blocking is not null)
        {
            return Response.Say(Markup.Of($"{candidate.Person.Name} cannot be overridden in: {blocking.Why}. Only cooldowns and caps can be overridden."));
        }

        if (placed.Count == 0)
        {
            return Response.Say(Markup.Of($"{candidate.Person.Name} is already in request #{study.Id}; nothing changed."));
        }

        var contact = placed[0];
        var overridden = lifted.Length == 0 ? "no rule (they were eligible)" : string.Join("; ", lifted.Select(e => e.Why));
        await audit.WriteAsync(
            AuditChange.By(person, AuditAction, $"{candidate.Person.Name} ({candidate.Account.Name}) for request #{study.Id} {study.Draft.Study}", overridden, $"{ParticipantsReplies.Status(contact.Status)}; reason: {reason}"),
            ct);
        if (contact.Status == ContactStatus.AwaitingApproval)
        {
            await approvals.AskAsync(contact, candidate, RuleEngine.ApprovalNeeded(candidate.Account, values, now)!, ct);
        }

        if (study.PmId != person.Id)
        {
            await outbox.EnqueueAsync(
                new OutboundMessage(
                    $"participants.override.{contact.Id}",
                    new PersonRecipient(study.PmId),
                    Reply.Say(Markup.Of($"{Md.User(person)} added {ParticipantsReplies.Person(candidate, true)} to your request #{study.Id} ({study.Draft.Study}) by override: \"{reason}\". Status: {ParticipantsReplies.Status(contact.Status)}."), Visibility.DirectMessage)),
                ct);
        }

        return Response.Say(Markup.Of(
            $"Override recorded: {Md.Bold(candidate.Person.Name)} is {ParticipantsReplies.Status(contact.Status)} for request #{study.Id} ({study.Draft.Study}). Overridden: {overridden}. The reason is in the audit log."));
    }
}
