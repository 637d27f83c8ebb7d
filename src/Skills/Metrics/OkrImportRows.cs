using System.Globalization;
using ProductOps.Skills.Admin;
using ProductOps.Skills.Conversation;
using ProductOps.Skills.Importing;

namespace ProductOps.Skills.Metrics;

/// <summary>One key result row of an OKR file, read and checked on its own. Objective fields may be blank when another row of the objective gives them.</summary>
public sealed record OkrRow(
    int Line,
    string Objective,
    Quarter Quarter,
    string? Team,
    long? OwnerId,
    string? Parent,
    string KeyResult,
    long? KeyResultOwnerId,
    Metric? Metric,
    double? Start,
    double Target,
    MetricUnit? Unit);

/// <summary>Reads the rows of an OKR file: names people and metrics, checks numbers, quarters and units.</summary>
public sealed class OkrImportRows(IMetricCatalog catalog, IPeopleStore people)
{
    public static readonly string[] Known =
        ["objective", "quarter", "team", "owner", "parent", "key_result", "kr_owner", "metric", "start", "target", "unit"];

    public static readonly string[] Required = ["objective", "key_result", "target"];

    public const string Columns =
        "objective (title; required), quarter (like 2026-Q4; default the current one), team and owner (e-mail or handle; on at least one row of each objective), " +
        "parent (O-<n> or the title of another objective), key_result (title; required), kr_owner (default the objective's owner), " +
        "metric (a metric key; the value then follows it), start (default the metric's latest value, or 0), target (required), unit (count, percent or currency)";

    private readonly Dictionary<string, Person?> _people = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The row, or every problem with it at once, so one fix of the file settles the row.</summary>
    public async Task<(OkrRow? Row, string? Problem)> ReadAsync(CsvRow row, Quarter current, CancellationToken ct)
    {
        var problems = new List<string?> { Title(row, "objective"), Title(row, "key_result") };

        var quarter = current;
        if (row["quarter"] is { } quarterText)
        {
            if (Quarter.Parse(quarterText, current) is { } parsed)
            {
                quarter = parsed;
            }
            else
            {
                problems.Add($"quarter \"{quarterText}\" is not a quarter like 2026-Q4");
            }
        }

        var team = row["team"];
        if (team is { Length: > 80 })
        {
            problems.Add($"team is {team.Length} characters; the limit is 80");
        }

        var (owner, ownerProblem) = await PersonAsync(row, "owner", ct);
        var (krOwner, krOwnerProblem) = await PersonAsync(row, "kr_owner", ct);
        problems.Add(ownerProblem);
        problems.Add(krOwnerProblem);

        Metric? metric = null;
        if (row["metric"] is { } key && (metric = await catalog.FindAsync(key, ct)) is null)
        {
            problems.Add($"metric \"{key}\" is not in the catalogue (see /metric list)");
        }

        MetricUnit? unit = null;
        if (row["unit"] is { } unitText && (unit = SetMetricHandler.Unit(unitText)) is null)
        {
            problems.Add($"unit \"{unitText}\" is not count, percent or currency");
        }

        var (start, startProblem) = Number(row, "start");
        var (target, targetProblem) = Number(row, "target");
        problems.Add(startProblem);
        problems.Add(targetProblem);

        var found = problems.OfType<string>().ToArray();
        return found.Length > 0
            ? (null, string.Join("; ", found))
            : (new OkrRow(row.Line, row["objective"]!, quarter, team, owner?.Id, row["parent"], row["key_result"]!, krOwner?.Id, metric, start, target!.Value, unit), null);
    }

    private static string? Title(CsvRow row, string column) =>
        row[column] switch
        {
            null => $"{column} is empty",
            { Length: > CreateObjectiveHandler.MaxTitleLength } t => $"{column} is {t.Length} characters; the limit is {CreateObjectiveHandler.MaxTitleLength}",
            _ => null,
        };

    private async Task<(Person? Person, string? Problem)> PersonAsync(CsvRow row, string column, CancellationToken ct)
    {
        if (row[column] is not { } text)
        {
            return (null, null);
        }

        var handle = text.TrimStart('@');
        if (!_people.TryGetValue(handle, out var person))
        {
            person = await people.FindByHandleAsync(handle, ct);
            _people[handle] = person;
        }

        return person is null ? (null, $"{column} \"{text}\" is nobody I know (give their e-mail or handle)") : (person, null);
    }

    private static (double? Value, string? Problem) Number(CsvRow row, string column) =>
        row[column] is not { } text ? (null, column == "target" ? "target is empty" : null)
        : double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var n) && double.IsFinite(n)
            ? MetricNumber.InRange(n) ? (n, null) : (null, column + " " + MetricNumber.TooLarge(text))
        : (null, $"{column} \"{text}\" is not a number (write digits, like 60 or 12000000)");
}
