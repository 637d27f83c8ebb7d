using System.Globalization;
using ProductOps.Skills.Admin;
using ProductOps.Skills.Importing;

namespace ProductOps.Skills.Accounts;

/// <summary>
/// Imports the account catalogue from a CRM export. Upserts by CRM id, else by name; every bad row
/// is reported with its line and reason, and with any bad row nothing is imported unless partial.
/// </summary>
public sealed class ImportAccounts(IAccountStore accounts, IPeopleStore people, IAuditLog audit) : ICsvImport
{
    private static readonly string[] Known = ["name", "aliases", "segment", "arr", "owner", "renewal_date", "crm_id"];

    public const string KindName = "accounts";

    public string Kind => KindName;

    public string Columns => "name (required), aliases (separated by ;), segment, arr, owner (e-mail or handle), renewal_date (YYYY-MM-DD), crm_id";

    public async Task<ImportReport> ImportAsync(TextReader csv, ImportRequest request, CancellationToken ct)
    {
        var (rows, problem) = await CsvTable.ReadAsync(csv, Known, ["name"], Columns, ct);
        if (problem is not null)
        {
            return ImportReport.Failed(problem);
        }

        var good = new List<AccountData>();
        var rejected = new List<RejectedRow>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var row in rows)
        {
            var (account, rowProblem) = await ReadAsync(row, ct);
            if (rowProblem is null && !seen.Add(account!.CrmId ?? account.Name))
            {
                rowProblem = $"\"{account.CrmId ?? account.Name}\" appears twice in the file";
            }
            else if (rowProblem is null && !names.Add(account!.Name))
            {
                rowProblem = $"name \"{account.Name}\" appears twice in the file, with different CRM ids; account names are unique";
            }
            else if (rowProblem is null)
            {
                rowProblem = await TakenAsync(account!, ct);
            }

            if (rowProblem is not null)
            {
                rejected.Add(new RejectedRow(row.Line, rowProblem));
                continue;
            }

            good.Add(account!);
        }

        if (rejected.Count > 0 && !request.Partial)
        {
            return new ImportReport(0, 0, rejected, false);
        }

        var (added, updated) = await accounts.UpsertAsync(good, ct);
        await audit.WriteAsync(new AuditChange(request.ActorId, request.ActorName, "accounts.import", "account catalogue", null, $"{added} added, {updated} updated, {rejected.Count} rejected"), ct);
        return new ImportReport(added, updated, rejected, true);
    }

    /// <summary>
    /// Why the row's name or an alias already names another account than the one the row updates, or
    /// null: names and aliases each lead to one account.
    /// </summary>
    private async Task<string?> TakenAsync(AccountData row, CancellationToken ct)
    {
        var named = await accounts.FindByNameAsync(row.Name, ct);
        var holder = named is not null && named.Name.Equals(row.Name, StringComparison.OrdinalIgnoreCase) ? named : null;

        // The row updates the account with its CRM id, else the one of that name (without a CRM id, when the row has one).
        var target = row.CrmId is { } crm
            ? await accounts.FindByNameAsync(crm, ct) is { } byCrm && byCrm.CrmId == crm ? byCrm : holder?.CrmId is null ? holder : null
            : holder;
        if (holder is not null && holder.Id != target?.Id)
        {
            return $"name \"{row.Name}\" is already {(holder.CrmId is { } other ? $"the account with CRM id {other}" : "another account's, which has no CRM id")}; give this one another name, or that account's CRM id";
        }

        foreach (var alias in row.Aliases)
        {
            if (await accounts.FindByNameAsync(alias, ct) is { } other && other.Id != target?.Id)
            {
                return $"alias \"{alias}\" already leads to {other.Name}; an alias names one account";
            }
        }

        return null;
    }

    /// <summary>The row as an account, or every problem with it, so one fix of the file settles the row.</summary>
    private async Task<(AccountData? Account, string? Problem)> ReadAsync(CsvRow field, CancellationToken ct)
    {
        var problems = new List<string>();
        var name = field["name"];
        if (name is null)
        {
            problems.Add("name is empty");
        }
        else if (name.Length > 200)
        {
            problems.Add($"name is {name.Length} characters; the limit is 200");
        }

        decimal? arr = null;
        if (field["arr"] is { } arrText)
        {
            if (!Money.TryParse(arrText, out var amount))
            {
                problems.Add($"arr \"{arrText}\" is not an amount (write 120000, 120k or 1.2M)");
            }
            else if (amount > Money.Max)
            {
                problems.Add("arr " + Money.TooLarge(arrText));
            }
            else
            {
                arr = amount;
            }
        }

        DateOnly? renewal = null;
        if (field["renewal_date"] is { } dateText)
        {
            if (DateOnly.TryParseExact(dateText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                renewal = date;
            }
            else
            {
                problems.Add($"renewal_date \"{dateText}\" is not a date like 2026-09-30");
            }
        }

        long? ownerId = null;
        if (field["owner"] is { } ownerText)
        {
            if (await people.FindByHandleAsync(ownerText.TrimStart('@'), ct) is { } owner)
            {
                ownerId = owner.Id;
            }
            else
            {
                problems.Add($"owner \"{ownerText}\" is nobody I know (give their e-mail or handle)");
            }
        }

        if (problems.Count > 0)
        {
            return (null, string.Join("; ", problems));
        }

        var aliases = (field["aliases"] ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return (new AccountData(name!, aliases, field["segment"], arr, ownerId, renewal, field["crm_id"]), null);
    }
}
