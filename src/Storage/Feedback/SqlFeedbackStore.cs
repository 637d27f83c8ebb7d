using System.Security.Cryptography;
using System.Text;
using Dapper;
using ProductOps.Skills.Feedback;
using ProductOps.Storage.Audit;

namespace ProductOps.Storage.Feedback;

public sealed class SqlFeedbackStore(Database database, TimeProvider clock) : IFeedbackStore
{
    public async Task<(FeedbackItem Item, bool Created)> AddAsync(NewFeedback feedback, TimeSpan repeatWindow, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var hash = TextHash(feedback.Verbatim);
        var key = FeedbackRows.AccountKey(feedback.AccountId, feedback.AccountText);
        await using var connection = await database.OpenAsync(ct);

        // An immediate transaction: two deliveries of one double click cannot both miss the earlier row.
        await using var transaction = await connection.BeginTransactionAsync(ct);
        var earlier = await connection.QuerySingleOrDefaultAsync<FeedbackRows.Row>(new CommandDefinition(
            $"""
            SELECT {FeedbackRows.Columns} FROM feedback_items i {FeedbackRows.Joins}
            WHERE i.submitter_id = @SubmitterId AND i.text_hash = @hash AND i.account_key IS @key AND i.created_at >= @since
            ORDER BY i.id DESC LIMIT 1;
            """,
            new { feedback.SubmitterId, hash, key, since = StoredTime.Text(now - repeatWindow) },
            transaction,
            cancellationToken: ct));
        if (earlier is not null)
        {
            return (FeedbackRows.Item(earlier), false);
        }

        var id = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            """
            INSERT INTO feedback_items (submitter_id, created_at, area_id, account_id, account_text, account_key, type, urgency, arr,
                                        verbatim, source_link, source_author, keep_posted, theme_id, text_hash)
            VALUES (@SubmitterId, @at, @AreaId, @AccountId, @AccountText, @key, @Type, @Urgency, @arr,
                    @Verbatim, @SourceLink, @SourceAuthor, @KeepPosted, NULL, @hash)
            RETURNING id;
            """,
            new
            {
                feedback.SubmitterId,
                at = StoredTime.Text(now),
                feedback.AreaId,
                feedback.AccountId,
                feedback.AccountText,
                key,
                feedback.Type,
                feedback.Urgency,
                arr = (double?)feedback.Arr,
                feedback.Verbatim,
                feedback.SourceLink,
                feedback.SourceAuthor,
                feedback.KeepPosted,
                hash,
            },
            transaction,
            cancellationToken: ct));
        await transaction.CommitAsync(ct);
        var item = new FeedbackItem(
            id, feedback.SubmitterId, now, feedback.AreaId, feedback.AccountId, feedback.AccountText, feedback.Type, feedback.Urgency,
            feedback.Arr, feedback.Verbatim, feedback.SourceLink, feedback.SourceAuthor, feedback.KeepPosted, null);
        return (item, true);
    }

    public async Task<FeedbackView?> FindAsync(long id, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        var row = await connection.QuerySingleOrDefaultAsync<FeedbackRows.Row>(new CommandDefinition(
            $"SELECT {FeedbackRows.Columns} FROM feedback_items i {FeedbackRows.Joins} WHERE i.id = @id;", new { id }, cancellationToken: ct));
        return row is null ? null : FeedbackRows.View(row);
    }

    public async Task SetAreaAsync(long itemId, long? areaId, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition("UPDATE feedback_items SET area_id = @areaId WHERE id = @itemId;", new { itemId, areaId }, cancellationToken: ct));
    }

    public async Task SetAccountAsync(long itemId, long accountId, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE feedback_items SET account_id = @accountId, account_key = @key WHERE id = @itemId;",
            new { itemId, accountId, key = FeedbackRows.AccountKey(accountId, null) },
            cancellationToken: ct));
    }

    public async Task<FeedbackPage> SearchAsync(FeedbackQuery query, CancellationToken ct)
    {
        var match = query.Words is { } words ? FtsQuery.All(words) : null;
        var filters = new StringBuilder();
        var parameters = new DynamicParameters(new
        {
            match,
            query.AreaId,
            query.AccountKey,
            query.Type,
            since = query.Since is { } s ? StoredTime.Text(s) : null,
            query.SubmitterId,
            query.ThemeId,
            take = query.PageSize,
            skip = (Math.Max(1, query.Page) - 1) * query.PageSize,
        });
        Filter(filters, query.AreaId, "i.area_id = @AreaId");
        Filter(filters, query.AccountKey, "i.account_key = @AccountKey");
        Filter(filters, query.Type, "i.type = @Type");
        Filter(filters, query.Since, "i.created_at >= @since");
        Filter(filters, query.SubmitterId, "i.submitter_id = @SubmitterId");
        Filter(filters, query.ThemeId, "i.theme_id = @ThemeId");

        string count, select;
        if (match is null)
        {
            count = $"SELECT COUNT(*) FROM feedback_items i WHERE 1 = 1 {filters};";
            select = $"SELECT {FeedbackRows.Columns} FROM feedback_items i {FeedbackRows.Joins} WHERE 1 = 1 {filters} ORDER BY i.created_at DESC, i.id DESC LIMIT @take OFFSET @skip;";
        }
        else
        {
            const string from = "FROM feedback_items_fts f JOIN feedback_items i ON i.id = f.rowid";
            count = $"SELECT COUNT(*) {from} WHERE feedback_items_fts MATCH @match {filters};";
            select = $"""
                SELECT {FeedbackRows.Columns}, snippet(feedback_items_fts, 0, char(2), char(3), '…', 14) AS Snippet
                {from} {FeedbackRows.Joins}
                WHERE feedback_items_fts MATCH @match {filters}
                ORDER BY f.rank LIMIT @take OFFSET @skip;
                """;
        }

        await using var connection = await database.OpenAsync(ct);
        var total = await connection.ExecuteScalarAsync<int>(new CommandDefinition(count, parameters, cancellationToken: ct));
        var rows = await connection.QueryAsync<FeedbackRows.Row>(new CommandDefinition(select, parameters, cancellationToken: ct));
        return new FeedbackPage(rows.Select(FeedbackRows.View).ToArray(), total, Math.Max(1, query.Page), query.PageSize);
    }

    public async Task<IReadOnlyList<SimilarItem>> SimilarAsync(IReadOnlyList<string> terms, long excludeId, int limit, CancellationToken ct)
    {
        if (FtsQuery.AnyTwo(terms) is not { } match)
        {
            return [];
        }

        await using var connection = await database.OpenAsync(ct);
        var rows = await connection.QueryAsync<SimilarItem>(new CommandDefinition(
            """
            SELECT i.id AS Id, i.verbatim AS Verbatim, i.theme_id AS ThemeId, t.title AS ThemeTitle
            FROM (SELECT rowid AS id FROM feedback_items_fts WHERE feedback_items_fts MATCH @match AND rowid <> @excludeId ORDER BY rank LIMIT @limit) m
            JOIN feedback_items i ON i.id = m.id
            LEFT JOIN feedback_themes t ON t.id = i.theme_id;
            """,
            new { match, excludeId, limit },
            cancellationToken: ct));
        return rows.ToArray();
    }

    /// <summary>Case and spacing do not make a repeat different.</summary>
    private static string TextHash(string verbatim)
    {
        var normal = string.Join(' ', verbatim.ToLowerInvariant().Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(normal)).AsSpan(0, 16));
    }

    private static void Filter(StringBuilder sql, object? value, string condition)
    {
        if (value is not null)
        {
            sql.Append(" AND ").Append(condition);
        }
    }
}
