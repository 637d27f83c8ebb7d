using ProductOps.Skills.Conversation;

namespace ProductOps.Skills.Metrics;

public enum MetricUnit
{
    Count,
    Currency,

    /// <summary>Values are percentage points: 94.2 means 94.2%.</summary>
    Percent,
}

public enum MetricDirection
{
    UpIsGood,
    DownIsGood,
}

/// <summary>
/// One number of the catalogue, with its single written definition. <paramref name="Roles"/> empty
/// means everyone may see it; <paramref name="LastDate"/> is the newest date any value was pushed for.
/// </summary>
public sealed record Metric(
    long Id,
    string Key,
    string Name,
    IReadOnlyList<string> Aliases,
    string Definition,
    MetricUnit Unit,
    MetricDirection Direction,
    int FreshnessDays,
    IReadOnlyList<string> Dimensions,
    IReadOnlySet<Role> Roles,
    long? OwnerId,
    string Source,
    DateOnly? LastDate)
{
    public bool IsRestricted => Roles.Count > 0;

    /// <summary>Admins see every metric, so they can maintain the catalogue.</summary>
    public bool VisibleTo(Person person) => Roles.Count == 0 || person.Has(Role.Admin) || Roles.Any(person.Has);

    /// <summary>Totals over segments add up for money and counts; percentages are averaged.</summary>
    public bool Averages => Unit == MetricUnit.Percent;

    /// <summary>The dimension as the catalogue spells it, ignoring case; null when the metric has no such dimension.</summary>
    public string? Dimension(string typed) => Dimensions.FirstOrDefault(d => d.Equals(typed, StringComparison.OrdinalIgnoreCase));

    /// <summary>True when the key, the name or an alias is <paramref name="typed"/>, ignoring case.</summary>
    public bool Answers(string typed) =>
        Key.Equals(typed, StringComparison.OrdinalIgnoreCase)
        || Name.Equals(typed, StringComparison.OrdinalIgnoreCase)
        || Aliases.Any(a => a.Equals(typed, StringComparison.OrdinalIgnoreCase));

    public MetricDraft ToDraft() => new(Key, Name, Aliases, Definition, Unit, Direction, FreshnessDays, Dimensions, Roles, OwnerId, Source);
}

/// <summary>The fields of a metric an admin sets; the key identifies it.</summary>
public sealed record MetricDraft(
    string Key,
    string Name,
    IReadOnlyList<string> Aliases,
    string Definition,
    MetricUnit Unit,
    MetricDirection Direction,
    int FreshnessDays,
    IReadOnlyList<string> Dimensions,
    IReadOnlySet<Role> Roles,
    long? OwnerId,
    string Source);
