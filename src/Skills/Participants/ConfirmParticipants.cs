using ProductOps.Skills.Conversation;

namespace ProductOps.Skills.Participants;

/// <summary>
/// "Confirm all": reserves the proposed people for the study at once, re-checking every rule inside
/// one write transaction, and asks account owners where the renewal quiet period needs their approval.
/// </summary>
public sealed class ConfirmParticipantsHandler(RequestAccess access, IParticipantStore pool, IContactLedger ledger, IRequestStore requests, RuleSource rules, Approvals approvals, TimeProvider clock)
    : IActionHandler
{
    public const string ActionId = "participants.confirm";

    public async Task<Response> HandleAsync(ActionInbound action, Person person, CancellationToken ct)
    {
        var (request, refusal) = await access.ForChangeAsync(action.Value, person, ct);
        if (request is null)
        {
            return refusal!;
        }

        if (request.Proposed.Count == 0)
        {
            return Response.Say(Markup.Of($"Nothing is proposed for request #{request.Id} right now; press {Md.Bold("Propose more")} first."));
        }

        var result = await ConfirmAsync(request, ct);
        return Response.Say(ParticipantsReplies.Reserved(request, result, person));
    }

    public async Task<Confirmation> ConfirmAsync(ParticipantRequest request, CancellationToken ct)
    {
        var candidates = await pool.FindAsync(request.Proposed, ct);
        var values = await rules.CurrentAsync(ct);
        var now = clock.GetUtcNow();
        var study = request.Context(request.PmId);
        IReadOnlyList<Assessment> checkedNow = [];
        var placed = await ledger.ReserveAsync(study, candidates, values.Window(now), history =>
        {
            checkedNow = RuleEngine.Assess(candidates, history, values, study, now);
            var inStudy = history.Where(c => c.RequestId == request.Id && c.Status != ContactStatus.Released).Select(c => c.ParticipantId).ToHashSet();
            return checkedNow
                .Where(a => a.Eligible && !inStudy.Contains(a.Candidate.Person.Id))
                .Select(a => Place(a, values, now))
                .ToArray();
        }, ct);

        // A confirmation cut short after the ledger's write (a crash) left the proposed people's contacts
        // in the ledger: confirming again counts them as placed and finishes the steps below, each of
        // which is safe to repeat (the approval requests go through the outbox by key).
        var newly = placed.Select(c => c.Id).ToHashSet();
        var resumed = (await ledger.ForRequestAsync(request.Id, ct))
            .Where(c => !newly.Contains(c.Id) && request.Proposed.Contains(c.ParticipantId) && c.Status is ContactStatus.Reserved or ContactStatus.AwaitingApproval);
        placed = [.. placed, .. resumed];

        await requests.SetProposalAsync(request.Id, [], request.Skipped.Concat(request.Proposed).ToArray(), ct);
        await requests.SetStatusAsync(request.Id, RequestStatus.Proposed, RequestStatus.Open, ct);
        var byId = candidates.ToDictionary(c => c.Person.Id);
        foreach (var contact in placed.Where(c => c.Status == ContactStatus.AwaitingApproval))
        {
            var why = checkedNow.FirstOrDefault(a => a.Candidate.Person.Id == contact.ParticipantId)?.ApprovalNeeded
                      ?? RuleEngine.ApprovalReason(byId[contact.ParticipantId].Account, values, now);
            await approvals.AskAsync(contact, byId[contact.ParticipantId], why, ct);
        }

        var placedIds = placed.Select(c => c.ParticipantId).ToHashSet();
        var missed = checkedNow.Where(a => !placedIds.Contains(a.Candidate.Person.Id)).ToArray();
        return new Confirmation(placed.Select(c => (c, byId[c.ParticipantId])).ToArray(), missed, values);
    }

    /// <summary>Reserved at once, or held while the account's owner decides.</summary>
    private static NewContact Place(Assessment a, RuleValues rules, DateTimeOffset now) =>
        a.ApprovalNeeded is null
            ? new NewContact(a.Candidate.Person.Id, a.Candidate.Account.Id, ContactStatus.Reserved, now.AddDays(rules[RuleBook.ReservationDays]), null, ContactEvents.Reserved, null)
            : new NewContact(a.Candidate.Person.Id, a.Candidate.Account.Id, ContactStatus.AwaitingApproval, null, a.Candidate.Account.OwnerId, ContactEvents.ApprovalAsked, a.ApprovalNeeded);
}

/// <summary>What a confirmation did: the contacts placed, and the proposed people the rules no longer allowed.</summary>
public sealed record Confirmation(IReadOnlyList<(Contact Contact, Candidate Candidate)> Placed, IReadOnlyList<Assessment> Missed, RuleValues Rules);

/// <summary>Finds the request a button or command names, and refuses anyone but its PM or an admin.</summary>
public sealed class RequestAccess(IRequestStore requests)
{
    public async Task<(ParticipantRequest? Request, Response? Refusal)> ForChangeAsync(string? typed, Person person, CancellationToken ct)
    {
        if (!ParticipantsReplies.TryRequestId(typed, out var id))
        {
            return (null, Response.Say(Markup.Of($"{Md.Code(typed ?? "")} is not a request number; {Md.Code("/participants mine")} lists yours.")));
        }

        if (await requests.FindAsync(id, ct) is not { } request)
        {
            return (null, Response.Say(Markup.Of($"There is no request #{id}; {Md.Code("/participants mine")} lists yours.")));
        }

        if (request.PmId != person.Id && !person.Has(Role.Admin))
        {
            return (null, Response.Say(Markup.Of($"Request #{id} belongs to another PM; only they or a product-ops admin can change it.")));
        }

        if (request.Status == RequestStatus.Cancelled)
        {
            return (null, Response.Say(Markup.Of($"Request #{id} was cancelled; start a new one with {Md.Code("/participants request")}.")));
        }

        return (request, null);
    }
}
