namespace ProductOps.Skills.Participants;

/// <summary>One named rule setting: its limits and the plain sentence that explains it with its value.</summary>
public sealed record RuleDefinition(string Name, int Default, int Min, int Max, string Unit, Func<int, string> Explain);

/// <summary>
/// Every rule a request is checked against, by the name admins type in
/// <c>/participants rule set NAME VALUE</c>. Do-not-contact and opt-ins are not settings: they always apply.
/// </summary>
public static class RuleBook
{
    public const string CooldownInterview = "cooldown-interview";
    public const string CooldownUsability = "cooldown-usability";
    public const string CooldownSurvey = "cooldown-survey";
    public const string CooldownBeta = "cooldown-beta";
    public const string PersonCap = "person-cap";
    public const string PersonCapDays = "person-cap-days";
    public const string IncentiveCap = "incentive-cap";
    public const string AccountCap = "account-cap";
    public const string AccountCapDays = "account-cap-days";
    public const string RenewalQuietDays = "renewal-quiet-days";
    public const string NoShowLimit = "no-show-limit";
    public const string NoShowDays = "no-show-days";
    public const string ReservationDays = "reservation-days";
    public const string ReminderDays = "approval-reminder-days";
    public const string EscalationDays = "approval-escalation-days";

    public static IReadOnlyList<RuleDefinition> All { get; } =
    [
        new(CooldownInterview, 30, 0, 365, "days", v => $"A person contacted in the last {v} days is not proposed for an interview."),
        new(CooldownUsability, 30, 0, 365, "days", v => $"A person contacted in the last {v} days is not proposed for a usability test."),
        new(CooldownSurvey, 14, 0, 365, "days", v => $"A person contacted in the last {v} days is not proposed for a survey."),
        new(CooldownBeta, 30, 0, 365, "days", v => $"A person contacted in the last {v} days is not proposed for a beta."),
        new(PersonCap, 3, 1, 100, "studies", v => $"A person takes part in at most {v} studies in any rolling window of person-cap-days."),
        new(PersonCapDays, 90, 1, 730, "days", v => $"The rolling window of the person cap: {v} days."),
        new(IncentiveCap, 500, 0, 1_000_000, "dollars", v => $"A person receives at most ${v} in incentives per calendar year."),
        new(AccountCap, 2, 1, 100, "studies", v => $"At most {v} studies, from any team, touch one account in any rolling window of account-cap-days."),
        new(AccountCapDays, 30, 1, 365, "days", v => $"The rolling window of the account cap: {v} days."),
        new(RenewalQuietDays, 30, 0, 365, "days", v => $"Accounts renewing within {v} days are contacted only with their owner's approval."),
        new(NoShowLimit, 2, 1, 20, "no-shows", v => $"After {v} no-shows within no-show-days a person is not proposed."),
        new(NoShowDays, 180, 1, 730, "days", v => $"No-shows count for {v} days."),
        new(ReservationDays, 7, 1, 60, "days", v => $"A reservation lapses after {v} days unless the person is marked contacted."),
        new(ReminderDays, 3, 1, 30, "business days", v => $"An account owner who has not answered an approval request in {v} business days is reminded."),
        new(EscalationDays, 3, 1, 30, "business days", v => $"{v} business days after the reminder, an unanswered approval goes to the product-ops admins."),
    ];

    public static RuleDefinition? Find(string name) =>
        All.FirstOrDefault(r => r.Name.Equals(name.Trim(), StringComparison.OrdinalIgnoreCase));

    public static string CooldownFor(Method method) => method switch
    {
        Method.Interview => CooldownInterview,
        Method.Usability => CooldownUsability,
        Method.Survey => CooldownSurvey,
        _ => CooldownBeta,
    };
}

/// <summary>The rule values in force: the configured defaults with any changes made in chat.</summary>
public sealed class RuleValues(IReadOnlyDictionary<string, int> values)
{
    public int this[string name] =>
        values.TryGetValue(name, out var v) ? v : RuleBook.Find(name)?.Default ?? throw new ArgumentOutOfRangeException(nameof(name), name, "Unknown rule.");

    public static RuleValues Defaults { get; } = new(new Dictionary<string, int>());

    public RuleValues With(string name, int value) =>
        new(RuleBook.All.ToDictionary(r => r.Name, r => r.Name == name ? value : this[r.Name]));

    /// <summary>How far back the rules read the ledger: a person's history, and an account's (the account cap only).</summary>
    public LedgerWindow Window(DateTimeOffset now) => new(Since(now), now.AddDays(-this[RuleBook.AccountCapDays]));

    /// <summary>The earliest time any rule about a person looks back to from <paramref name="now"/>.</summary>
    public DateTimeOffset Since(DateTimeOffset now)
    {
        var days = new[]
        {
            this[RuleBook.CooldownInterview], this[RuleBook.CooldownUsability], this[RuleBook.CooldownSurvey], this[RuleBook.CooldownBeta],
            this[RuleBook.PersonCapDays], this[RuleBook.AccountCapDays], this[RuleBook.NoShowDays],
        }.Max();
        var yearStart = new DateTimeOffset(now.UtcDateTime.Year, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var back = now.AddDays(-days);
        return back < yearStart ? back : yearStart;
    }
}

/// <summary>The ledger a check reads: each person's contacts since <paramref name="People"/>, each account's since <paramref name="Accounts"/>.</summary>
public sealed record LedgerWindow(DateTimeOffset People, DateTimeOffset Accounts)
{
    public static LedgerWindow Since(DateTimeOffset since) => new(since, since);
}

/// <summary>The rule defaults from settings (section <c>Participants:Rules</c>), by rule name.</summary>
public sealed record RuleDefaults(IReadOnlyDictionary<string, int> Values)
{
    public static readonly RuleDefaults BuiltIn = new(new Dictionary<string, int>());

    /// <summary>Unknown names and values out of range, each with what to change.</summary>
    public IEnumerable<string> Problems()
    {
        foreach (var (name, value) in Values)
        {
            if (RuleBook.Find(name) is not { } rule)
            {
                yield return $"Participants:Rules:{name} is not a rule. Rules: {string.Join(", ", RuleBook.All.Select(r => r.Name))}.";
            }
            else if (value < rule.Min || value > rule.Max)
            {
                yield return $"Participants:Rules:{name} is {value}; it must be from {rule.Min} to {rule.Max} {rule.Unit}.";
            }
        }
    }
}

/// <summary>Rule values changed by admins in chat.</summary>
public interface IRuleStore
{
    Task<IReadOnlyDictionary<string, int>> ChangedAsync(CancellationToken ct);

    Task SetAsync(string name, int value, long actorId, DateTimeOffset at, CancellationToken ct);
}

/// <summary>Reads the rules in force: chat changes over configured defaults over built-in defaults.</summary>
public sealed class RuleSource(RuleDefaults defaults, IRuleStore store)
{
    public async Task<RuleValues> CurrentAsync(CancellationToken ct)
    {
        var values = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        foreach (var rule in RuleBook.All)
        {
            values[rule.Name] = defaults.Values.TryGetValue(rule.Name, out var configured) ? configured : rule.Default;
        }

        foreach (var (name, value) in await store.ChangedAsync(ct))
        {
            values[name] = value;
        }

        return new RuleValues(values);
    }
}
