using ProductOps.Skills.Conversation;

namespace ProductOps.Skills.Metrics;

/// <summary>
/// A section other skills add to the product-health digest (the feedback skill's top themes), so
/// the digest needs no knowledge of them. Null when the section has nothing to say this week.
/// </summary>
public interface IDigestSection
{
    Task<Markup?> BuildAsync(DateTimeOffset now, CancellationToken ct);
}
