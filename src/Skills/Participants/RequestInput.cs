using System.Globalization;
using ProductOps.Skills.Accounts;
using ProductOps.Skills.Admin;
using ProductOps.Skills.Conversation;

namespace ProductOps.Skills.Participants;

/// <summary>
/// Reads a request from named fields, typed inline (<c>method=interview segment=enterprise</c>) or
/// from the form, and checks each: every problem is named with its field and how to fix it.
/// </summary>
public sealed class RequestInput(IParticipantStore pool, IAccountStore accounts, IAreaStore areas, TimeProvider clock)
{
    public const int MaxCount = 50;
    public const int MaxPerAccount = 5;

    public static IReadOnlyList<string> Fields { get; } =
        ["study", "method", "count", "segment", "role", "region", "accounts", "exclude", "from", "to", "incentive", "per-account", "team"];

    public async Task<(RequestDraft? Draft, IReadOnlyDictionary<string, string> Problems)> ReadAsync(
        IReadOnlyDictionary<string, string> fields, Person pm, CancellationToken ct)
    {
        var problems = new Dictionary<string, string>();
        string? Field(string key) => fields.TryGetValue(key, out var v) && !string.IsNullOrWhiteSpace(v) ? v.Trim() : null;

        // The vocabulary scans the pool; only criteria that name its words need it.
        var vocabulary = Field("segment") is null && Field("role") is null && Field("region") is null
            ? new PoolVocabulary([], [], [])
            : await pool.VocabularyAsync(ct);

        var study = Field("study");
        if (study is null)
        {
            problems["study"] = "Name the study, like study=\"SSO onboarding\"; the account owners and the ledger see it.";
        }
        else if (study.Length > 120)
        {
            problems["study"] = $"The study name is {study.Length} characters; keep it under 120.";
        }

        var method = Method.Interview;
        if (Field("method") is not { } methodText)
        {
            problems["method"] = $"Say how you will meet them: method={string.Join("|", Methods.Keys)}.";
        }
        else if (!Methods.TryParse(methodText, out method))
        {
            problems["method"] = Unknown("method", methodText, Methods.Keys);
        }

        var count = 5;
        if (Field("count") is { } countText
            && (!int.TryParse(countText, NumberStyles.None, CultureInfo.InvariantCulture, out count) || count < 1 || count > MaxCount))
        {
            problems["count"] = $"\"{countText}\" is not a number of people I can propose: give a whole number from 1 to {MaxCount}.";
        }

        var segments = Known("segment", Field("segment"), vocabulary.Segments, problems);
        var roles = Known("role", Field("role"), vocabulary.Roles, problems);
        var regions = Known("region", Field("region"), vocabulary.Regions, problems);
        var included = await AccountsAsync("accounts", Field("accounts"), problems, ct);
        var excluded = await AccountsAsync("exclude", Field("exclude"), problems, ct);

        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var from = Date("from", Field("from"), problems);
        var to = Date("to", Field("to"), problems);
        if (from is { } f && f < today)
        {
            problems["from"] = $"The window starts on {RuleEngine.Text(f)}, which is in the past; start today ({RuleEngine.Text(today)}) or later.";
        }

        if (to is { } t && t < today)
        {
            problems["to"] = $"The window ends on {RuleEngine.Text(t)}, which is in the past; end today ({RuleEngine.Text(today)}) or later.";
        }
        else if (from is { } start && to is { } end && end < start)
        {
            problems["to"] = $"The window ends ({RuleEngine.Text(end)}) before it starts ({RuleEngine.Text(start)}).";
        }

        var incentive = 0m;
        if (Field("incentive") is { } incentiveText)
        {
            if (!Money.TryParse(incentiveText, out incentive) || incentive < 0)
            {
                problems["incentive"] = $"\"{incentiveText}\" is not an amount: write the incentive per person, like 50 or $100, or 0 for none.";
            }
            else if (incentive > Money.Max)
            {
                problems["incentive"] = Money.TooLarge(incentiveText);
            }
        }

        var perAccount = 1;
        if (Field("per-account") is { } perText
            && (!int.TryParse(perText, NumberStyles.None, CultureInfo.InvariantCulture, out perAccount) || perAccount < 1 || perAccount > MaxPerAccount))
        {
            problems["per-account"] = $"\"{perText}\" is not how many people per account to propose: give 1 to {MaxPerAccount}.";
        }

        var team = Field("team") ?? await DefaultTeamAsync(pm, ct);
        if (problems.Count > 0)
        {
            return (null, problems);
        }

        var filter = new PoolFilter(method, segments, roles, regions, included, excluded);
        return (new RequestDraft(study!, method, count, filter, incentive, from, to, perAccount, team), problems);
    }

    /// <summary>The area the PM owns names their team in the ledger; without one, their own name does.</summary>
    private async Task<string> DefaultTeamAsync(Person pm, CancellationToken ct)
    {
        var owned = (await areas.ListAsync(ct)).Where(a => a.OwnerId == pm.Id).MinBy(a => a.Id);
        return owned?.Name ?? pm.Name;
    }

    private static string[] Known(string key, string? text, IReadOnlyList<string> known, Dictionary<string, string> problems)
    {
        if (text is null)
        {
            return [];
        }

        var values = Split(text);
        foreach (var value in values)
        {
            if (!known.Contains(value, StringComparer.OrdinalIgnoreCase))
            {
                problems[key] = Unknown(key, value, known);
                return [];
            }
        }

        return values.Select(v => known.First(k => k.Equals(v, StringComparison.OrdinalIgnoreCase))).ToArray();
    }

    private async Task<long[]> AccountsAsync(string key, string? text, Dictionary<string, string> problems, CancellationToken ct)
    {
        if (text is null)
        {
            return [];
        }

        var ids = new List<long>();
        foreach (var name in Split(text))
        {
            if (await accounts.FindByNameAsync(name, ct) is { } account)
            {
                ids.Add(account.Id);
                continue;
            }

            var close = await accounts.SearchAsync(name, 3, ct);
            problems[key] = $"There is no account called \"{name}\"." +
                            (close.Count > 0 ? " Did you mean " + string.Join(" or ", close.Select(a => $"\"{a.Name}\"")) + "?" : "") +
                            " Separate several accounts with commas.";
            return [];
        }

        return [.. ids];
    }

    private static DateOnly? Date(string key, string? text, Dictionary<string, string> problems)
    {
        if (text is null)
        {
            return null;
        }

        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            return day;
        }

        problems[key] = $"\"{text}\" is not a date: write it like 2026-03-31.";
        return null;
    }

    private static string Unknown(string key, string typed, IReadOnlyList<string> known)
    {
        var close = Suggestions.Closest(typed, known);
        var text = $"There is no {key} \"{typed}\".";
        if (close.Count > 0)
        {
            text += " Did you mean " + string.Join(" or ", close.Select(c => $"\"{c}\"")) + "?";
        }

        return known.Count == 0 ? text + $" The pool has no {key} values yet." : text + $" Known: {string.Join(", ", known.Take(15))}{(known.Count > 15 ? ", …" : "")}.";
    }

    private static string[] Split(string text) =>
        text.Split([',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
