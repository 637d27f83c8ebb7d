using Dapper;
using ProductOps.Skills.Feedback;
using ProductOps.Storage.Audit;

namespace ProductOps.Storage.Feedback;

public sealed class SqlThemeStore(Database database, TimeProvider clock) : IThemeStore
{
    public async Task<Theme> CreateAsync(string title, long? areaId, long createdBy, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        await using var connection = await database.OpenAsync(ct);
        var id = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "INSERT INTO feedback_themes (title, area_id, status, created_by, created_at) VALUES (@title, @areaId, @status, @createdBy, @at) RETURNING id;",
            new { title, areaId, status = FeedbackVocabulary.Open, createdBy, at = StoredTime.Text(now) },
            cancellationToken: ct));
        return new Theme(id, title, areaId, FeedbackVocabulary.Open, null, null, now);
    }

    public async Task RenameAsync(long themeId, string title, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition("UPDATE feedback_themes SET title = @title WHERE id = @themeId;", new { themeId, title }, cancellationToken: ct));
    }

    public async Task<Theme?> FindAsync(long id, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        var row = await connection.QuerySingleOrDefaultAsync<FeedbackRows.ThemeRow>(new CommandDefinition(
            $"SELECT {FeedbackRows.ThemeColumns} FROM feedback_themes WHERE id = @id;", new { id }, cancellationToken: ct));
        return row is null ? null : FeedbackRows.Theme(row);
    }

    public async Task<IReadOnlyList<Theme>> MatchTitleAsync(string words, int limit, CancellationToken ct)
    {
        if (FtsQuery.All(words) is not { } match)
        {
            return [];
        }

        await using var connection = await database.OpenAsync(ct);
        var rows = await connection.QueryAsync<FeedbackRows.ThemeRow>(new CommandDefinition(
            $"""
            SELECT {FeedbackRows.ThemeColumns} FROM feedback_themes
            WHERE merged_into IS NULL AND id IN (SELECT rowid FROM feedback_themes_fts WHERE feedback_themes_fts MATCH @match ORDER BY rank LIMIT 50)
            LIMIT 50;
            """,
            new { match },
            cancellationToken: ct));
        var exact = words.Trim();
        return rows.Select(FeedbackRows.Theme)
            .OrderByDescending(t => string.Equals(t.Title, exact, StringComparison.OrdinalIgnoreCase))
            .ThenBy(t => t.Title.Length)
            .Take(limit)
            .ToArray();
    }

    public async Task LinkAsync(IReadOnlyList<long> itemIds, long themeId, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE feedback_items SET theme_id = @themeId WHERE id IN @itemIds;", new { themeId, itemIds }, cancellationToken: ct));
    }

    public async Task<int> MergeAsync(long fromId, long intoId, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        var moved = await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE feedback_items SET theme_id = @intoId WHERE theme_id = @fromId;", new { fromId, intoId }, transaction, cancellationToken: ct));
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE feedback_themes SET merged_into = @intoId WHERE id = @fromId;", new { fromId, intoId }, transaction, cancellationToken: ct));
        await transaction.CommitAsync(ct);
        return moved;
    }

    public async Task<StatusChange> SetStatusAsync(long themeId, string status, string? note, long changedBy, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        await using var connection = await database.OpenAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE feedback_themes SET status = @status, status_note = @note WHERE id = @themeId;", new { themeId, status, note }, transaction, cancellationToken: ct));
        var id = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "INSERT INTO feedback_status_changes (theme_id, status, note, changed_by, changed_at) VALUES (@themeId, @status, @note, @changedBy, @at) RETURNING id;",
            new { themeId, status, note, changedBy, at = StoredTime.Text(now) },
            transaction,
            cancellationToken: ct));
        await transaction.CommitAsync(ct);
        return new StatusChange(id, themeId, status, note, changedBy, now);
    }

    public async Task<IReadOnlyList<StatusChange>> HistoryAsync(long themeId, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        var rows = await connection.QueryAsync<ChangeRow>(new CommandDefinition(
            "SELECT id AS Id, theme_id AS ThemeId, status AS Status, note AS Note, changed_by AS ChangedBy, changed_at AS ChangedAt FROM feedback_status_changes WHERE theme_id = @themeId ORDER BY changed_at, id;",
            new { themeId },
            cancellationToken: ct));
        return rows.Select(r => new StatusChange(r.Id, r.ThemeId, r.Status, r.Note, r.ChangedBy, StoredTime.Parse(r.ChangedAt))).ToArray();
    }

    private sealed record ChangeRow(long Id, long ThemeId, string Status, string? Note, long? ChangedBy, string ChangedAt);
}
