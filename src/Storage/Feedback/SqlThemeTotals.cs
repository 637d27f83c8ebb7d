using Dapper;
using ProductOps.Skills.Feedback;
using ProductOps.Storage.Audit;

namespace ProductOps.Storage.Feedback;

/// <summary>
/// Theme demand grouped per theme and account key first, so an account that raised a theme many
/// times is one account with one ARR (the largest revenue at stake it gave). Ranking reads the
/// per-theme and per-account totals that triggers keep (migration 0016) unless it needs the items.
/// </summary>
public sealed class SqlThemeTotals(Database database) : IThemeTotals
{
    private const string Unknown = "unknown";

    private const string ThemeColumns =
        "t.id AS Id, t.title AS Title, t.area_id AS AreaId, t.status AS Status, t.status_note AS StatusNote, t.created_at AS CreatedAt";

    private const string OpenInArea = "t.merged_into IS NULL AND (@AreaId IS NULL OR t.area_id = @AreaId)";

    // The theme id last, so equal demand always ranks in the same order.
    private const string RankOrder = "ORDER BY Accounts DESC, Arr DESC, Newest DESC, Id LIMIT @Limit";

    public async Task<ThemeTotals> TotalsAsync(Theme theme, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        var rows = (await connection.QueryAsync<AccountRow>(new CommandDefinition(
            """
            SELECT i.account_key AS AccountKey, MAX(i.arr) AS Arr, MAX(ac.segment) AS Segment, COUNT(*) AS Items, MAX(i.created_at) AS Newest
            FROM feedback_items i LEFT JOIN accounts ac ON ac.id = i.account_id
            WHERE i.theme_id = @id
            GROUP BY i.account_key;
            """,
            new { id = theme.Id },
            cancellationToken: ct))).ToArray();
        var accounts = rows.Where(r => r.AccountKey is not null).ToArray();
        var segments = accounts.GroupBy(r => r.Segment ?? Unknown)
            .Select(g => new SegmentTotal(g.Key, g.Count(), g.Sum(r => (decimal)(r.Arr ?? 0))))
            .OrderByDescending(s => s.Arr)
            .ToArray();
        var newest = rows.Length == 0 ? (DateTimeOffset?)null : StoredTime.Parse(rows.Max(r => r.Newest)!);
        return new ThemeTotals(theme, accounts.Length, accounts.Sum(r => (decimal)(r.Arr ?? 0)), rows.Sum(r => (int)r.Items), newest, segments);
    }

    public async Task<IReadOnlyList<ThemeTotals>> RankAsync(ThemeQuery query, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        var rows = await connection.QueryAsync<RankRow>(new CommandDefinition(
            RankSql(query),
            new { query.AreaId, query.Segment, since = query.Since is { } s ? StoredTime.Text(s) : null, query.Limit },
            cancellationToken: ct));
        return rows.Select(r => new ThemeTotals(
                new Theme(r.Id, r.Title, r.AreaId, r.Status, r.StatusNote, null, StoredTime.Parse(r.CreatedAt)),
                (int)r.Accounts,
                (decimal)r.Arr,
                (int)r.Items,
                r.Newest is null ? null : StoredTime.Parse(r.Newest),
                []))
            .ToArray();
    }

    /// <summary>
    /// The kept totals answer the plain ranking; a segment needs each account's segment, joined per
    /// account row; "since" needs the items themselves, because the kept rows cannot say which
    /// items of an account are recent.
    /// </summary>
    private static string RankSql(ThemeQuery query) => (query.Since, query.Segment) switch
    {
        (null, null) =>
            $"""
            SELECT {ThemeColumns}, s.accounts AS Accounts, s.arr AS Arr, s.items AS Items, s.newest AS Newest
            FROM feedback_themes t JOIN feedback_theme_totals s ON s.theme_id = t.id
            WHERE {OpenInArea}
            {RankOrder};
            """,
        (null, _) => PerAccountRank(
            $"""
            SELECT a.theme_id, NULLIF(a.account_key, '') AS account_key, a.arr, a.account_id, a.items, a.newest
            FROM feedback_themes t JOIN feedback_theme_accounts a ON a.theme_id = t.id
            WHERE {OpenInArea}
            """),
        _ => PerAccountRank(
            $"""
            SELECT i.theme_id, i.account_key, MAX(i.arr) AS arr, MAX(i.account_id) AS account_id, COUNT(*) AS items, MAX(i.created_at) AS newest
            FROM feedback_themes t JOIN feedback_items i ON i.theme_id = t.id
            WHERE {OpenInArea} AND i.created_at >= @since
            GROUP BY i.theme_id, i.account_key
            """),
    };

    /// <summary>Ranks from one row per theme and account key (NULL for items without an account), keeping the segment's accounts.</summary>
    private static string PerAccountRank(string perAccount) =>
        $"""
        WITH per_account AS ({perAccount})
        SELECT {ThemeColumns},
               COUNT(p.account_key) AS Accounts, COALESCE(SUM(CASE WHEN p.account_key IS NULL THEN 0 ELSE p.arr END), 0.0) AS Arr,
               SUM(p.items) AS Items, MAX(p.newest) AS Newest
        FROM per_account p
        JOIN feedback_themes t ON t.id = p.theme_id
        LEFT JOIN accounts ac ON ac.id = p.account_id
        WHERE @Segment IS NULL OR ac.segment = @Segment
        GROUP BY t.id
        {RankOrder};
        """;

    public async Task<IReadOnlyList<FeedbackView>> ItemsAsync(long themeId, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        var rows = await connection.QueryAsync<FeedbackRows.Row>(new CommandDefinition(
            $"SELECT {FeedbackRows.Columns} FROM feedback_items i {FeedbackRows.Joins} WHERE i.theme_id = @themeId ORDER BY i.created_at DESC, i.id DESC;",
            new { themeId },
            cancellationToken: ct));
        return rows.Select(FeedbackRows.View).ToArray();
    }

    // Classes, not records: aggregate columns have no declared type, so Dapper must convert by property.
    private sealed class AccountRow
    {
        public string? AccountKey { get; set; }

        public double? Arr { get; set; }

        public string? Segment { get; set; }

        public long Items { get; set; }

        public string? Newest { get; set; }
    }

    private sealed class RankRow
    {
        public long Id { get; set; }

        public string Title { get; set; } = "";

        public long? AreaId { get; set; }

        public string Status { get; set; } = "";

        public string? StatusNote { get; set; }

        public string CreatedAt { get; set; } = "";

        public long Accounts { get; set; }

        public double Arr { get; set; }

        public long Items { get; set; }

        public string? Newest { get; set; }
    }
}
