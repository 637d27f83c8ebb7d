using System.Globalization;
using ProductOps.Skills.Admin;
using ProductOps.Skills.Conversation;

namespace ProductOps.Skills.Participants;

/// <summary>The replies the participants skill builds: proposals, reservations, people and problems.</summary>
public static class ParticipantsReplies
{
    /// <summary>Most names listed per exclusion; the rest are counted.</summary>
    public const int NamesPerRule = 5;

    public static Response Problem(Markup problem, CommandSpec spec) => AdminReplies.Problem(problem, spec);

    public static string Label(RuleKind rule, Method method) => rule switch
    {
        RuleKind.DoNotContact => "do-not-contact",
        RuleKind.NoOptIn => $"not opted in to {Methods.Plural(method)}",
        RuleKind.NoShows => "after repeated no-shows",
        RuleKind.Cooldown => "in cooldown",
        RuleKind.PersonCap => "at the person cap",
        RuleKind.IncentiveCap => "at the incentive cap",
        _ => "by the account cap",
    };

    /// <summary>"42 matched; excluded 19 in cooldown, 7 by the account cap (…), 3 do-not-contact; 13 eligible, proposing 5."</summary>
    public static string Summary(Proposal proposal, Method method)
    {
        var parts = proposal.Excluded.Select(g =>
        {
            var text = $"{g.People.Count} {Label(g.Rule, method)}";
            if (g.Rule == RuleKind.AccountCap)
            {
                var accounts = g.People.DistinctBy(a => a.Candidate.Account.Id).Take(2).Select(a => Short(a.First!.Why));
                text += $" ({string.Join("; ", accounts)})";
            }

            return text;
        }).ToArray();
        var excluded = parts.Length == 0 ? "none excluded" : "excluded " + string.Join(", ", parts);
        return $"{proposal.Matched} matched; {excluded}; {proposal.Eligible} eligible, proposing {proposal.Picked.Count}.";
    }

