using System.Globalization;
using System.Text.Json;
using Dapper;
using ProductOps.Skills.Participants;
using ProductOps.Storage.Audit;

namespace ProductOps.Storage.Participants;

/// <summary>Participant requests; criteria are kept as JSON, proposals as comma-separated participant ids.</summary>
public sealed class SqlRequestStore(Database database) : IRequestStore
{
    private const string Select =
        """
        SELECT id AS Id, pm_id AS PmId, team AS Team, study AS Study, method AS Method, wanted AS Wanted, criteria AS Criteria, incentive AS Incentive,
               window_start AS WindowStart, window_end AS WindowEnd, per_account AS PerAccount, proposed AS Proposed, skipped AS Skipped,
               status AS Status, created_at AS CreatedAt
        FROM participant_requests
        """;

    public async Task<ParticipantRequest> AddAsync(long pmId, RequestDraft draft, DateTimeOffset at, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        var row = await connection.QuerySingleAsync<Row>(new CommandDefinition(
            """
            INSERT INTO participant_requests (pm_id, team, study, method, wanted, criteria, incentive, window_start, window_end, per_account, status, created_at)
            VALUES (@pmId, @Team, @Study, @Method, @Wanted, @Criteria, @Incentive, @WindowStart, @WindowEnd, @PerAccount, 'proposed', @At)
            RETURNING id AS Id, pm_id AS PmId, team AS Team, study AS Study, method AS Method, wanted AS Wanted, criteria AS Criteria, incentive AS Incentive,
                      window_start AS WindowStart, window_end AS WindowEnd, per_account AS PerAccount, proposed AS Proposed, skipped AS Skipped,
                      status AS Status, created_at AS CreatedAt;
            """,
            new
            {
                pmId,
                draft.Team,
                draft.Study,
                Method = Methods.Key(draft.Method),
                draft.Wanted,
                Criteria = JsonSerializer.Serialize(new Criteria(draft.Filter.Segments, draft.Filter.Roles, draft.Filter.Regions, draft.Filter.Accounts, draft.Filter.ExcludedAccounts)),
                draft.Incentive,
                WindowStart = Day(draft.From),
                WindowEnd = Day(draft.To),
                draft.PerAccount,
                At = StoredTime.Text(at),
            },
            cancellationToken: ct));
        return row.ToRequest();
    }

    public async Task<ParticipantRequest?> FindAsync(long id, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        return (await connection.QueryAsync<Row>(new CommandDefinition($"{Select} WHERE id = @id", new { id }, cancellationToken: ct))).SingleOrDefault()?.ToRequest();
    }

    public async Task<IReadOnlyList<ParticipantRequest>> ByPmAsync(long pmId, int limit, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        return (await connection.QueryAsync<Row>(new CommandDefinition($"{Select} WHERE pm_id = @pmId ORDER BY id DESC LIMIT @limit", new { pmId, limit }, cancellationToken: ct)))
            .Select(r => r.ToRequest())
            .ToArray();
    }

    public async Task SetProposalAsync(long id, IReadOnlyList<long> proposed, IReadOnlyList<long> skipped, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE participant_requests SET proposed = @proposed, skipped = @skipped WHERE id = @id;",
            new { id, proposed = Ids(proposed), skipped = Ids(skipped.Distinct()) },
            cancellationToken: ct));
    }

    public async Task<bool> SetStatusAsync(long id, RequestStatus from, RequestStatus status, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        return await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE participant_requests SET status = @status WHERE id = @id AND status = @from;",
            new { id, from = StatusText(from), status = StatusText(status) },
            cancellationToken: ct)) == 1;
    }

    private static string StatusText(RequestStatus status) => status.ToString().ToLowerInvariant();

    private static string? Day(DateOnly? day) => day?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Ids(IEnumerable<long> ids) => string.Join(",", ids.Select(i => i.ToString(CultureInfo.InvariantCulture)));

    private static long[] ParseIds(string text) =>
        text.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(s => long.Parse(s, CultureInfo.InvariantCulture)).ToArray();

    private sealed record Criteria(IReadOnlyList<string> Segments, IReadOnlyList<string> Roles, IReadOnlyList<string> Regions, IReadOnlyList<long> Accounts, IReadOnlyList<long> Excluded);

    private sealed record Row(
        long Id,
        long PmId,
        string Team,
        string Study,
        string Method,
        long Wanted,
        string Criteria,
        double Incentive,
        string? WindowStart,
        string? WindowEnd,
        long PerAccount,
        string Proposed,
        string Skipped,
        string Status,
        string CreatedAt)
    {
        public ParticipantRequest ToRequest()
        {
            var method = Methods.TryParse(Method, out var m) ? m : Skills.Participants.Method.Interview;
            var criteria = JsonSerializer.Deserialize<Criteria>(Criteria)!;
            var filter = new PoolFilter(method, criteria.Segments, criteria.Roles, criteria.Regions, criteria.Accounts, criteria.Excluded);
            var draft = new RequestDraft(Study, method, (int)Wanted, filter, (decimal)Incentive, Date(WindowStart), Date(WindowEnd), (int)PerAccount, Team);
            var status = Enum.Parse<RequestStatus>(Status, ignoreCase: true);
            return new ParticipantRequest(Id, PmId, draft, ParseIds(Proposed), ParseIds(Skipped), status, StoredTime.Parse(CreatedAt));
        }

        private static DateOnly? Date(string? text) => text is null ? null : DateOnly.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture);
    }
}
