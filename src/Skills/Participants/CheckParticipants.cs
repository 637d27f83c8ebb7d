using ProductOps.Skills.Accounts;
using ProductOps.Skills.Admin;
using ProductOps.Skills.Conversation;

namespace ProductOps.Skills.Participants;

/// <summary>
/// <c>/participants check EMAIL|ACCOUNT</c>: the contact history across all teams, and when the person
/// or the account is next eligible, and why.
/// </summary>
public sealed class CheckParticipantsHandler(IParticipantStore pool, IAccountStore accounts, IContactLedger ledger, IPeopleStore people, RuleSource rules, TimeProvider clock)
    : ICommandHandler
{
    /// <summary>How far back the history goes.</summary>
    public const int HistoryDays = 365;

    public const int MaxLines = 15;

    public static readonly CommandSpec Spec = new(
        RequestParticipantsHandler.Command,
        "check",
        "Shows a person's or an account's contact history across all teams, and when they are next eligible.",
        "/participants check <email | \"account\">",
        "/participants check \"Acme Health\"",
        "/participants check jane.doe@acme.example")
    {
        Details = $"History covers the last {HistoryDays} days. E-mails and notes are shown only to admins, the account's owner and PMs who confirmed that person.",
        Roles = ParticipantRoles.Readers,
    };

    public async Task<Response> HandleAsync(CommandRequest request, CancellationToken ct)
    {
        if (ArgCheck.Shape(request.Args, Spec, 1) is { } shape)
        {
            return shape;
        }

        if (ArgCheck.First(request.Args) is not { } typed)
        {
            return ParticipantsReplies.Problem("Give an e-mail from the pool or an account name.", Spec);
        }

        var now = clock.GetUtcNow();
        var values = await rules.CurrentAsync(ct);
        var since = now.AddDays(-HistoryDays) < values.Since(now) ? now.AddDays(-HistoryDays) : values.Since(now);
        if (typed.Value.Contains('@', StringComparison.Ordinal))
        {
            if (await pool.FindByEmailAsync(typed.Value, ct) is not { } candidate)
            {
                return ParticipantsReplies.Problem(Markup.Of($"{Md.Code(typed.Value)} is not in the participant pool. Check the spelling, or give the account name instead."), Spec);
            }

            var history = await ledger.HistoryAsync([candidate.Person.Id], [candidate.Account.Id], LedgerWindow.Since(since), ct);
            return Response.Say(await PersonAsync(candidate, history, values, now, request.Person, ct));
        }

        if (await accounts.FindByNameAsync(typed.Value, ct) is not { } account)
        {
            var close = await accounts.SearchAsync(typed.Value, 3, ct);
            var text = Markup.Of($"There is no account or pool e-mail {Md.Bold(typed.Value)}.");
            text += close.Count > 0 ? " Did you mean " + string.Join(" or ", close.Select(a => $"\"{a.Name}\"")) + "?" : "";
            return ParticipantsReplies.Problem(text, Spec);
        }

        var accountHistory = await ledger.HistoryAsync([], [account.Id], LedgerWindow.Since(since), ct);
        return Response.Say(await AccountAsync(account, accountHistory, values, now, request.Person, ct));
    }

    private async Task<Reply> PersonAsync(Candidate candidate, IReadOnlyList<Contact> history, RuleValues values, DateTimeOffset now, Person viewer, CancellationToken ct)
    {
        var details = Privacy.MaySeeDetails(viewer, candidate, history);
        var reply = new ReplyBuilder().Header(candidate.Person.Name).Section(ParticipantsReplies.Person(candidate, details));
        if (details && candidate.Person.Notes is { } notes)
        {
            reply.Context("Notes: " + notes);
        }

        var next = Markup.Empty;
        foreach (var method in Enum.GetValues<Method>())
        {
            var a = RuleEngine.Assess([candidate], history, values, new StudyContext(null, "", method, "", null, 0), now)[0];
            var state = a.First switch
            {
                null => "eligible now" + (a.ApprovalNeeded is { } why ? $", with the owner's approval ({why})" : ""),
                { Until: { } until } first => $"from {RuleEngine.Text(until)}: {first.Why}",
                { } first => $"not eligible: {first.Why}",
            };
            next += Markup.Of($"{(next.IsEmpty ? "" : "\n")}{Md.Bold(Methods.Key(method))}: {state}");
        }

        reply.Section(next);
        reply.Section(await HistoryAsync(history.Where(c => c.ParticipantId == candidate.Person.Id).ToArray(), null, ct));
        return reply.Build();
    }

    private async Task<Reply> AccountAsync(Account account, IReadOnlyList<Contact> history, RuleValues values, DateTimeOffset now, Person viewer, CancellationToken ct)
    {
        var brief = new AccountBrief(account.Id, account.Name, account.Segment, account.OwnerId, account.RenewalDate);
        var windowStart = now.AddDays(-values[RuleBook.AccountCapDays]);
        var counting = history.Where(c => c.Holds(now) && c.At > windowStart).ToArray();
        var studies = counting.GroupBy(c => c.RequestId ?? -c.Id).Select(g => g.Max(c => c.At)).Order().ToArray();
        var cap = values[RuleBook.AccountCap];
        var teams = RuleEngine.And(counting.Select(c => c.Team).Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.OrdinalIgnoreCase));
        var standing = studies.Length >= cap
            ? $"At the account cap: {studies.Length} studies in the last {values[RuleBook.AccountCapDays]} days ({teams}); next eligible on {RuleEngine.Text(RuleEngine.Day(studies[studies.Length - cap].AddDays(values[RuleBook.AccountCapDays])))}."
            : studies.Length == 0
                ? $"Eligible now: no studies in the last {values[RuleBook.AccountCapDays]} days (cap {cap})."
                : $"Eligible now: {studies.Length} of {cap} studies in the last {values[RuleBook.AccountCapDays]} days ({teams}).";
        var reply = new ReplyBuilder().Header(account.Name).Section(standing);
        if (RuleEngine.ApprovalNeeded(brief, values, now) is { } why)
        {
            var owner = account.OwnerId is { } id ? await people.FindAsync(id, ct) : null;
            reply.Section(Markup.Of($"{why}: contact needs the approval of {(owner is null ? Markup.Text("the product-ops admins (no owner is set)") : Md.User(owner))}."));
        }

        var showDetails = viewer.Has(Role.Admin) || account.OwnerId == viewer.Id;
        reply.Section(await HistoryAsync(history, showDetails ? null : viewer, ct));
        return reply.Build();
    }

    /// <summary>The newest contacts first; people named, their e-mails never (check one person for that).</summary>
    private async Task<Markup> HistoryAsync(IReadOnlyList<Contact> contacts, Person? viewer, CancellationToken ct)
    {
        if (contacts.Count == 0)
        {
            return Markup.Of($"No contacts in the last {HistoryDays} days.");
        }

        var shown = contacts.OrderByDescending(c => c.At).Take(MaxLines).ToArray();
        var names = (await pool.FindAsync(shown.Select(c => c.ParticipantId).Distinct().ToArray(), ct)).ToDictionary(c => c.Person.Id, c => c.Person.Name);
        var askers = new Dictionary<long, string>();
        foreach (var asker in shown.Select(c => c.AskedBy).OfType<long>().Distinct())
        {
            askers[asker] = (await people.FindAsync(asker, ct))?.Name ?? "someone";
        }

        var text = Markup.Of($"Contacts, newest first ({contacts.Count} in the last {HistoryDays} days):");
        foreach (var c in shown)
        {
            var who = names.GetValueOrDefault(c.ParticipantId, "someone");
            var asked = c.AskedBy is { } a ? $" by {askers[a]}" : "";
            text += Markup.Of($"\n{Md.Code(RuleEngine.Text(RuleEngine.Day(c.At)))} {who}: {Methods.Key(c.Method)} for {c.Study}, {c.Team}{asked} · {ParticipantsReplies.Status(c.Status)}");
        }

        if (viewer is not null)
        {
            text += "\nE-mails are shown only to admins, the account's owner, and the PM who confirmed each person.";
        }

        return text;
    }
}
