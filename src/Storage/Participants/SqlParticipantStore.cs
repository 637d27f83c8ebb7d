using System.Data.Common;
using System.Globalization;
using Dapper;
using ProductOps.Skills.Participants;

namespace ProductOps.Storage.Participants;

/// <summary>The participant pool, joined to the account catalogue. E-mails are stored lower-case.</summary>
public sealed class SqlParticipantStore(Database database) : IParticipantStore
{
    private const string Select =
        """
        SELECT p.id AS Id, p.email AS Email, p.name AS Name, p.account_id AS AccountId, p.role AS Role, p.segment AS Segment,
               p.region AS Region, p.time_zone AS TimeZone, p.opt_interview AS OptInterview, p.opt_usability AS OptUsability,
               p.opt_survey AS OptSurvey, p.opt_beta AS OptBeta, p.do_not_contact AS DoNotContact, p.source AS Source, p.notes AS Notes,
               a.name AS AccountName, a.segment AS AccountSegment, a.owner_id AS OwnerId, a.renewal_date AS RenewalDate
        FROM participants p JOIN accounts a ON a.id = p.account_id
        """;

    public async Task<Candidate?> FindByEmailAsync(string email, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        return (await LoadAsync(connection, $"{Select} WHERE p.email = @email", new { email = email.Trim().ToLowerInvariant() }, ct)) is [var one, ..] ? one : null;
    }

    public async Task<IReadOnlyList<Candidate>> FindAsync(IReadOnlyCollection<long> ids, CancellationToken ct)
    {
        if (ids.Count == 0)
        {
            return [];
        }

        await using var connection = await database.OpenAsync(ct);
        return await LoadAsync(connection, $"{Select} WHERE p.id IN (SELECT value FROM json_each(@ids))", new { ids = Json.Ids(ids) }, ct);
    }

    public async Task<IReadOnlyList<Candidate>> AtAccountAsync(long accountId, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        return await LoadAsync(connection, $"{Select} WHERE p.account_id = @accountId ORDER BY p.name", new { accountId }, ct);
    }

    public async Task<IReadOnlyList<Candidate>> MatchAsync(PoolFilter filter, CancellationToken ct)
    {
        var where = new List<string> { "1 = 1" };
        if (filter.Segments.Count > 0)
        {
            where.Add("lower(COALESCE(p.segment, a.segment)) IN (SELECT value FROM json_each(@segments))");
        }

        if (filter.Roles.Count > 0)
        {
            where.Add("lower(p.role) IN (SELECT value FROM json_each(@roles))");
        }

        if (filter.Regions.Count > 0)
        {
            where.Add("lower(p.region) IN (SELECT value FROM json_each(@regions))");
        }

        if (filter.Accounts.Count > 0)
        {
            where.Add("p.account_id IN (SELECT value FROM json_each(@accounts))");
        }

        if (filter.ExcludedAccounts.Count > 0)
        {
            where.Add("p.account_id NOT IN (SELECT value FROM json_each(@excluded))");
        }

        await using var connection = await database.OpenAsync(ct);
        return await LoadAsync(
            connection,
            $"{Select} WHERE {string.Join(" AND ", where)}",
            new
            {
                segments = Json.Words(filter.Segments),
                roles = Json.Words(filter.Roles),
                regions = Json.Words(filter.Regions),
                accounts = Json.Ids(filter.Accounts),
                excluded = Json.Ids(filter.ExcludedAccounts),
            },
            ct);
    }

    public async Task<PoolVocabulary> VocabularyAsync(CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        var segments = await connection.QueryAsync<string>(new CommandDefinition(
            "SELECT segment FROM participants WHERE segment IS NOT NULL UNION SELECT segment FROM accounts WHERE segment IS NOT NULL ORDER BY 1;", cancellationToken: ct));
        var roles = await connection.QueryAsync<string>(new CommandDefinition(
            "SELECT DISTINCT role FROM participants WHERE role IS NOT NULL ORDER BY 1;", cancellationToken: ct));
        var regions = await connection.QueryAsync<string>(new CommandDefinition(
            "SELECT DISTINCT region FROM participants WHERE region IS NOT NULL ORDER BY 1;", cancellationToken: ct));
        return new PoolVocabulary(Distinct(segments), Distinct(roles), Distinct(regions));
    }

    /// <summary>
    /// Rows per transaction. The import has checked every row before this runs; writing a pool of
    /// 100,000 in one transaction would hold SQLite's only write lock (and every chat
    /// acknowledgement waiting for it) for seconds. An import cut short by a crash is stored in part;
    /// importing the file again completes it, as rows are upserted by e-mail.
    /// </summary>
    public const int RowsPerTransaction = 5_000;

    public async Task<(int Added, int Updated)> UpsertAsync(IReadOnlyList<ParticipantData> participants, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        var added = 0;
        foreach (var chunk in participants.Chunk(RowsPerTransaction))
        {
            added += await UpsertChunkAsync(connection, chunk, ct);
        }

        // E-mails are unique within one import, so every row that did not add a participant updated one.
        return (added, participants.Count - added);
    }

