using ProductOps.Skills.Conversation;

namespace ProductOps.Skills.Participants;

/// <summary>"Drop NAME": takes one person out of the proposal; they are not proposed again for this request.</summary>
public sealed class DropParticipantHandler(RequestAccess access, Proposer proposer) : IActionHandler
{
    public const string ActionId = "participants.drop";

    public async Task<Response> HandleAsync(ActionInbound action, Person person, CancellationToken ct)
    {
        var parts = (action.Value ?? "").Split(':');
        var (request, refusal) = await access.ForChangeAsync(parts[0], person, ct);
        if (request is null)
        {
            return refusal!;
        }

        if (parts.Length != 2 || !ParticipantsReplies.TryRequestId(parts[1], out var dropped) || !request.Proposed.Contains(dropped))
        {
            return Response.Say(Markup.Of($"That person is no longer proposed for request #{request.Id}; the latest proposal is the one to act on."));
        }

        var keep = request.Proposed.Where(id => id != dropped).ToArray();
        var (proposal, rules) = await proposer.ProposeAsync(request, keep, [dropped], keep.Length, ct);
        return Response.Say(ParticipantsReplies.Proposal(request with { Proposed = keep }, proposal, rules));
    }
}

/// <summary>"Propose more": tops the proposal up to the number asked for, or adds as many again.</summary>
public sealed class MoreParticipantsHandler(RequestAccess access, Proposer proposer) : IActionHandler
{
    public const string ActionId = "participants.more";

    public async Task<Response> HandleAsync(ActionInbound action, Person person, CancellationToken ct)
    {
        var (request, refusal) = await access.ForChangeAsync(action.Value, person, ct);
        if (request is null)
        {
            return refusal!;
        }

        var current = request.Proposed.Count;
        var wanted = current < request.Draft.Wanted ? request.Draft.Wanted : current + request.Draft.Wanted;
        var (proposal, rules) = await proposer.ProposeAsync(request, request.Proposed, [], wanted, ct);
        return Response.Say(ParticipantsReplies.Proposal(request, proposal, rules));
    }
}
