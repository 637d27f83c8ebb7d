using System.Data.Common;
using Dapper;
using ProductOps.Skills.Participants;
using ProductOps.Storage.Audit;

namespace ProductOps.Storage.Participants;

/// <summary>
/// Counts in SQL what <see cref="LedgerCounts.Of"/> counts from contacts. One grouped pass over
/// ix_contact_ledger_participant_rules gives every person's counts, one over
/// ix_contact_ledger_account_rules every account's; only people and accounts a rule may exclude get a
/// second, small search for what the exclusion names (the recent contact, the limit-th newest).
/// </summary>
internal static class LedgerCounting
{
    // Contact.Holds.
    private const string Holds = "status <> 'released' AND (status <> 'reserved' OR expires_at IS NULL OR expires_at > @now)";

    // Contacts of another study count against it; without a request (a check) every contact counts.
    private const string Other = "(@request IS NULL OR request_id IS NOT @request)";

    // What LedgerCounts reads with `RequestId != question.RequestId`: the same as Other for a request.
    private const string NotThis = "request_id IS NOT @request";

    // A contact without a request is a study of its own (request and contact ids are both positive).
    private const string Study = "COALESCE(request_id, -id)";

    private const string People =
        $"""
        SELECT c.Id, c.LastContact, c.NoShows, c.Studies, c.RecentAt,
               -- Who made the recent contact, and how; at equal times the older row, as the contacts are read.
               CASE WHEN c.RecentAt IS NOT NULL THEN (
                   SELECT json_array(team, method) FROM contact_ledger WHERE participant_id = c.Id AND at = c.RecentAt AND {Holds} AND {Other}
                   ORDER BY id LIMIT 1) END AS RecentBy,
               CASE WHEN c.NoShows >= @noShowLimit THEN (
                   SELECT at FROM contact_ledger WHERE participant_id = c.Id AND status = 'no-show' AND at > @noShowsSince
                   ORDER BY at DESC LIMIT 1 OFFSET @noShowLimit - 1) END AS NoShowsLimitNewest,
               CASE WHEN c.Studies >= @personCap THEN (
                   SELECT MAX(at) AS last FROM contact_ledger WHERE participant_id = c.Id AND at > @personCapSince AND {Holds} AND {Other}
                   GROUP BY {Study} ORDER BY last DESC LIMIT 1 OFFSET @personCap - 1) END AS StudiesLimitNewest
        FROM (
            SELECT participant_id AS Id,
                   MAX(at) AS LastContact,
                   MAX(CASE WHEN {Other} AND at > @cooldownSince THEN at END) AS RecentAt,
                   SUM(status = 'no-show' AND at > @noShowsSince) AS NoShows,
                   COUNT(DISTINCT CASE WHEN {Other} AND at > @personCapSince THEN {Study} END) AS Studies
            FROM contact_ledger
            WHERE participant_id IN (SELECT value FROM json_each(@people)) AND at >= @since AND {Holds}
            GROUP BY participant_id
        ) c;
        """;

    private const string Paid =
        $"""
        SELECT participant_id AS Id, incentive AS Incentive FROM contact_ledger
        WHERE participant_id IN (SELECT value FROM json_each(@people)) AND at >= @paidSince AND incentive <> 0 AND {Holds} AND {NotThis};
        """;

    private const string Accounts =
        $"""
        SELECT c.Id, c.Studies,
               CASE WHEN c.Studies >= @accountCap THEN (
                   SELECT MAX(at) AS last FROM contact_ledger WHERE account_id = c.Id AND at > @accountCapSince AND {Holds} AND {Other}
                   GROUP BY {Study} ORDER BY last DESC LIMIT 1 OFFSET @accountCap - 1) END AS LimitNewest,
               CASE WHEN c.Studies >= @accountCap THEN c.Teams END AS Teams
        FROM (
            SELECT account_id AS Id,
                   COUNT(DISTINCT CASE WHEN {Other} THEN {Study} END) AS Studies,
                   json_group_array(team ORDER BY at, id) FILTER (WHERE {NotThis}) AS Teams
            FROM contact_ledger
            WHERE account_id IN (SELECT value FROM json_each(@accounts)) AND at > @accountCapSince AND {Holds}
            GROUP BY account_id
        ) c;
        """;

