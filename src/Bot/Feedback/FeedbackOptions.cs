namespace ProductOps.Bot.Feedback;

/// <summary>Settings of the feedback skill, bound from "Feedback".</summary>
public sealed class FeedbackOptions
{
    public const string Section = "Feedback";

    /// <summary>Where feedback with no product area goes: product ops' triage channel.</summary>
    public string TriageChannel { get; set; } = "product-ops-triage";

    /// <summary>How close (0–1, cosine of word stems) existing feedback must be to be offered as "Same as …"; measured in bench/README.md.</summary>
    public double SimilarityThreshold { get; set; } = 0.25;

    /// <summary>
    /// The address people reach the bot at, for export download links. Unset, the first address the
    /// bot is told to listen on (<c>--urls</c>, <c>ASPNETCORE_URLS</c>) that names a host.
    /// </summary>
    public string? PublicUrl { get; set; }

    /// <summary>How long an export link works (it works once).</summary>
    public int ExportLinkMinutes { get; set; } = 15;
}
