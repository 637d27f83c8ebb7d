using System.Net.Mail;
using ProductOps.Skills.Accounts;
using ProductOps.Skills.Admin;
using ProductOps.Skills.Importing;

namespace ProductOps.Skills.Participants;

/// <summary>
/// Imports the participant pool from CSV; upserts by e-mail. Every bad row is reported with its line
/// and reason (bad e-mail, unknown account, unknown opt-in, duplicate in the file), and with any bad
/// row nothing is imported unless partial.
/// </summary>
public sealed class ImportParticipants(IParticipantStore pool, IAccountStore accounts, IAuditLog audit) : ICsvImport
{
    public const string AuditAction = "participants.import";

    private static readonly string[] Known =
        ["email", "name", "account", "role", "segment", "region", "time_zone", "opt_ins", "do_not_contact", "source", "notes"];

    public string Kind => "participants";

    public string Columns =>
        "email (required), name (required), account (name, alias or CRM id; required), role, segment, region, time_zone, opt_ins (interview;usability;survey;beta), do_not_contact (the reason, when set), source, notes";

    public async Task<ImportReport> ImportAsync(TextReader csv, ImportRequest request, CancellationToken ct)
    {
        var (rows, problem) = await CsvTable.ReadAsync(csv, Known, ["email", "name", "account"], Columns, ct);
        if (problem is not null)
        {
            return ImportReport.Failed(problem);
        }

        var good = new List<ParticipantData>();
        var rejected = new List<RejectedRow>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var accountIds = new Dictionary<string, long?>(StringComparer.OrdinalIgnoreCase);
        foreach (var row in rows)
        {
            var (data, rowProblem) = await ReadAsync(row, accountIds, ct);
            if (rowProblem is null && !seen.Add(data!.Email))
            {
                rowProblem = $"{data.Email} appears twice in the file";
            }

            if (rowProblem is not null)
            {
                rejected.Add(new RejectedRow(row.Line, rowProblem));
                continue;
            }

            good.Add(data!);
        }

        if (rejected.Count > 0 && !request.Partial)
        {
            return new ImportReport(0, 0, rejected, false);
        }

        var (added, updated) = await pool.UpsertAsync(good, ct);
        await audit.WriteAsync(new AuditChange(request.ActorId, request.ActorName, AuditAction, "participant pool", null, $"{added} added, {updated} updated, {rejected.Count} rejected"), ct);
        return new ImportReport(added, updated, rejected, true);
    }

    private async Task<(ParticipantData? Data, string? Problem)> ReadAsync(CsvRow row, Dictionary<string, long?> accountIds, CancellationToken ct)
    {
        var email = row["email"];
        if (email is null || !IsEmail(email))
        {
            return (null, email is null ? "email is empty" : $"\"{email}\" is not an e-mail address");
        }

        if (row["name"] is not { } name)
        {
            return (null, "name is empty");
        }

        if (name.Length > 200)
        {
            return (null, $"name is {name.Length} characters; the limit is 200");
        }

        if (row["account"] is not { } accountName)
        {
            return (null, "account is empty");
        }

        if (!accountIds.TryGetValue(accountName, out var accountId))
        {
            accountId = (await accounts.FindByNameAsync(accountName, ct))?.Id;
            accountIds[accountName] = accountId;
        }

        if (accountId is null)
        {
            return (null, $"account \"{accountName}\" is not in the account catalogue (import accounts first)");
        }

        if (row["time_zone"] is { } zone && Cadences.Zones.Find(zone) is null)
        {
            return (null, $"time_zone \"{zone}\" is not a time zone (write an IANA name like Europe/London or America/Chicago)");
        }

        // Without the column, the opt-ins a participant already gave are kept.
        var optIns = row.Has("opt_ins") ? new HashSet<Method>() : null;
        foreach (var word in (row["opt_ins"] ?? "").Split([';', ',', '|'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!Methods.TryParse(word, out var method))
            {
                return (null, $"opt_ins \"{word}\" is not a method (interview, usability, survey, beta)");
            }

            optIns!.Add(method);
        }

        // A blank cell keeps a do-not-contact; only an explicit no lifts it.
        var lifts = row["do_not_contact"]?.ToLowerInvariant() is "no" or "false" or "0";
        var doNotContact = lifts ? null : row["do_not_contact"] switch
        {
            null => null,
            var yes when yes.ToLowerInvariant() is "yes" or "true" or "1" => "listed as do-not-contact",
            var reason => reason,
        };
        return (new ParticipantData(
            email.ToLowerInvariant(), name, accountId.Value, row["role"], row["segment"], row["region"], row["time_zone"], optIns, doNotContact, row["source"], row["notes"], lifts), null);
    }

    private static bool IsEmail(string text) =>
        text.Length <= 254 && MailAddress.TryCreate(text, out var address) && address.Address == text && text.Contains('.', StringComparison.Ordinal);
}
