using System.Globalization;
using System.Text.RegularExpressions;
using ProductOps.Skills.Admin;
using ProductOps.Skills.Conversation;

namespace ProductOps.Skills.Metrics;

/// <summary>
/// <c>/metric set arr name="ARR" definition="…" unit=currency …</c>: adds a metric to the catalogue,
/// or changes the fields given of an existing one. Audited.
/// </summary>
public sealed partial class SetMetricHandler(IMetricCatalog catalog, IPeopleStore people, IAuditLog audit) : ICommandHandler
{
    public const int MaxDefinitionLength = 500;

    private static readonly string[] Keys = ["name", "definition", "unit", "direction", "freshness", "dimensions", "aliases", "owner", "source", "roles"];

    private static readonly string[] NeededWhenNew = ["name", "definition", "unit"];

    /// <summary>Sub-command words: a metric with one of these keys could never be looked up.</summary>
    private static readonly string[] Reserved = ["list", "define", "set", "stale", "import", "digest", "help"];

    public static readonly CommandSpec Spec = new(
        "metric",
        "set",
        "Adds a metric to the catalogue or changes its definition.",
        "/metric set <key> name=\"…\" definition=\"…\" unit=currency|percent|count [direction=up|down] [freshness=daily|weekly|monthly|<n>d] [dimensions=a,b] [aliases=a,b] [owner=@pm] [source=\"…\"] [roles=leader,admin|everyone] [confirm]",
        "/metric set arr name=\"ARR\" definition=\"Annual recurring revenue of active subscriptions.\" unit=currency dimensions=segment,region owner=@helen source=\"dbt: fct_arr\"")
    {
        Details = "A new metric needs name, definition and unit; an existing one changes only the fields given. roles= shares a metric only with those roles (admins always see it); roles=everyone opens it again. Changing the unit of a metric that has values needs confirm.",
        Roles = new HashSet<Role> { Role.Admin },
    };

    public async Task<Response> HandleAsync(CommandRequest request, CancellationToken ct)
    {
        if (ArgCheck.Shape(request.Args, Spec, 2, Keys) is { } shape)
        {
            return shape;
        }

        var (confirmed, notConfirm) = ArgCheck.Confirmation(request.Args, Spec);
        if (notConfirm is not null)
        {
            return notConfirm;
        }

        var key = ArgCheck.First(request.Args)?.Value.Trim().ToLowerInvariant() ?? "";
        if (!KeyPattern().IsMatch(key) || Reserved.Contains(key))
        {
            return AdminReplies.Problem(key.Length == 0
                ? Markup.Of($"Give the metric's key first, like {Md.Code("arr")}.")
                : Markup.Of($"{Md.Code(key)} cannot be a key. Use 2–40 lower-case letters, digits and hyphens, starting with a letter, and none of {string.Join(", ", Reserved)}."), Spec);
        }

        var existing = await catalog.FindAsync(key, ct);
        var missing = NeededWhenNew.Where(k => existing is null && request.Args.Named(k) is null).ToArray();
        if (missing.Length > 0)
        {
            return AdminReplies.Problem(Markup.Of($"{Md.Code(key)} is a new metric, so it needs {string.Join(", ", missing.Select(k => k + "="))}."), Spec);
        }

        var draft = existing?.ToDraft() ?? new MetricDraft(key, "", [], "", MetricUnit.Count, MetricDirection.UpIsGood, 1, [], new HashSet<Role>(), null, "");
        var (changed, problem) = await ApplyAsync(draft, request, ct);
        if (problem is not null)
        {
            return AdminReplies.Problem(problem, Spec);
        }

        // Values already pushed were meant in the old unit: re-reading them in another is a decision, not a slip.
        if (existing is { LastDate: not null } && changed!.Unit != existing.Unit && !confirmed)
        {
            return Response.Say(Markup.Of(
                $"{Md.Bold(existing.Name)} has values pushed as {MetricFormat.Unit(existing.Unit)}; as {MetricFormat.Unit(changed.Unit)} every one of them, and every change and digest, reads differently. "
                + $"To change it anyway: {Md.Code($"/metric set {key} unit={MetricFormat.Unit(changed.Unit)} {ArgCheck.Confirm}")}. Nothing changed."));
        }

        var clash = (await catalog.ListAsync(ct)).FirstOrDefault(m => m.Key != key && changed!.Aliases.Prepend(changed.Name).Any(m.Answers));
        if (clash is not null)
        {
            return AdminReplies.Problem(Markup.Of($"The name or an alias of {Md.Code(key)} is already used by {Md.Code(clash.Key)}. Names and aliases must point at one metric."), Spec);
        }

        var saved = await catalog.SaveAsync(changed!, ct);
        var everyone = (await people.ListAsync(ct)).ToDictionary(p => p.Id);
        await audit.WriteAsync(AuditChange.By(request.Person, MetricAudit.MetricSet, key, existing is null ? null : Describe(existing.ToDraft(), everyone), Describe(changed!, everyone)), ct);
        return Response.Say(existing is null
            ? Markup.Of($"Added {Md.Bold(saved.Name)} ({Md.Code(saved.Key)}) to the catalogue. BI jobs push values with {Md.Code($"POST /api/metrics/{saved.Key}/values")}.")
            : Markup.Of($"Updated {Md.Bold(saved.Name)} ({Md.Code(saved.Key)}). {Md.Code("/metric define " + saved.Key)} shows it."));
    }

