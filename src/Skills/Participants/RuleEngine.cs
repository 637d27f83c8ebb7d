using System.Globalization;

namespace ProductOps.Skills.Participants;

/// <summary>The rules, in the order they are checked; the first that excludes someone is the one counted.</summary>
public enum RuleKind
{
    DoNotContact,
    NoOptIn,
    NoShows,
    Cooldown,
    PersonCap,
    IncentiveCap,
    AccountCap,
}

/// <summary>Why someone is not proposed, and from when they could be (null: not by waiting).</summary>
public sealed record Exclusion(RuleKind Rule, DateOnly? Until)
{
    private readonly Func<string>? _explain;

    private string? _why;

    public Exclusion(RuleKind rule, string why, DateOnly? until)
        : this(rule, until) => _why = why;

    /// <summary>An exclusion worded only when read: a request excludes hundreds of people and names a few.</summary>
    public Exclusion(RuleKind rule, Func<string> explain, DateOnly? until)
        : this(rule, until) => _explain = explain;

    public string Why => _why ??= _explain!();

    /// <summary>Cooldowns and caps may be overridden by an admin or the account's owner; the rest never.</summary>
    public bool Overridable => Rule is RuleKind.Cooldown or RuleKind.PersonCap or RuleKind.IncentiveCap or RuleKind.AccountCap;
}

/// <summary>
/// One candidate against every rule: all exclusions (the first decides), whether the account's owner
/// must approve and why, and when the person was last contacted (for ranking).
/// </summary>
public sealed record Assessment(Candidate Candidate, IReadOnlyList<Exclusion> Exclusions, string? ApprovalNeeded, DateTimeOffset? LastContact)
{
    public bool Eligible => Exclusions.Count == 0;

    public Exclusion? First => Exclusions.Count == 0 ? null : Exclusions[0];
}

/// <summary>
/// Checks candidates against the rules using only the ledger. Pure: the same ledger, rules and time
/// give the same answer, so the reservation transaction can re-run it on the ledger it has locked.
/// </summary>
public static class RuleEngine
{
    /// <summary>Every candidate against every rule, counting <paramref name="ledger"/> in memory; the study's own contacts never count against it.</summary>
    public static IReadOnlyList<Assessment> Assess(
        IReadOnlyList<Candidate> candidates,
        IReadOnlyList<Contact> ledger,
        RuleValues rules,
        StudyContext study,
        DateTimeOffset now) =>
        Assess(candidates, LedgerCounts.Of(ledger, LedgerQuestion.For(rules, study, now)), rules, study, now);

    /// <summary>Every candidate against every rule, on counts that answer <see cref="LedgerQuestion.For"/> with the same rules, study and time.</summary>
    public static IReadOnlyList<Assessment> Assess(
        IReadOnlyList<Candidate> candidates,
        LedgerCounts counts,
        RuleValues rules,
        StudyContext study,
        DateTimeOffset now)
    {
        var results = new Assessment[candidates.Count];
        for (var i = 0; i < candidates.Count; i++)
        {
            var candidate = candidates[i];
            var person = counts.Person(candidate.Person.Id);
            var exclusions = Exclusions(candidate, person, counts.Account(candidate.Account.Id), rules, study, now).ToArray();
            results[i] = new Assessment(candidate, exclusions, ApprovalNeeded(candidate.Account, rules, now), person.LastContact);
        }

        return results;
    }

    /// <summary>Why the account's owner must approve contact at <paramref name="now"/>, or null.</summary>
    public static string? ApprovalNeeded(AccountBrief account, RuleValues rules, DateTimeOffset now)
    {
        var today = Day(now);
        if (account.RenewalDate is not { } renewal || renewal < today || renewal.DayNumber - today.DayNumber > rules[RuleBook.RenewalQuietDays])
        {
            return null;
        }

        return $"{account.Name} renews on {Text(renewal)}, within the {rules[RuleBook.RenewalQuietDays]}-day renewal quiet period";
    }

