using ProductOps.Skills.Conversation;

namespace ProductOps.Skills.Participants;

/// <summary>
/// <c>/participants request 5 method=interview segment=enterprise study="SSO onboarding"</c> proposes
/// people who pass every rule; with nothing after it, it opens the request form.
/// </summary>
public sealed class RequestParticipantsHandler(RequestInput input, IRequestStore requests, Proposer proposer, IParticipantStore pool, TimeProvider clock) : ICommandHandler
{
    public const string Command = "participants";

    public static readonly CommandSpec Spec = new(
        Command,
        "request",
        "Proposes research participants who pass every contact rule, spread across accounts.",
        "/participants request <count> method=interview|usability|survey|beta study=\"…\" [segment=…] [role=…] [region=…] [accounts=\"A,B\"] [exclude=\"C\"] [from=YYYY-MM-DD] [to=YYYY-MM-DD] [incentive=50] [per-account=1] [team=…]",
        "/participants request 5 method=interview segment=enterprise study=\"SSO onboarding\"",
        "/participants request")
    {
        Details = "Without options it opens a form. Count is 1 to 50. People are ranked by least recently contacted, at most one per account unless per-account= says otherwise; the answer says how many each rule excluded, and whom.",
        Roles = ParticipantRoles.Requesters,
    };

    public async Task<Response> HandleAsync(CommandRequest request, CancellationToken ct)
    {
        if (request.Args.IsEmpty)
        {
            return Response.Open(RequestForm.Build(await pool.VocabularyAsync(ct)));
        }

        var fields = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var arg in request.Args.All)
        {
            var key = arg.Key ?? "count";
            if (!RequestInput.Fields.Contains(key, StringComparer.OrdinalIgnoreCase))
            {
                var close = Suggestions.Closest(key, RequestInput.Fields);
                var hint = close.Count > 0 ? " Did you mean " + string.Join(" or ", close.Select(k => k + "=")) + "?" : "";
                return ParticipantsReplies.Problem(Markup.Of($"{Md.Code("/participants request")} has no option {Md.Code(key + "=")}.{hint} Options: {string.Join(", ", RequestInput.Fields.Skip(1).Select(f => f + "="))}."), Spec);
            }

            if (fields.ContainsKey(key) && arg.Key is null)
            {
                return ParticipantsReplies.Problem(Markup.Of($"I don't know what to do with {Md.Code(arg.Display)}: give one count, and put names with spaces in \"quotes\"."), Spec);
            }

            fields[key] = arg.Value;
        }

        var (draft, problems) = await input.ReadAsync(fields, request.Person, ct);
        if (draft is null)
        {
            var text = Markup.Empty;
            foreach (var (field, problem) in problems)
            {
                text += Markup.Of($"{(text.IsEmpty ? "" : "\n")}{Md.Code(field)}: {problem}");
            }

            return ParticipantsReplies.Problem(text + "\nNothing was requested.", Spec);
        }

        return Response.Say(await StartAsync(requests, proposer, request.Person.Id, draft, clock, ct));
    }

    /// <summary>Stores the request and answers with its first proposal; the form starts requests the same way.</summary>
    public static async Task<Reply> StartAsync(IRequestStore requests, Proposer proposer, long pmId, RequestDraft draft, TimeProvider clock, CancellationToken ct)
    {
        var stored = await requests.AddAsync(pmId, draft, clock.GetUtcNow(), ct);
        var (proposal, rules) = await proposer.ProposeAsync(stored, [], [], draft.Wanted, ct);
        return ParticipantsReplies.Proposal(stored, proposal, rules);
    }
}

/// <summary>Who may use which part of the participants skill.</summary>
public static class ParticipantRoles
{
    /// <summary>Product people ask for participants; GTM does not (they talk to customers in their own right).</summary>
    public static readonly IReadOnlySet<Role> Requesters = new HashSet<Role> { Role.Pm, Role.Admin, Role.Leader };

    /// <summary>Those who may look at contact history.</summary>
    public static readonly IReadOnlySet<Role> Readers = new HashSet<Role> { Role.Pm, Role.Admin, Role.Leader, Role.AccountOwner };

    public static readonly IReadOnlySet<Role> Admins = new HashSet<Role> { Role.Admin };

    /// <summary>Overrides: admins, and account owners for their own accounts (checked per account).</summary>
    public static readonly IReadOnlySet<Role> Overriders = new HashSet<Role> { Role.Admin, Role.AccountOwner };
}
