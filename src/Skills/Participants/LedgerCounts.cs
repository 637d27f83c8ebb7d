namespace ProductOps.Skills.Participants;

/// <summary>
/// What the rules count in the ledger for one study at one moment: each counting rule's window and
/// limit. <see cref="LedgerCounts.Of"/> counts it from contacts; the store counts the same in SQL for a
/// whole request, so a request never has to read every contact of every matched person.
/// </summary>
public sealed record LedgerQuestion(
    long? RequestId,
    DateTimeOffset Now,
    DateTimeOffset Since,
    DateTimeOffset CooldownSince,
    DateTimeOffset NoShowsSince,
    int NoShowLimit,
    DateTimeOffset PersonCapSince,
    int PersonCap,
    DateTimeOffset? PaidSince,
    DateTimeOffset AccountCapSince,
    int AccountCap)
{
    /// <summary>
    /// The question <see cref="RuleEngine"/> asks for <paramref name="study"/> at <paramref name="now"/>.
    /// A person's history is read back to <see cref="RuleValues.Since"/>; incentives only when the study pays one.
    /// </summary>
    public static LedgerQuestion For(RuleValues rules, StudyContext study, DateTimeOffset now) => new(
        study.RequestId,
        now,
        rules.Since(now),
        now.AddDays(-rules[RuleBook.CooldownFor(study.Method)]),
        now.AddDays(-rules[RuleBook.NoShowDays]),
        rules[RuleBook.NoShowLimit],
        now.AddDays(-rules[RuleBook.PersonCapDays]),
        rules[RuleBook.PersonCap],
        study.Incentive > 0 ? new DateTimeOffset(now.UtcDateTime.Year, 1, 1, 0, 0, 0, TimeSpan.Zero) : null,
        now.AddDays(-rules[RuleBook.AccountCapDays]),
        rules[RuleBook.AccountCap]);
}

/// <summary>
/// How many fall in a rule's rolling window, and when the limit-th newest of them was (null below the
/// limit): the window passing that one is what makes room again.
/// </summary>
public sealed record WindowCount(int Count, DateTimeOffset? LimitNewest)
{
    public static readonly WindowCount None = new(0, null);

    public static WindowCount Of(IEnumerable<DateTimeOffset> times, int limit)
    {
        var sorted = times.Order().ToArray();
        return new(sorted.Length, sorted.Length >= limit ? sorted[sorted.Length - limit] : null);
    }
}

/// <summary>The newest contact of another study, within the cooldown: when, by which team, and how (the exclusion names them).</summary>
public sealed record RecentContact(DateTimeOffset At, string Team, Method Method);

/// <summary>
/// One person's ledger as the rules see it: the last contact (for ranking), the newest contact of another
/// study if within the cooldown, no-shows, other studies in the person-cap window, and incentives paid this year.
/// </summary>
public sealed record PersonCounts(DateTimeOffset? LastContact, RecentContact? Recent, WindowCount NoShows, WindowCount Studies, decimal Paid)
{
    public static readonly PersonCounts None = new(null, null, WindowCount.None, WindowCount.None, 0);
}

/// <summary>
/// One account's ledger as the account cap sees it: other studies in its window and, once at the cap,
/// the teams of their contacts in ledger order (the exclusion names them).
/// </summary>
public sealed record AccountCounts(WindowCount Studies, IReadOnlyList<string> Teams)
{
    public static readonly AccountCounts None = new(WindowCount.None, []);
}

/// <summary>The answer to a <see cref="LedgerQuestion"/> for some people and accounts; anyone missing has no counted contact.</summary>
public sealed record LedgerCounts(IReadOnlyDictionary<long, PersonCounts> People, IReadOnlyDictionary<long, AccountCounts> Accounts)
{
    public PersonCounts Person(long participantId) => People.GetValueOrDefault(participantId, PersonCounts.None);

    public AccountCounts Account(long accountId) => Accounts.GetValueOrDefault(accountId, AccountCounts.None);

    /// <summary>
    /// Counts <paramref name="ledger"/> (already read back to the question's windows) in memory: the contacts
    /// that still hold, by person and by the account each contact was made at.
    /// </summary>
    public static LedgerCounts Of(IReadOnlyList<Contact> ledger, LedgerQuestion question)
    {
        var holding = ledger.Where(c => c.Holds(question.Now)).ToArray();
        return new(
            holding.GroupBy(c => c.ParticipantId).ToDictionary(g => g.Key, g => PersonOf(g.ToArray(), question)),
            holding.GroupBy(c => c.AccountId).ToDictionary(g => g.Key, g => AccountOf(g.ToArray(), question)));
    }

    private static PersonCounts PersonOf(Contact[] mine, LedgerQuestion q)
    {
        var latest = mine.Where(c => c.RequestId != q.RequestId || q.RequestId is null).OrderByDescending(c => c.At).FirstOrDefault();
        return new(
            mine.Max(c => c.At),
            latest is not null && latest.At > q.CooldownSince ? new RecentContact(latest.At, latest.Team, latest.Method) : null,
            WindowCount.Of(mine.Where(c => c.Status == ContactStatus.NoShow && c.At > q.NoShowsSince).Select(c => c.At), q.NoShowLimit),
            WindowCount.Of(Studies(mine, q.PersonCapSince, q.RequestId), q.PersonCap),
            q.PaidSince is { } paidSince ? mine.Where(c => c.At >= paidSince && c.RequestId != q.RequestId).Sum(c => c.Incentive) : 0);
    }

    private static AccountCounts AccountOf(Contact[] touching, LedgerQuestion q)
    {
        var studies = WindowCount.Of(Studies(touching, q.AccountCapSince, q.RequestId), q.AccountCap);
        var teams = studies.LimitNewest is null
            ? []
            : touching.Where(c => c.At > q.AccountCapSince && c.RequestId != q.RequestId).Select(c => c.Team).ToArray();
        return new(studies, teams);
    }

    /// <summary>When each other study last made contact after <paramref name="since"/>; a contact without a request is a study of its own.</summary>
    private static IEnumerable<DateTimeOffset> Studies(IEnumerable<Contact> contacts, DateTimeOffset since, long? requestId) =>
        contacts
            .Where(c => c.At > since && (requestId is null || c.RequestId != requestId))
            .GroupBy(c => c.RequestId ?? -c.Id)
            .Select(g => g.Max(c => c.At));
}