    /// <summary>Why a contact waiting for approval waits: the quiet period now, or that it was in one when asked.</summary>
    public static string ApprovalReason(AccountBrief account, RuleValues rules, DateTimeOffset now) =>
        ApprovalNeeded(account, rules, now) ?? $"{account.Name} was in its renewal quiet period when asked";

    private static IEnumerable<Exclusion> Exclusions(
        Candidate candidate, PersonCounts mine, AccountCounts atAccount, RuleValues rules, StudyContext study, DateTimeOffset now)
    {
        var person = candidate.Person;
        if (person.DoNotContact is { } reason)
        {
            yield return new Exclusion(RuleKind.DoNotContact, $"do-not-contact ({reason})", null);
        }

        if (!person.OptIns.Contains(study.Method))
        {
            yield return new Exclusion(RuleKind.NoOptIn, $"has not opted in to {Methods.Plural(study.Method)}", null);
        }

        if (Reached(mine.NoShows, rules[RuleBook.NoShowLimit], rules[RuleBook.NoShowDays]) is { } noShowsUntil)
        {
            yield return new Exclusion(RuleKind.NoShows, () => $"{mine.NoShows.Count} no-shows in the last {rules[RuleBook.NoShowDays]} days", noShowsUntil);
        }

        var cooldown = rules[RuleBook.CooldownFor(study.Method)];
        if (mine.Recent is { } recent)
        {
            var until = recent.At.AddDays(cooldown);
            yield return new Exclusion(
                RuleKind.Cooldown,
                () => $"contacted by {recent.Team} on {Text(Day(recent.At))} ({Methods.Key(recent.Method)}); the {Methods.Key(study.Method)} cooldown is {cooldown} days",
                Day(until));
        }

        if (Reached(mine.Studies, rules[RuleBook.PersonCap], rules[RuleBook.PersonCapDays]) is { } personCapUntil)
        {
            yield return new Exclusion(
                RuleKind.PersonCap,
                () => $"already in {mine.Studies.Count} studies in the last {rules[RuleBook.PersonCapDays]} days (cap {rules[RuleBook.PersonCap]})",
                personCapUntil);
        }

        if (study.Incentive > 0 && mine.Paid + study.Incentive > rules[RuleBook.IncentiveCap])
        {
            yield return new Exclusion(
                RuleKind.IncentiveCap,
                () => $"${mine.Paid:0.##} in incentives this year; ${study.Incentive:0.##} more would pass the ${rules[RuleBook.IncentiveCap]} cap",
                new DateOnly(now.UtcDateTime.Year + 1, 1, 1));
        }

        if (Reached(atAccount.Studies, rules[RuleBook.AccountCap], rules[RuleBook.AccountCapDays]) is { } accountCapUntil)
        {
            yield return new Exclusion(
                RuleKind.AccountCap,
                () => $"{candidate.Account.Name} was contacted by {And(atAccount.Teams.Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.OrdinalIgnoreCase))} in the last {rules[RuleBook.AccountCapDays]} days ({atAccount.Studies.Count} studies; cap {rules[RuleBook.AccountCap]})",
                accountCapUntil);
        }
    }

    /// <summary>When a count has reached its limit: the day enough of it leaves the rolling window to make room for one more.</summary>
    private static DateOnly? Reached(WindowCount count, int limit, int days) =>
        count.Count >= limit ? Day(count.LimitNewest!.Value.AddDays(days)) : null;

    public static DateOnly Day(DateTimeOffset at) => DateOnly.FromDateTime(at.UtcDateTime);

    public static string Text(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string And(IEnumerable<string> items)
    {
        var list = items.ToArray();
        return list.Length switch
        {
            0 => "nobody",
            1 => list[0],
            _ => string.Join(", ", list[..^1]) + " and " + list[^1],
        };
    }
}
