namespace ProductOps.Skills.Feedback;

/// <summary>Feedback items: stored once, found, searched, and re-pointed to an area or account.</summary>
public interface IFeedbackStore
{
    /// <summary>
    /// Stores the item, unless the same person sent the same words for the same account (or for none)
    /// within <paramref name="repeatWindow"/>: then returns that earlier item and <c>Created</c> false.
    /// </summary>
    Task<(FeedbackItem Item, bool Created)> AddAsync(NewFeedback feedback, TimeSpan repeatWindow, CancellationToken ct);

    Task<FeedbackView?> FindAsync(long id, CancellationToken ct);

    Task SetAreaAsync(long itemId, long? areaId, CancellationToken ct);

    Task SetAccountAsync(long itemId, long accountId, CancellationToken ct);

    /// <summary>One page of the items matching the query, best full-text match first (newest first without words).</summary>
    Task<FeedbackPage> SearchAsync(FeedbackQuery query, CancellationToken ct);

    /// <summary>Items whose words match any of <paramref name="terms"/>, best first, for duplicate suggestions.</summary>
    Task<IReadOnlyList<SimilarItem>> SimilarAsync(IReadOnlyList<string> terms, long excludeId, int limit, CancellationToken ct);
}