    private async Task<(MetricDraft? Draft, Markup? Problem)> ApplyAsync(MetricDraft draft, CommandRequest request, CancellationToken ct)
    {
        var args = request.Args;
        foreach (var arg in args.All.Where(a => a.Key is not null))
        {
            var value = arg.Value.Trim();
            switch (arg.Key!.ToLowerInvariant())
            {
                case "name" when value.Length is 0 or > 80:
                    return (null, "name= takes 1–80 characters.");
                case "name":
                    draft = draft with { Name = value };
                    break;
                case "definition" when value.Length is 0 or > MaxDefinitionLength:
                    return (null, $"definition= takes one sentence of 1–{MaxDefinitionLength} characters, in \"quotes\".");
                case "definition":
                    draft = draft with { Definition = value };
                    break;
                case "unit" when Unit(value) is not { } unit:
                    return (null, Markup.Of($"{Md.Code("unit=" + value)} is not a unit. Use currency, percent or count."));
                case "unit":
                    draft = draft with { Unit = Unit(value)!.Value };
                    break;
                case "direction" when value.ToLowerInvariant() is not ("up" or "down"):
                    return (null, Markup.Of($"{Md.Code("direction=" + value)} is not a direction. Use up (up is good) or down (down is good)."));
                case "direction":
                    draft = draft with { Direction = value.Equals("down", StringComparison.OrdinalIgnoreCase) ? MetricDirection.DownIsGood : MetricDirection.UpIsGood };
                    break;
                case "freshness" when Freshness(value) is not { } days:
                    return (null, Markup.Of($"{Md.Code("freshness=" + value)} is not a freshness. Use daily, weekly, monthly or a number of days like 3d."));
                case "freshness":
                    draft = draft with { FreshnessDays = Freshness(value)!.Value };
                    break;
                case "dimensions":
                    var dimensions = List(value).Select(d => d.ToLowerInvariant()).ToArray();
                    if (dimensions.FirstOrDefault(d => !KeyPattern().IsMatch(d)) is { } badDimension)
                    {
                        return (null, Markup.Of($"{Md.Code(badDimension)} cannot be a dimension. Use lower-case letters, digits and hyphens, like product-line."));
                    }

                    draft = draft with { Dimensions = dimensions.Distinct().ToArray() };
                    break;
                case "aliases":
                    draft = draft with { Aliases = List(value).Distinct(StringComparer.OrdinalIgnoreCase).ToArray() };
                    break;
                case "source":
                    draft = draft with { Source = value };
                    break;
                case "roles":
                    var roles = new HashSet<Role>();
                    foreach (var typed in value.Equals("everyone", StringComparison.OrdinalIgnoreCase) ? [] : List(value))
                    {
                        if (!RoleNames.TryParse(typed, out var role))
                        {
                            return (null, Markup.Of($"There is no role {Md.Code(typed)}. Roles: {string.Join(", ", RoleNames.Keys)}, or roles=everyone."));
                        }

                        roles.Add(role);
                    }

                    draft = draft with { Roles = roles };
                    break;
                case "owner":
                    if (await people.FindAsync(arg, request.Inbound.From.Identity, ct) is not { } owner)
                    {
                        return (null, Markup.Of($"I don't know anyone called {Md.Code((arg with { Key = null }).Display)}. {Md.Code("/productops people")} lists everyone I know."));
                    }

                    draft = draft with { OwnerId = owner.Id };
                    break;
            }
        }

        return (draft, null);
    }

    /// <summary>A unit by name only: Enum.TryParse would also take "1".</summary>
    public static MetricUnit? Unit(string text) =>
        Enum.GetValues<MetricUnit>().Select(u => (MetricUnit?)u).FirstOrDefault(u => MetricFormat.Unit(u!.Value).Equals(text, StringComparison.OrdinalIgnoreCase));

    private static int? Freshness(string text) => text.ToLowerInvariant() switch
    {
        "daily" => 1,
        "weekly" => 7,
        "monthly" => 31,
        [.. var n, 'd'] when int.TryParse(n, NumberStyles.None, CultureInfo.InvariantCulture, out var days) && days is >= 1 and <= 366 => days,
        _ => null,
    };

    private static string[] List(string text) => text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>The metric as the audit log keeps it; the owner by name, as people read it.</summary>
    private static string Describe(MetricDraft d, Dictionary<long, Person> everyone) =>
        $"name={d.Name}; unit={MetricFormat.Unit(d.Unit)}; direction={(d.Direction == MetricDirection.UpIsGood ? "up" : "down")}; freshness={d.FreshnessDays}d; " +
        $"dimensions={string.Join(',', d.Dimensions)}; aliases={string.Join(',', d.Aliases)}; roles={AuditText.Roles(d.Roles)}; " +
        $"owner={(d.OwnerId is { } id && everyone.TryGetValue(id, out var owner) ? AuditText.Person(owner) : "none")}; source={d.Source}; definition={d.Definition}";

    [GeneratedRegex("^[a-z][a-z0-9-]{1,39}$")]
    private static partial Regex KeyPattern();
}

/// <summary>The audit actions of the metrics skill.</summary>
public static class MetricAudit
{
    public const string MetricSet = "metric.set";
    public const string DigestSet = "metric.digest.set";
    public const string ObjectiveCreate = "okr.create";
    public const string KeyResultAdd = "okr.kr.add";
}
