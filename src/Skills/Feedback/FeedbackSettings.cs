namespace ProductOps.Skills.Feedback;

/// <summary>
/// Settings of the feedback skill. <paramref name="TriageChannel"/> gets feedback with no area;
/// <paramref name="SimilarityThreshold"/> (0–1) is how close existing feedback must be to be suggested;
/// <paramref name="PublicUrl"/> is where people reach the bot for export downloads.
/// </summary>
public sealed record FeedbackSettings(string TriageChannel, double SimilarityThreshold, string PublicUrl, TimeSpan ExportLinkLifetime)
{
    public static readonly FeedbackSettings Default = new("product-ops-triage", 0.25, "http://localhost:5000", TimeSpan.FromMinutes(15));

    /// <summary>The same person sending the same words within this window is stored once.</summary>
    public static readonly TimeSpan RepeatWindow = TimeSpan.FromMinutes(1);

    public const int MaxVerbatim = 3000;
}
