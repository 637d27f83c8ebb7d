using ProductOps.Skills.Admin;
using ProductOps.Skills.Conversation;

namespace ProductOps.Skills.Participants;

/// <summary><c>/participants mine</c>: my latest requests, with the people in each and where they stand.</summary>
public sealed class ListMineHandler(IRequestStore requests, IContactLedger ledger, IParticipantStore pool, TimeProvider clock) : ICommandHandler
{
    public const int Listed = 10;

    public static readonly CommandSpec Spec = new(
        RequestParticipantsHandler.Command, "mine", "Lists your participant requests and the people in each.", "/participants mine", "/participants mine")
    {
        Roles = ParticipantRoles.Requesters,
    };

    public async Task<Response> HandleAsync(CommandRequest request, CancellationToken ct)
    {
        if (ArgCheck.Shape(request.Args, Spec, 0) is { } shape)
        {
            return shape;
        }

        var mine = await requests.ByPmAsync(request.Person.Id, Listed, ct);
        if (mine.Count == 0)
        {
            return Response.Say(Markup.Of($"You have no participant requests yet. Start one with {Md.Code("/participants request")}."));
        }

        var now = clock.GetUtcNow();
        var reply = new ReplyBuilder().Header("Your participant requests");
        foreach (var r in mine)
        {
            var contacts = (await ledger.ForRequestAsync(r.Id, ct)).Where(c => c.Status != ContactStatus.Released).ToArray();
            var people = (await pool.FindAsync(contacts.Select(c => c.ParticipantId).ToArray(), ct)).ToDictionary(c => c.Person.Id);
            var state = r.Status switch
            {
                RequestStatus.Proposed => $"{r.Proposed.Count} proposed, not confirmed",
                RequestStatus.Cancelled => "cancelled",
                _ => contacts.Length == 0 ? "nobody reserved" : string.Join(", ", contacts.GroupBy(c => Shown(c, now)).Select(g => $"{g.Count()} {g.Key}")),
            };
            var text = Markup.Of($"{Md.Bold($"#{r.Id} {r.Draft.Study}")} · {Methods.Key(r.Draft.Method)} · {r.Draft.Team} · {state}");
            foreach (var c in contacts)
            {
                var until = c.Status == ContactStatus.Reserved && c.ExpiresAt is { } e ? $" until {RuleEngine.Text(RuleEngine.Day(e))}" : "";
                text += Markup.Of($"\n• {ParticipantsReplies.Person(people[c.ParticipantId], true)}: {Shown(c, now)}{until}");
            }

            reply.Section(text);
        }

        reply.Context(Markup.Of($"Mark people with {Md.Code("/participants done REQUEST EMAIL contacted|completed|no-show")}; free a request with {Md.Code("/participants cancel REQUEST")}."));
        return Response.Say(reply.Build());
    }

    private static string Shown(Contact c, DateTimeOffset now) =>
        c.Status == ContactStatus.Reserved && !c.Holds(now) ? "lapsed" : ParticipantsReplies.Status(c.Status);
}