    public static Reply Proposal(ParticipantRequest request, Proposal proposal, RuleValues rules)
    {
        var draft = request.Draft;
        var reply = new ReplyBuilder()
            .Header($"{draft.Study}: {draft.Wanted} for {Methods.Plural(draft.Method)}")
            .Section(Summary(proposal, draft.Method));
        if (proposal.Picked.Count > 0)
        {
            var lines = Markup.Empty;
            var n = 0;
            foreach (var a in proposal.Picked)
            {
                n++;
                lines += Markup.Of($"{(n > 1 ? "\n" : "")}{n}. {Md.Bold(a.Candidate.Person.Name)}, {Describe(a.Candidate)} · {LastContact(a.LastContact)}");
                if (a.ApprovalNeeded is { } why)
                {
                    lines += Markup.Of($" · {Md.Italic("needs the account owner's approval: " + why)}");
                }
            }

            reply.Section(lines);
        }

        foreach (var group in proposal.Excluded)
        {
            reply.Context(Markup.Of($"{Capital(Label(group.Rule, draft.Method))}: {Names(group.People)}"));
        }

        // A shortfall only when the pool ran out; after a drop the freed place waits for "Propose more".
        if (proposal.Picked.Count < proposal.Wanted)
        {
            reply.Section(Shortfall(request, proposal));
        }
        else if (proposal.Picked.Count < draft.Wanted)
        {
            reply.Section(Markup.Of($"{proposal.Picked.Count} of the {draft.Wanted} you asked for are proposed. {Md.Bold("Propose more")} looks for others."));
        }

        var buttons = new List<Button>();
        if (proposal.Picked.Count > 0)
        {
            buttons.Add(new Button(proposal.Picked.Count == 1 ? "Confirm" : $"Confirm all {proposal.Picked.Count}", ConfirmParticipantsHandler.ActionId, Id(request.Id), ButtonStyle.Primary));
        }

        buttons.Add(new Button("Propose more", MoreParticipantsHandler.ActionId, Id(request.Id)));
        reply.Buttons([.. buttons]);
        if (proposal.Picked.Count > 1)
        {
            reply.Buttons([.. proposal.Picked.Select(a => new Button($"Drop {a.Candidate.Person.Name}", DropParticipantHandler.ActionId, $"{Id(request.Id)}:{Id(a.Candidate.Person.Id)}"))]);
        }

        reply.Context(Markup.Of(
            $"Request #{request.Id} for {draft.Team}. Confirming reserves these people at once; reservations lapse after {rules[RuleBook.ReservationDays]} days unless marked contacted with {Md.Code($"/participants done {request.Id} EMAIL contacted")}."));
        return reply.Build();
    }

    /// <summary>What a confirmation reserved, what waits for an owner, and who the rules no longer allowed.</summary>
    public static Reply Reserved(ParticipantRequest request, Confirmation result, Person viewer)
    {
        var reply = new ReplyBuilder().Header($"{request.Draft.Study}: confirmed");
        var reserved = result.Placed.Where(p => p.Contact.Status == ContactStatus.Reserved).ToArray();
        var waiting = result.Placed.Where(p => p.Contact.Status == ContactStatus.AwaitingApproval).ToArray();
        if (reserved.Length > 0)
        {
            var until = reserved.Min(p => p.Contact.ExpiresAt!.Value);
            var lines = Markup.Of($"Reserved {reserved.Length} for you until {RuleEngine.Text(RuleEngine.Day(until))}:");
            foreach (var (_, candidate) in reserved)
            {
                lines += Markup.Of($"\n• {Person(candidate, true)}");
            }

            reply.Section(lines);
        }

        if (waiting.Length > 0)
        {
            var lines = Markup.Of($"{waiting.Length} {(waiting.Length == 1 ? "waits" : "wait")} for the account owner's approval; I asked them and will tell you each decision:");
            foreach (var (_, candidate) in waiting)
            {
                lines += Markup.Of($"\n• {Person(candidate, true)}");
            }

            reply.Section(lines);
        }

        if (result.Missed.Count > 0)
        {
            var lines = Markup.Of($"{result.Missed.Count} could not be reserved: the ledger changed since the proposal.");
            foreach (var a in result.Missed)
            {
                var why = a.First?.Why ?? "already in this study";
                lines += Markup.Of($"\n• {Md.Bold(a.Candidate.Person.Name)} ({a.Candidate.Account.Name}): {why}");
            }

            reply.Section(lines);
        }

        reply.Buttons(new Button("Propose more", MoreParticipantsHandler.ActionId, Id(request.Id)));
        reply.Context(Markup.Of(
            $"Request #{request.Id}. Mark each person with {Md.Code($"/participants done {request.Id} EMAIL contacted|completed|no-show")}; {Md.Code($"/participants cancel {request.Id}")} frees them all. {viewer.Name}, e-mails are shown to you because you confirmed these people."));
        return reply.Build();
    }

    private static Markup Shortfall(ParticipantRequest request, Proposal proposal)
    {
        var draft = request.Draft;
        var text = Markup.Of($"Only {proposal.Picked.Count} of the {draft.Wanted} you asked for can be proposed. To widen the pool:");
        var filter = draft.Filter;
        var hints = new List<Markup>();
        if (proposal.HeldBySpread > 0)
        {
            hints.Add(Markup.Of($"{proposal.HeldBySpread} more are eligible at accounts already proposed: ask with {Md.Code($"per-account={draft.PerAccount + 1}")}"));
        }

        foreach (var (key, values) in new[] { ("segment", filter.Segments), ("role", filter.Roles), ("region", filter.Regions) })
        {
            if (values.Count > 0)
            {
                hints.Add(Markup.Of($"leave out or widen {Md.Code($"{key}={string.Join(",", values)}")}"));
            }
        }

        if (filter.Accounts.Count > 0)
        {
            hints.Add("ask beyond the accounts you named");
        }

        if (proposal.Excluded.Any(g => g.Rule is RuleKind.Cooldown or RuleKind.PersonCap or RuleKind.AccountCap or RuleKind.IncentiveCap))
        {
            hints.Add(Markup.Of(
                $"an admin or the account's owner can override a cooldown or cap for one person with {Md.Code($"/participants override {request.Id} EMAIL reason=\"…\"")}"));
        }

        if (draft.Method != Method.Survey && proposal.Excluded.Any(g => g.Rule == RuleKind.Cooldown))
        {
            hints.Add("a survey has a shorter cooldown");
        }

        if (hints.Count == 0)
        {
            hints.Add("import more participants, or ask for fewer");
        }

        foreach (var hint in hints)
        {
            text += Markup.Of($"\n• {hint}");
        }

        return text;
    }

    /// <summary>"Acme Health (enterprise, admin, EMEA)".</summary>
    public static string Describe(Candidate c)
    {
        var facts = new[] { c.Segment, c.Person.Role, c.Person.Region }.Where(f => !string.IsNullOrWhiteSpace(f)).ToArray();
        return facts.Length == 0 ? c.Account.Name : $"{c.Account.Name} ({string.Join(", ", facts)})";
    }

    /// <summary>A person as a viewer may see them: the e-mail only where privacy allows.</summary>
    public static Markup Person(Candidate c, bool details) =>
        details
            ? Markup.Of($"{Md.Bold(c.Person.Name)} <{c.Person.Email}>, {Describe(c)}")
            : Markup.Of($"{Md.Bold(c.Person.Name)}, {Describe(c)}");

    public static string LastContact(DateTimeOffset? at) =>
        at is { } last ? $"last contacted {RuleEngine.Text(RuleEngine.Day(last))}" : "never contacted";

    public static string Names(IReadOnlyList<Assessment> people)
    {
        var shown = people.Take(NamesPerRule).Select(a =>
        {
            var until = a.First?.Until is { } day ? $", until {RuleEngine.Text(day)}" : "";
            return $"{a.Candidate.Person.Name} ({a.Candidate.Account.Name}{until})";
        });
        var more = people.Count > NamesPerRule ? $" and {people.Count - NamesPerRule} more" : "";
        return string.Join(", ", shown) + more + ".";
    }

    public static string Status(ContactStatus status) => status switch
    {
        ContactStatus.AwaitingApproval => "awaiting approval",
        ContactStatus.Reserved => "reserved",
        ContactStatus.Contacted => "contacted",
        ContactStatus.Completed => "completed",
        ContactStatus.NoShow => "no-show",
        _ => "released",
    };

    public static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);

    /// <summary>"#12" or "12" as a request id.</summary>
    public static bool TryRequestId(string? text, out long id) =>
        long.TryParse((text ?? "").Trim().TrimStart('#'), NumberStyles.None, CultureInfo.InvariantCulture, out id);

    private static string Short(string why) => why.Split(" (", 2)[0];

    private static string Capital(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];
}
