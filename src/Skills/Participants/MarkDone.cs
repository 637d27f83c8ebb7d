using ProductOps.Skills.Admin;
using ProductOps.Skills.Conversation;

namespace ProductOps.Skills.Participants;

/// <summary><c>/participants done 12 jane@acme.example completed</c>: records how the contact went, in the ledger.</summary>
public sealed class MarkDoneHandler(RequestAccess access, IParticipantStore pool, IContactLedger ledger, TimeProvider clock) : ICommandHandler
{
    private static readonly Dictionary<string, (ContactStatus Status, string Event)> Outcomes = new(StringComparer.OrdinalIgnoreCase)
    {
        ["contacted"] = (ContactStatus.Contacted, ContactEvents.Contacted),
        ["completed"] = (ContactStatus.Completed, ContactEvents.Completed),
        ["no-show"] = (ContactStatus.NoShow, ContactEvents.NoShow),
        ["noshow"] = (ContactStatus.NoShow, ContactEvents.NoShow),
    };

    public static readonly CommandSpec Spec = new(
        RequestParticipantsHandler.Command,
        "done",
        "Records that a reserved person was contacted, took part, or did not show up.",
        "/participants done <request> <email> contacted|completed|no-show",
        "/participants done 12 jane.doe@acme.example completed")
    {
        Details = "Marking someone contacted keeps their reservation from lapsing. No-shows count against the person: after too many they are not proposed for a while.",
        Roles = ParticipantRoles.Requesters,
    };

    public async Task<Response> HandleAsync(CommandRequest request, CancellationToken ct)
    {
        if (ArgCheck.Shape(request.Args, Spec, 3) is { } shape)
        {
            return shape;
        }

        if (request.Args.Positional is not [var requestArg, var emailArg, var outcomeArg])
        {
            return ParticipantsReplies.Problem("Give the request number, the person's e-mail and how it went.", Spec);
        }

        if (!Outcomes.TryGetValue(outcomeArg.Value, out var outcome))
        {
            return ParticipantsReplies.Problem(Markup.Of($"{Md.Code(outcomeArg.Value)} is not an outcome: say contacted, completed or no-show."), Spec);
        }

        var (study, refusal) = await access.ForChangeAsync(requestArg.Value, request.Person, ct);
        if (study is null)
        {
            return refusal!;
        }

        if (await pool.FindByEmailAsync(emailArg.Value, ct) is not { } candidate)
        {
            return ParticipantsReplies.Problem(Markup.Of($"{Md.Code(emailArg.Value)} is not in the participant pool; check the spelling against {Md.Code("/participants mine")}."), Spec);
        }

        var contact = (await ledger.ForRequestAsync(study.Id, ct)).LastOrDefault(c => c.ParticipantId == candidate.Person.Id && c.Status != ContactStatus.Released);
        if (contact is null)
        {
            return ParticipantsReplies.Problem(Markup.Of($"{candidate.Person.Name} is not in request #{study.Id}."), Spec);
        }

        if (contact.Status == ContactStatus.AwaitingApproval)
        {
            return Response.Say(Markup.Of($"{candidate.Person.Name} still waits for the account owner's approval; contact them only once it is given."));
        }

        if (contact.Status == ContactStatus.Reserved && !contact.Holds(clock.GetUtcNow()))
        {
            return Response.Say(Markup.Of($"The reservation of {candidate.Person.Name} lapsed; ask again with {Md.Code("/participants request")} if you still need them."));
        }

        if (contact.Status == outcome.Status)
        {
            return Response.Say(Markup.Of($"{candidate.Person.Name} is already marked {ParticipantsReplies.Status(outcome.Status)}; nothing changed."));
        }

        var from = new[] { ContactStatus.Reserved, ContactStatus.Contacted, ContactStatus.Completed, ContactStatus.NoShow };
        await ledger.ChangeAsync(contact.Id, from, new ContactChange(outcome.Status, null, outcome.Event, request.Person.Id, null), ct);

        // An outcome already recorded may be corrected, but never silently: the reply names what it replaced.
        var corrected = contact.Status is ContactStatus.Completed or ContactStatus.NoShow;
        var was = corrected ? $", no longer {ParticipantsReplies.Status(contact.Status)}" : "";
        return Response.Say(Markup.Of($"{(corrected ? "Corrected" : "Recorded")} in the ledger: {Md.Bold(candidate.Person.Name)} ({candidate.Account.Name}) {ParticipantsReplies.Status(outcome.Status)} for {study.Draft.Study}{was}."));
    }
}
