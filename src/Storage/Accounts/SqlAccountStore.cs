using System.Data.Common;
using System.Globalization;
using Dapper;
using ProductOps.Skills.Accounts;

namespace ProductOps.Storage.Accounts;

public sealed class SqlAccountStore(Database database) : IAccountStore
{
    private const string Select =
        "SELECT id AS Id, name AS Name, segment AS Segment, arr AS Arr, owner_id AS OwnerId, renewal_date AS RenewalDate, crm_id AS CrmId FROM accounts a";

    public async Task<Account?> FindAsync(long id, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        return await LoadAsync(connection, $"{Select} WHERE a.id = @id", new { id }, ct) is [var one, ..] ? one : null;
    }

    public async Task<Account?> FindByNameAsync(string nameAliasOrCrmId, CancellationToken ct)
    {
        var key = Key(nameAliasOrCrmId);
        await using var connection = await database.OpenAsync(ct);
        var found = await LoadAsync(
            connection,
            $"""
            {Select}
            WHERE a.name_key = @key OR a.crm_id = @crm
               OR a.id IN (SELECT account_id FROM account_aliases WHERE alias_key = @key)
            ORDER BY a.name_key = @key DESC, a.crm_id = @crm DESC, a.id
            LIMIT 1
            """,
            new { key, crm = nameAliasOrCrmId.Trim() },
            ct);
        return found is [var first, ..] ? first : null;
    }

    public async Task<IReadOnlyList<Account>> SearchAsync(string text, int limit, CancellationToken ct)
    {
        var key = Key(text);
        if (key.Length == 0)
        {
            return [];
        }

        await using var connection = await database.OpenAsync(ct);
        return await LoadAsync(
            connection,
            $"""
            {Select}
            JOIN (
                SELECT id AS account_id, name_key AS k FROM accounts WHERE name_key LIKE @contains ESCAPE '\'
                UNION ALL
                SELECT account_id, alias_key FROM account_aliases WHERE alias_key LIKE @contains ESCAPE '\'
            ) m ON m.account_id = a.id
            GROUP BY a.id
            ORDER BY MIN(CASE WHEN m.k = @key THEN 0 WHEN m.k LIKE @prefix ESCAPE '\' THEN 1 ELSE 2 END), a.name_key
            LIMIT @limit
            """,
            new { key, contains = "%" + Escape(key) + "%", prefix = Escape(key) + "%", limit },
            ct);
    }

    public async Task<(int Added, int Updated)> UpsertAsync(IReadOnlyList<AccountData> accounts, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        var (added, updated) = (0, 0);
        foreach (var account in accounts)
        {
            var existing = await connection.ExecuteScalarAsync<long?>(new CommandDefinition(
                "SELECT id FROM accounts WHERE (@crm IS NOT NULL AND crm_id = @crm) OR (@crm IS NULL AND name_key = @key) OR (crm_id IS NULL AND name_key = @key) ORDER BY crm_id = @crm DESC LIMIT 1;",
                new { crm = account.CrmId, key = Key(account.Name) },
                transaction,
                cancellationToken: ct));
            var values = new
            {
                id = existing,
                account.Name,
                key = Key(account.Name),
                account.Segment,
                arr = account.Arr,
                account.OwnerId,
                renewal = account.RenewalDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                crm = account.CrmId,
            };
            var id = existing is null
                ? await connection.ExecuteScalarAsync<long>(new CommandDefinition(
                    "INSERT INTO accounts (name, name_key, segment, arr, owner_id, renewal_date, crm_id) VALUES (@Name, @key, @Segment, @arr, @OwnerId, @renewal, @crm) RETURNING id;",
                    values,
                    transaction,
                    cancellationToken: ct))
                : await connection.ExecuteScalarAsync<long>(new CommandDefinition(
                    "UPDATE accounts SET name = @Name, name_key = @key, segment = @Segment, arr = @arr, owner_id = @OwnerId, renewal_date = @renewal, crm_id = @crm WHERE id = @id RETURNING id;",
                    values,
                    transaction,
                    cancellationToken: ct));
            await connection.ExecuteAsync(new CommandDefinition("DELETE FROM account_aliases WHERE account_id = @id;", new { id }, transaction, cancellationToken: ct));
            foreach (var alias in account.Aliases.DistinctBy(Key))
            {
                await connection.ExecuteAsync(new CommandDefinition(
                    "INSERT INTO account_aliases (account_id, alias, alias_key) VALUES (@id, @alias, @key);",
                    new { id, alias, key = Key(alias) },
                    transaction,
                    cancellationToken: ct));
            }

            if (existing is null)
            {
                added++;
            }
            else
            {
                updated++;
            }
        }

        await transaction.CommitAsync(ct);
        return (added, updated);
    }

    private static async Task<IReadOnlyList<Account>> LoadAsync(DbConnection connection, string sql, object parameters, CancellationToken ct)
    {
        var rows = (await connection.QueryAsync<Row>(new CommandDefinition(sql, parameters, cancellationToken: ct))).ToArray();
        if (rows.Length == 0)
        {
            return [];
        }

        var aliases = (await connection.QueryAsync<(long AccountId, string Alias)>(new CommandDefinition(
                "SELECT account_id, alias FROM account_aliases WHERE account_id IN @ids ORDER BY alias_key;",
                new { ids = rows.Select(r => r.Id).ToArray() },
                cancellationToken: ct)))
            .ToLookup(a => a.AccountId, a => a.Alias);
        return rows.Select(r => new Account(
                r.Id,
                r.Name,
                aliases[r.Id].ToArray(),
                r.Segment,
                r.Arr is null ? null : (decimal)r.Arr.Value,
                r.OwnerId,
                r.RenewalDate is null ? null : DateOnly.ParseExact(r.RenewalDate, "yyyy-MM-dd", CultureInfo.InvariantCulture),
                r.CrmId))
            .ToArray();
    }

    private static string Key(string text) => text.Trim().ToLowerInvariant();

    private static string Escape(string text) => text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal);

    private sealed record Row(long Id, string Name, string? Segment, double? Arr, long? OwnerId, string? RenewalDate, string? CrmId);
}
