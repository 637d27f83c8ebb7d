using ProductOps.Skills.Conversation;

namespace ProductOps.Skills.Participants;

/// <summary>
/// "Suggest someone else" on an approval DM: the owner picks another person at the account who passes
/// every rule; that person is reserved in place of the first, and the PM is told.
/// </summary>
public sealed class SuggestParticipantHandler(Approvals approvals, Alternatives alternatives) : IActionHandler
{
    public const string ActionId = "participants.suggest";

    public async Task<Response> HandleAsync(ActionInbound action, Person person, CancellationToken ct)
    {
        var (pending, refusal) = await approvals.ForDecisionAsync(action.Value, person, ct);
        if (pending is null)
        {
            return refusal!;
        }

        var others = await alternatives.ForAsync(pending, ct);
        if (others.Count == 0)
        {
            return Response.Say(Markup.Of(
                $"Nobody else at {pending.Candidate.Account.Name} passes the rules for {pending.Request.Draft.Study} right now (opt-in, cooldowns, caps). Approve or decline instead."));
        }

        var choices = others.Select(a => new Choice(ParticipantsReplies.Id(a.Candidate.Person.Id), $"{a.Candidate.Person.Name} ({a.Candidate.Person.Role ?? "no role"}, {ParticipantsReplies.LastContact(a.LastContact)})")).ToArray();
        return Response.Open(new Form(
            SuggestFormHandler.FormId,
            $"Suggest someone at {pending.Candidate.Account.Name}",
            [
                new SelectInput(SuggestFormHandler.Instead, "Instead, contact", choices) { Required = true },
                new TextInput(SuggestFormHandler.Note, "Note for the PM") { Multiline = true, MaxLength = 500 },
            ],
            "Suggest",
            ParticipantsReplies.Id(pending.Contact.Id)));
    }
}

/// <summary>The suggestion form: releases the first person and reserves the one suggested, in one checked step.</summary>
public sealed class SuggestFormHandler(Approvals approvals, Alternatives alternatives, IContactLedger ledger, RuleSource rules, TimeProvider clock) : IFormHandler
{
    public const string FormId = "participants.suggest";
    public const string Instead = "instead";
    public const string Note = "note";

    public async Task<Response> HandleAsync(FormSubmission submission, Person person, CancellationToken ct)
    {
        var (pending, refusal) = await approvals.ForDecisionAsync(submission.State, person, ct);
        if (pending is null)
        {
            return refusal!;
        }

        var others = await alternatives.ForAsync(pending, ct);
        var picked = others.FirstOrDefault(a => ParticipantsReplies.Id(a.Candidate.Person.Id) == submission.Values.Text(Instead));
        if (picked is null)
        {
            return Response.Invalid(new Dictionary<string, string> { [Instead] = "Pick one of the people listed; they are the ones who pass every rule for this study." });
        }

        var note = submission.Values.Text(Note);
        var values = await rules.CurrentAsync(ct);
        var now = clock.GetUtcNow();
        var study = pending.Request.Context(pending.Request.PmId);
        var reason = $"suggested {picked.Candidate.Person.Name} instead" + (note is null ? "" : $": {note}");
        var placed = await ledger.ReserveAsync(study, [picked.Candidate], values.Window(now), history =>
            RuleEngine.Assess([picked.Candidate], history, values, study, now) is [{ Eligible: true } a]
                ? [new NewContact(a.Candidate.Person.Id, a.Candidate.Account.Id, ContactStatus.Reserved, now.AddDays(values[RuleBook.ReservationDays]), person.Id, ContactEvents.Suggested, reason)]
                : [], ct);
        if (placed.Count == 0)
        {
            return Response.Invalid(new Dictionary<string, string> { [Instead] = $"{picked.Candidate.Person.Name} was just taken by another study; pick someone else." });
        }

        await ledger.ChangeAsync(pending.Contact.Id, [ContactStatus.AwaitingApproval], new ContactChange(ContactStatus.Released, null, ContactEvents.Suggested, person.Id, reason), ct);
        var until = RuleEngine.Text(RuleEngine.Day(placed[0].ExpiresAt!.Value));
        await approvals.TellPmAsync(
            pending,
            "decision",
            Markup.Of($"{Md.User(person)} suggests {ParticipantsReplies.Person(picked.Candidate, true)} instead of {Md.Bold(pending.Candidate.Person.Name)} for {Md.Bold(pending.Request.Draft.Study)}{(note is null ? "." : $": \"{note}\".")} {picked.Candidate.Person.Name} is reserved for you until {until}."),
            ct);
        return Response.Say(Markup.Of($"Done: {picked.Candidate.Person.Name} is reserved for {pending.Request.Draft.Study} instead of {pending.Candidate.Person.Name}. {Md.User(pending.Pm)} is told."));
    }
}

/// <summary>Other people at the same account who pass every rule for the pending contact's study.</summary>
public sealed class Alternatives(IParticipantStore pool, IContactLedger ledger, RuleSource rules, TimeProvider clock)
{
    public async Task<IReadOnlyList<Assessment>> ForAsync(PendingApproval pending, CancellationToken ct)
    {
        var values = await rules.CurrentAsync(ct);
        var now = clock.GetUtcNow();
        var people = (await pool.AtAccountAsync(pending.Candidate.Account.Id, ct)).Where(c => c.Person.Id != pending.Candidate.Person.Id).ToArray();
        var history = await ledger.HistoryAsync(people.Select(c => c.Person.Id).ToArray(), [pending.Candidate.Account.Id], values.Window(now), ct);
        var inStudy = history.Where(c => c.RequestId == pending.Request.Id && c.Status != ContactStatus.Released).Select(c => c.ParticipantId).ToHashSet();
        return RuleEngine.Assess(people, history, values, pending.Request.Context(null), now)
            .Where(a => a.Eligible && !inStudy.Contains(a.Candidate.Person.Id))
            .OrderBy(a => a.LastContact ?? DateTimeOffset.MinValue)
            .Take(20)
            .ToArray();
    }
}
