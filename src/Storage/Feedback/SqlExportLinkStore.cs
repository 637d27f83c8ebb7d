using System.Text.Json;
using Dapper;
using ProductOps.Skills.Feedback;
using ProductOps.Storage.Audit;

namespace ProductOps.Storage.Feedback;

public sealed class SqlExportLinkStore(Database database, TimeProvider clock) : IExportLinkStore
{
    public async Task CreateAsync(string tokenHash, FeedbackQuery query, long personId, DateTimeOffset expiresAt, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO feedback_exports (token_hash, query, person_id, created_at, expires_at) VALUES (@tokenHash, @query, @personId, @at, @expires);",
            new { tokenHash, query = JsonSerializer.Serialize(query), personId, at = StoredTime.Text(clock.GetUtcNow()), expires = StoredTime.Text(expiresAt) },
            cancellationToken: ct));
    }

    public async Task<FeedbackQuery?> RedeemAsync(string tokenHash, CancellationToken ct)
    {
        var now = StoredTime.Text(clock.GetUtcNow());
        await using var connection = await database.OpenAsync(ct);

        // One statement claims the link, so two downloads racing for it cannot both win.
        var query = await connection.ExecuteScalarAsync<string?>(new CommandDefinition(
            "UPDATE feedback_exports SET used_at = @now WHERE token_hash = @tokenHash AND used_at IS NULL AND expires_at > @now RETURNING query;",
            new { tokenHash, now },
            cancellationToken: ct));
        return query is null ? null : JsonSerializer.Deserialize<FeedbackQuery>(query);
    }
}
