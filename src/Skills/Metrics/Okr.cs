namespace ProductOps.Skills.Metrics;

/// <summary>An objective for a quarter, owned by a person, for a team or product area, with its key results.</summary>
public sealed record Objective(long Id, string Title, long OwnerId, string Team, Quarter Quarter, long? ParentId, IReadOnlyList<KeyResult> KeyResults)
{
    public const int MaxKeyResults = 5;

    public string Code => Codes.Objective(Id);
}

/// <summary>
/// A measurable result. Linked to a metric (<paramref name="MetricKey"/>), its current value follows
/// the metric; otherwise <paramref name="Current"/> is the value of the last check-in. Progress runs
/// from <paramref name="Start"/> to <paramref name="Target"/>, whichever way round they are.
/// </summary>
public sealed record KeyResult(
    long Id,
    long ObjectiveId,
    string Title,
    long OwnerId,
    string? MetricKey,
    double Start,
    double Target,
    double Current,
    MetricUnit Unit,
    int? Confidence,
    DateTimeOffset? LastCheckIn,
    DateTimeOffset CreatedAt)
{
    public string Code => Codes.KeyResult(Id);
}

public sealed record ObjectiveDraft(string Title, long OwnerId, string Team, Quarter Quarter, long? ParentId);

public sealed record KeyResultDraft(long ObjectiveId, string Title, long OwnerId, string? MetricKey, double Start, double Target, MetricUnit Unit, DateTimeOffset CreatedAt);

/// <summary>One check-in: the value then (null when it follows a metric that has none), confidence 1–10, and why.</summary>
public sealed record CheckIn(long KeyResultId, DateTimeOffset At, double? Value, int Confidence, string Reason, long ById, string ByName);

/// <summary>How objectives and key results are named in chat: O-3, KR-12.</summary>
public static class Codes
{
    public static string Objective(long id) => "O-" + id;

    public static string KeyResult(long id) => "KR-" + id;

    public static long? ParseObjective(string text) => Parse(text, "O-");

    public static long? ParseKeyResult(string text) => Parse(text, "KR-");

    private static long? Parse(string text, string prefix)
    {
        var t = text.Trim();
        if (t.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
        {
            t = t[prefix.Length..];
        }

        return long.TryParse(t, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id) && id > 0 ? id : null;
    }
}