    public static async Task<LedgerCounts> CountAsync(
        DbConnection connection, IReadOnlyCollection<long> participantIds, IReadOnlyCollection<long> accountIds, LedgerQuestion q, CancellationToken ct)
    {
        var parameters = new
        {
            people = Json.Ids(participantIds),
            accounts = Json.Ids(accountIds),
            request = q.RequestId,
            now = StoredTime.Text(q.Now),
            since = StoredTime.Text(q.Since),
            cooldownSince = StoredTime.Text(q.CooldownSince),
            noShowsSince = StoredTime.Text(q.NoShowsSince),
            noShowLimit = q.NoShowLimit,
            personCapSince = StoredTime.Text(q.PersonCapSince),
            personCap = q.PersonCap,
            paidSince = q.PaidSince is { } year ? StoredTime.Text(year) : null,
            accountCapSince = StoredTime.Text(q.AccountCapSince),
            accountCap = q.AccountCap,
        };
        var people = await connection.QueryAsync<PersonRow>(new CommandDefinition(People, parameters, cancellationToken: ct));
        IEnumerable<PaidRow> paid = q.PaidSince is null ? [] : await connection.QueryAsync<PaidRow>(new CommandDefinition(Paid, parameters, cancellationToken: ct));
        var accounts = await connection.QueryAsync<AccountRow>(new CommandDefinition(Accounts, parameters, cancellationToken: ct));

        // Summed as the contacts would be: each amount read as a decimal, then added exactly.
        var paidBy = paid.GroupBy(r => r.Id).ToDictionary(g => g.Key, g => g.Sum(r => (decimal)r.Incentive));
        return new LedgerCounts(
            people.ToDictionary(r => r.Id, r => r.ToCounts(paidBy.GetValueOrDefault(r.Id))),
            accounts.ToDictionary(r => r.Id, r => r.ToCounts()));
    }

    private static DateTimeOffset? Time(string? text) => text is null ? null : StoredTime.Parse(text);

    // Rows with settable properties: a count that is null in the first row gives Dapper no column type to match a constructor by.
    private sealed record PersonRow
    {
        public long Id { get; init; }

        public string? LastContact { get; init; }

        public string? RecentAt { get; init; }

        public string? RecentBy { get; init; }

        public long NoShows { get; init; }

        public string? NoShowsLimitNewest { get; init; }

        public long Studies { get; init; }

        public string? StudiesLimitNewest { get; init; }

        public PersonCounts ToCounts(decimal paid) => new(
            Time(LastContact),
            RecentAt is null ? null : Recent(StoredTime.Parse(RecentAt), System.Text.Json.JsonSerializer.Deserialize<string[]>(RecentBy!)!),
            new WindowCount((int)NoShows, Time(NoShowsLimitNewest)),
            new WindowCount((int)Studies, Time(StudiesLimitNewest)),
            paid);
    }

    private static RecentContact Recent(DateTimeOffset at, string[] by) =>
        new(at, by[0], Methods.TryParse(by[1], out var method) ? method : Method.Interview);

    private sealed record PaidRow(long Id, double Incentive);

    private sealed record AccountRow
    {
        public long Id { get; init; }

        public long Studies { get; init; }

        public string? LimitNewest { get; init; }

        public string? Teams { get; init; }

        public AccountCounts ToCounts() => new(
            new WindowCount((int)Studies, Time(LimitNewest)),
            Teams is null ? [] : System.Text.Json.JsonSerializer.Deserialize<string[]>(Teams)!);
    }
}
