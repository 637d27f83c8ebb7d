namespace ProductOps.Bot.Metrics;

/// <summary>Settings of metrics and OKRs, bound from "Metrics".</summary>
public sealed class MetricsOptions
{
    public const string Section = "Metrics";

    /// <summary>A key result is at risk when its progress trails the time-based expectation by more than this many points.</summary>
    public int AtRiskPoints { get; set; } = 25;

    /// <summary>A key result is at risk when its owner's confidence is this or lower (1–10).</summary>
    public int AtRiskConfidence { get; set; } = 3;

    /// <summary>A key result with no check-in for this many days is stale.</summary>
    public int StaleDays { get; set; } = 14;

    public DigestOptions Digest { get; set; } = new();
}

/// <summary>The weekly product-health digest's defaults; admins change them with /metric digest set.</summary>
public sealed class DigestOptions
{
    /// <summary>The channel it goes to; empty sends nothing until an admin sets one.</summary>
    public string Channel { get; set; } = "";

    public List<string> Metrics { get; set; } = [];

    public DayOfWeek Day { get; set; } = DayOfWeek.Monday;

    /// <summary>UTC, as HH:mm.</summary>
    public string Time { get; set; } = "09:00";
}
