using ProductOps.Skills.Admin;
using ProductOps.Skills.Conversation;

namespace ProductOps.Skills.Participants;

/// <summary><c>/participants cancel 12</c>: cancels a request and frees everyone still reserved or awaiting approval.</summary>
public sealed class CancelRequestHandler(RequestAccess access, IRequestStore requests, IContactLedger ledger) : ICommandHandler
{
    public static readonly CommandSpec Spec = new(
        RequestParticipantsHandler.Command, "cancel", "Cancels a request and frees its reservations.", "/participants cancel <request>", "/participants cancel 12")
    {
        Details = "People already contacted stay in the ledger; only reservations and pending approvals are freed.",
        Roles = ParticipantRoles.Requesters,
    };

    public async Task<Response> HandleAsync(CommandRequest request, CancellationToken ct)
    {
        if (ArgCheck.Shape(request.Args, Spec, 1) is { } shape)
        {
            return shape;
        }

        if (ArgCheck.First(request.Args) is not { } typed)
        {
            return ParticipantsReplies.Problem("Give the request number; /participants mine lists yours.", Spec);
        }

        var (study, refusal) = await access.ForChangeAsync(typed.Value, request.Person, ct);
        if (study is null)
        {
            return refusal!;
        }

        if (!await requests.SetStatusAsync(study.Id, study.Status, RequestStatus.Cancelled, ct))
        {
            return Response.Say($"Request #{study.Id} changed a moment ago; look at /participants mine and try again.");
        }

        var freed = 0;
        var open = new[] { ContactStatus.Reserved, ContactStatus.AwaitingApproval };
        foreach (var contact in (await ledger.ForRequestAsync(study.Id, ct)).Where(c => open.Contains(c.Status)))
        {
            if (await ledger.ChangeAsync(contact.Id, open, new ContactChange(ContactStatus.Released, null, ContactEvents.Released, request.Person.Id, "request cancelled"), ct))
            {
                freed++;
            }
        }

        await requests.SetProposalAsync(study.Id, [], study.Skipped, ct);
        return Response.Say(Markup.Of($"Cancelled request #{study.Id} ({study.Draft.Study}); freed {freed} {(freed == 1 ? "person" : "people")}. Anyone already contacted stays in the ledger."));
    }
}
