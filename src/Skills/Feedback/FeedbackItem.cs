namespace ProductOps.Skills.Feedback;

/// <summary>One piece of customer feedback as submitted. <paramref name="AccountText"/> is the account as typed.</summary>
public sealed record FeedbackItem(
    long Id,
    long SubmitterId,
    DateTimeOffset CreatedAt,
    long? AreaId,
    long? AccountId,
    string? AccountText,
    string Type,
    string Urgency,
    decimal? Arr,
    string Verbatim,
    string? SourceLink,
    string? SourceAuthor,
    bool KeepPosted,
    long? ThemeId);

/// <summary>What a person submits; checked before it is stored.</summary>
public sealed record NewFeedback(
    long SubmitterId,
    long? AreaId,
    long? AccountId,
    string? AccountText,
    string Type,
    string Urgency,
    decimal? Arr,
    string Verbatim,
    string? SourceLink,
    string? SourceAuthor,
    bool KeepPosted);

/// <summary>An item with the names a reader needs: area, account, theme and, for search results, a snippet.</summary>
public sealed record FeedbackView(
    FeedbackItem Item,
    string? AreaName,
    string? AccountName,
    string? Segment,
    string? ThemeTitle,
    string? ThemeStatus,
    string SubmitterName,
    string? Snippet = null)
{
    /// <summary>The account's catalogue name, else as typed, else a dash.</summary>
    public string AccountLabel => AccountName ?? Item.AccountText ?? "no account";
}

/// <summary>A group of items about the same need. A merged theme points at the one it went into.</summary>
public sealed record Theme(long Id, string Title, long? AreaId, string Status, string? StatusNote, long? MergedInto, DateTimeOffset CreatedAt)
{
    public string Ref => FeedbackRefs.Theme(Id);
}

/// <summary>A theme's demand, each account counted once: its ARR is the largest revenue at stake any item gave for it.</summary>
public sealed record ThemeTotals(Theme Theme, int Accounts, decimal Arr, int Items, DateTimeOffset? Newest, IReadOnlyList<SegmentTotal> Segments);

public sealed record SegmentTotal(string Segment, int Accounts, decimal Arr);

public sealed record StatusChange(long Id, long ThemeId, string Status, string? Note, long? ChangedBy, DateTimeOffset ChangedAt);

/// <summary>
/// Filters shared by search, export and the API. <paramref name="Words"/> are matched with full-text
/// search; without words, items come newest first.
/// </summary>
public sealed record FeedbackQuery(
    string? Words = null,
    long? AreaId = null,
    string? AccountKey = null,
    string? Type = null,
    DateTimeOffset? Since = null,
    long? SubmitterId = null,
    long? ThemeId = null,
    int Page = 1,
    int PageSize = 10);

public sealed record FeedbackPage(IReadOnlyList<FeedbackView> Items, int Total, int Page, int PageSize)
{
    public int Pages => Total == 0 ? 1 : (Total + PageSize - 1) / PageSize;
}

/// <summary>Ranking filters of <c>/feedback themes</c>.</summary>
public sealed record ThemeQuery(long? AreaId, string? Segment, DateTimeOffset? Since, int Limit);

/// <summary>An existing item close to new text: its words and, when linked, its theme.</summary>
public sealed record SimilarItem(long Id, string Verbatim, long? ThemeId, string? ThemeTitle);
