namespace ProductOps.Skills.Feedback;

/// <summary>One-time export links: the token's hash, the query it exports, and when it stops working.</summary>
public interface IExportLinkStore
{
    Task CreateAsync(string tokenHash, FeedbackQuery query, long personId, DateTimeOffset expiresAt, CancellationToken ct);

    /// <summary>The query behind an unused, unexpired token, marking it used; null otherwise.</summary>
    Task<FeedbackQuery?> RedeemAsync(string tokenHash, CancellationToken ct);
}
