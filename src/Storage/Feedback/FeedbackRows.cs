using System.Globalization;
using ProductOps.Skills.Feedback;
using ProductOps.Storage.Audit;

namespace ProductOps.Storage.Feedback;

/// <summary>The SELECT of an item with its names, shared by the feedback stores, and the row it reads into.</summary>
internal static class FeedbackRows
{
    public const string Columns =
        """
        i.id AS Id, i.submitter_id AS SubmitterId, i.created_at AS CreatedAt, i.area_id AS AreaId, i.account_id AS AccountId,
        i.account_text AS AccountText, i.type AS Type, i.urgency AS Urgency, i.arr AS Arr, i.verbatim AS Verbatim,
        i.source_link AS SourceLink, i.source_author AS SourceAuthor, i.keep_posted AS KeepPosted, i.theme_id AS ThemeId,
        ar.name AS AreaName, ac.name AS AccountName, ac.segment AS Segment, t.title AS ThemeTitle, t.status AS ThemeStatus, p.name AS SubmitterName
        """;

    public const string Joins =
        """
        LEFT JOIN areas ar ON ar.id = i.area_id
        LEFT JOIN accounts ac ON ac.id = i.account_id
        LEFT JOIN feedback_themes t ON t.id = i.theme_id
        JOIN people p ON p.id = i.submitter_id
        """;

    public const string ThemeColumns =
        "id AS Id, title AS Title, area_id AS AreaId, status AS Status, status_note AS StatusNote, merged_into AS MergedInto, created_at AS CreatedAt";

    /// <summary>One customer per key, so totals count an account once: the catalogue id, else the name as typed.</summary>
    public static string? AccountKey(long? accountId, string? accountText) =>
        accountId is { } id ? "a:" + id.ToString(CultureInfo.InvariantCulture)
        : string.IsNullOrWhiteSpace(accountText) ? null
        : "t:" + accountText.Trim().ToLowerInvariant();

    public static FeedbackView View(Row r) => new(Item(r), r.AreaName, r.AccountName, r.Segment, r.ThemeTitle, r.ThemeStatus, r.SubmitterName, r.Snippet);

    public static FeedbackItem Item(Row r) => new(
        r.Id,
        r.SubmitterId,
        StoredTime.Parse(r.CreatedAt),
        r.AreaId,
        r.AccountId,
        r.AccountText,
        r.Type,
        r.Urgency,
        r.Arr is null ? null : (decimal)r.Arr.Value,
        r.Verbatim,
        r.SourceLink,
        r.SourceAuthor,
        r.KeepPosted != 0,
        r.ThemeId);

    public static Theme Theme(ThemeRow r) =>
        new(r.Id, r.Title, r.AreaId, r.Status, r.StatusNote, r.MergedInto, StoredTime.Parse(r.CreatedAt));

    internal sealed class Row
    {
        public long Id { get; set; }

        public long SubmitterId { get; set; }

        public string CreatedAt { get; set; } = "";

        public long? AreaId { get; set; }

        public long? AccountId { get; set; }

        public string? AccountText { get; set; }

        public string Type { get; set; } = "";

        public string Urgency { get; set; } = "";

        public double? Arr { get; set; }

        public string Verbatim { get; set; } = "";

        public string? SourceLink { get; set; }

        public string? SourceAuthor { get; set; }

        public long KeepPosted { get; set; }

        public long? ThemeId { get; set; }

        public string? AreaName { get; set; }

        public string? AccountName { get; set; }

        public string? Segment { get; set; }

        public string? ThemeTitle { get; set; }

        public string? ThemeStatus { get; set; }

        public string SubmitterName { get; set; } = "";

        public string? Snippet { get; set; }
    }

    internal sealed record ThemeRow(long Id, string Title, long? AreaId, string Status, string? StatusNote, long? MergedInto, string CreatedAt);
}
