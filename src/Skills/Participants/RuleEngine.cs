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
public sealed record Exclusion(RuleKind Rule, string Why, DateOnly? Until)
{
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
    /// <summary>Every candidate against every rule; the study's own contacts never count against it.</summary>
    public static IReadOnlyList<Assessment> Assess(
        IReadOnlyList<Candidate> candidates,
        IReadOnlyList<Contact> ledger,
        RuleValues rules,
        StudyContext study,
        DateTimeOffset now)
    {
        var holding = ledger.Where(c => c.Holds(now)).ToArray();
        var byPerson = holding.ToLookup(c => c.ParticipantId);
        var byAccount = holding.ToLookup(c => c.AccountId);
        var results = new Assessment[candidates.Count];
        for (var i = 0; i < candidates.Count; i++)
        {
            var candidate = candidates[i];
            var mine = byPerson[candidate.Person.Id].ToArray();
            var exclusions = Exclusions(candidate, mine, byAccount[candidate.Account.Id], rules, study, now).ToArray();
            var last = mine.Length == 0 ? (DateTimeOffset?)null : mine.Max(c => c.At);
            results[i] = new Assessment(candidate, exclusions, ApprovalNeeded(candidate.Account, rules, now), last);
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

    private static IEnumerable<Exclusion> Exclusions(
        Candidate candidate, Contact[] mine, IEnumerable<Contact> atAccount, RuleValues rules, StudyContext study, DateTimeOffset now)
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

        var noShowSince = now.AddDays(-rules[RuleBook.NoShowDays]);
        var noShows = mine.Where(c => c.Status == ContactStatus.NoShow && c.At > noShowSince).Select(c => c.At).Order().ToArray();
        if (noShows.Length >= rules[RuleBook.NoShowLimit])
        {
            var until = noShows[noShows.Length - rules[RuleBook.NoShowLimit]].AddDays(rules[RuleBook.NoShowDays]);
            yield return new Exclusion(RuleKind.NoShows, $"{noShows.Length} no-shows in the last {rules[RuleBook.NoShowDays]} days", Day(until));
        }

        var cooldown = rules[RuleBook.CooldownFor(study.Method)];
        var recent = mine.Where(c => c.RequestId != study.RequestId || study.RequestId is null).OrderByDescending(c => c.At).FirstOrDefault();
        if (recent is not null && recent.At > now.AddDays(-cooldown))
        {
            var until = recent.At.AddDays(cooldown);
            yield return new Exclusion(
                RuleKind.Cooldown,
                $"contacted by {recent.Team} on {Text(Day(recent.At))} ({Methods.Key(recent.Method)}); the {Methods.Key(study.Method)} cooldown is {cooldown} days",
                Day(until));
        }

        if (Cap(mine, study, now, rules[RuleBook.PersonCap], rules[RuleBook.PersonCapDays]) is { } personCap)
        {
            yield return new Exclusion(
                RuleKind.PersonCap,
                $"already in {personCap.Count} studies in the last {rules[RuleBook.PersonCapDays]} days (cap {rules[RuleBook.PersonCap]})",
                personCap.Until);
        }

        if (study.Incentive > 0)
        {
            var yearStart = new DateTimeOffset(now.UtcDateTime.Year, 1, 1, 0, 0, 0, TimeSpan.Zero);
            var paid = mine.Where(c => c.At >= yearStart && c.RequestId != study.RequestId).Sum(c => c.Incentive);
            if (paid + study.Incentive > rules[RuleBook.IncentiveCap])
            {
                yield return new Exclusion(
                    RuleKind.IncentiveCap,
                    $"${paid:0.##} in incentives this year; ${study.Incentive:0.##} more would pass the ${rules[RuleBook.IncentiveCap]} cap",
                    new DateOnly(now.UtcDateTime.Year + 1, 1, 1));
            }
        }

        var touching = atAccount.ToArray();
        if (Cap(touching, study, now, rules[RuleBook.AccountCap], rules[RuleBook.AccountCapDays]) is { } accountCap)
        {
            var since = now.AddDays(-rules[RuleBook.AccountCapDays]);
            var teams = touching.Where(c => c.At > since && c.RequestId != study.RequestId).Select(c => c.Team).Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.OrdinalIgnoreCase);
            yield return new Exclusion(
                RuleKind.AccountCap,
                $"{candidate.Account.Name} was contacted by {And(teams)} in the last {rules[RuleBook.AccountCapDays]} days ({accountCap.Count} studies; cap {rules[RuleBook.AccountCap]})",
                accountCap.Until);
        }
    }

    /// <summary>
    /// How many other studies the contacts count in the rolling window, when that reaches the cap, and
    /// the day enough of them leave the window to make room for one more.
    /// </summary>
    private static (int Count, DateOnly Until)? Cap(IEnumerable<Contact> contacts, StudyContext study, DateTimeOffset now, int cap, int days)
    {
        var since = now.AddDays(-days);
        var studies = contacts
            .Where(c => c.At > since && (study.RequestId is null || c.RequestId != study.RequestId))
            .GroupBy(c => c.RequestId?.ToString(CultureInfo.InvariantCulture) ?? "c" + c.Id.ToString(CultureInfo.InvariantCulture))
            .Select(g => g.Max(c => c.At))
            .Order()
            .ToArray();
        if (studies.Length < cap)
        {
            return null;
        }

        return (studies.Length, Day(studies[studies.Length - cap].AddDays(days)));
    }

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