    private static async Task<int> UpsertChunkAsync(DbConnection connection, ParticipantData[] participants, CancellationToken ct)
    {
        await using var transaction = await connection.BeginTransactionAsync(ct);
        var before = await connection.ExecuteScalarAsync<long>(new CommandDefinition("SELECT COUNT(*) FROM participants;", transaction: transaction, cancellationToken: ct));
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO participants (email, name, account_id, role, segment, region, time_zone, opt_interview, opt_usability, opt_survey, opt_beta, do_not_contact, source, notes)
            VALUES (@Email, @Name, @AccountId, @Role, @Segment, @Region, @TimeZone, @OptInterview, @OptUsability, @OptSurvey, @OptBeta, @DoNotContact, @Source, @Notes)
            ON CONFLICT (email) DO UPDATE SET
                name = excluded.name, account_id = excluded.account_id, role = excluded.role, segment = excluded.segment,
                region = excluded.region, time_zone = excluded.time_zone,
                opt_interview = CASE WHEN @KeepOptIns THEN participants.opt_interview ELSE excluded.opt_interview END,
                opt_usability = CASE WHEN @KeepOptIns THEN participants.opt_usability ELSE excluded.opt_usability END,
                opt_survey = CASE WHEN @KeepOptIns THEN participants.opt_survey ELSE excluded.opt_survey END,
                opt_beta = CASE WHEN @KeepOptIns THEN participants.opt_beta ELSE excluded.opt_beta END,
                do_not_contact = CASE WHEN @LiftsDoNotContact THEN NULL ELSE COALESCE(excluded.do_not_contact, participants.do_not_contact) END,
                source = excluded.source, notes = excluded.notes;
            """,
            participants.Select(p => new
            {
                Email = p.Email.Trim().ToLowerInvariant(),
                p.Name,
                p.AccountId,
                p.Role,
                p.Segment,
                p.Region,
                p.TimeZone,
                KeepOptIns = p.OptIns is null,
                OptInterview = p.OptIns?.Contains(Method.Interview) ?? false,
                OptUsability = p.OptIns?.Contains(Method.Usability) ?? false,
                OptSurvey = p.OptIns?.Contains(Method.Survey) ?? false,
                OptBeta = p.OptIns?.Contains(Method.Beta) ?? false,
                p.DoNotContact,
                p.LiftsDoNotContact,
                p.Source,
                p.Notes,
            }),
            transaction,
            cancellationToken: ct));
        var after = await connection.ExecuteScalarAsync<long>(new CommandDefinition("SELECT COUNT(*) FROM participants;", transaction: transaction, cancellationToken: ct));
        await transaction.CommitAsync(ct);
        return (int)(after - before);
    }

    private static async Task<IReadOnlyList<Candidate>> LoadAsync(DbConnection connection, string sql, object parameters, CancellationToken ct) =>
        (await connection.QueryAsync<Row>(new CommandDefinition(sql, parameters, cancellationToken: ct))).Select(r => r.ToCandidate()).ToArray();

    private static string[] Distinct(IEnumerable<string> words) => words.Distinct(StringComparer.OrdinalIgnoreCase).ToArray();

    private sealed record Row(
        long Id,
        string Email,
        string Name,
        long AccountId,
        string? Role,
        string? Segment,
        string? Region,
        string? TimeZone,
        long OptInterview,
        long OptUsability,
        long OptSurvey,
        long OptBeta,
        string? DoNotContact,
        string? Source,
        string? Notes,
        string AccountName,
        string? AccountSegment,
        long? OwnerId,
        string? RenewalDate)
    {
        public Candidate ToCandidate()
        {
            var optIns = new HashSet<Method>();
            if (OptInterview != 0)
            {
                optIns.Add(Method.Interview);
            }

            if (OptUsability != 0)
            {
                optIns.Add(Method.Usability);
            }

            if (OptSurvey != 0)
            {
                optIns.Add(Method.Survey);
            }

            if (OptBeta != 0)
            {
                optIns.Add(Method.Beta);
            }

            var renewal = RenewalDate is null ? (DateOnly?)null : DateOnly.ParseExact(RenewalDate, "yyyy-MM-dd", CultureInfo.InvariantCulture);
            return new Candidate(
                new Participant(Id, Email, Name, AccountId, Role, Segment, Region, TimeZone, optIns, DoNotContact, Source, Notes),
                new AccountBrief(AccountId, AccountName, AccountSegment, OwnerId, renewal));
        }
    }
}

/// <summary>Lists passed to SQLite as one JSON parameter and read with json_each: no limit on their length.</summary>
internal static class Json
{
    public static string Ids(IEnumerable<long> ids) => System.Text.Json.JsonSerializer.Serialize(ids);

    public static string Words(IEnumerable<string> words) => System.Text.Json.JsonSerializer.Serialize(words.Select(w => w.ToLowerInvariant()));
}
