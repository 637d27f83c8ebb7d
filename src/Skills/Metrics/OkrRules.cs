namespace ProductOps.Skills.Metrics;

/// <summary>
/// When a key result is at risk or stale; from settings. At risk: progress trails the time-based
/// expectation by more than <paramref name="AtRiskPoints"/>, or confidence is at most
/// <paramref name="AtRiskConfidence"/>. Stale: no check-in for <paramref name="StaleDays"/> days.
/// </summary>
public sealed record OkrRules(int AtRiskPoints = 25, int AtRiskConfidence = 3, int StaleDays = 14)
{
    public KeyResultState Assess(KeyResult kr, double current, Quarter quarter, DateTimeOffset now)
    {
        var span = kr.Target - kr.Start;
        var progress = span == 0 ? (current == kr.Target ? 1 : 0) : Math.Clamp((current - kr.Start) / span, 0, 1);
        var expected = quarter.Elapsed(now);
        var behind = (expected - progress) * 100;
        var lowConfidence = kr.Confidence is { } c && c <= AtRiskConfidence;
        var inProgress = expected is > 0 and < 1;
        var last = kr.LastCheckIn ?? kr.CreatedAt;
        var stale = inProgress && now - last > TimeSpan.FromDays(StaleDays);
        var reasons = new List<string>();
        if (behind > AtRiskPoints)
        {
            reasons.Add($"{Math.Round(behind)} points behind");
        }

        if (lowConfidence)
        {
            reasons.Add($"confidence {kr.Confidence}/10");
        }

        return new KeyResultState(kr, current, progress, expected, reasons, stale, (int)Math.Floor((now - last).TotalDays));
    }
}

/// <summary>A key result as of now: progress and expectation as fractions, why it is at risk, and days since its last check-in.</summary>
public sealed record KeyResultState(KeyResult KeyResult, double Current, double Progress, double Expected, IReadOnlyList<string> RiskReasons, bool Stale, int DaysSinceUpdate)
{
    public bool AtRisk => RiskReasons.Count > 0;
}
