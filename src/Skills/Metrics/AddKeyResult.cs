using System.Globalization;
using ProductOps.Skills.Admin;
using ProductOps.Skills.Conversation;

namespace ProductOps.Skills.Metrics;

/// <summary><c>/okr kr add O-3 "Enterprise ARR to $12M" target=12000000 metric=arr owner=@priya</c>.</summary>
public sealed class AddKeyResultHandler(IOkrStore okrs, IMetricCatalog catalog, MetricLookup lookup, IPeopleStore people, IAuditLog audit, TimeProvider clock) : ICommandHandler
{
    public static readonly CommandSpec Spec = new(
        "okr",
        "kr add",
        "Adds a key result to an objective: manual, or following a metric.",
        "/okr kr add O-<n> \"<title>\" target=<n> [start=<n>] [unit=count|percent|currency] [metric=<key>] [owner=@<person>]",
        "/okr kr add O-3 \"Enterprise ARR to $12M\" target=12000000 metric=arr",
        "/okr kr add O-3 \"SSO adoption to 60%\" start=35 target=60 unit=percent")
    {
        Details = "Admins and the objective's owner add key results, up to 5 per objective; without owner= a key result is the objective owner's. With metric= the value follows the metric and start defaults to its value now.",
    };

    public async Task<Response> HandleAsync(CommandRequest request, CancellationToken ct)
    {
        if (ArgCheck.Shape(request.Args, Spec, 2, "target", "start", "unit", "metric", "owner") is { } shape)
        {
            return shape;
        }

        var positional = request.Args.Positional;
        if (positional.Count < 2 || Codes.ParseObjective(positional[0].Value) is not { } objectiveId)
        {
            return AdminReplies.Problem("Give the objective's code and the key result's title in \"quotes\".", Spec);
        }

        if (await okrs.FindObjectiveAsync(objectiveId, ct) is not { } objective)
        {
            return AdminReplies.Problem(Markup.Of($"There is no objective {Codes.Objective(objectiveId)}; {Md.Code("/okr status")} lists them."), Spec);
        }

        if (objective.OwnerId != request.Person.Id && !request.Person.Has(Role.Admin))
        {
            return AdminReplies.Problem(Markup.Of($"Only the owner of {objective.Code} or an admin adds its key results."), Spec);
        }

        if (objective.KeyResults.Count >= Objective.MaxKeyResults)
        {
            return AdminReplies.Problem(Markup.Of($"{objective.Code} already has {Objective.MaxKeyResults} key results, the most an objective takes."), Spec);
        }

        var title = positional[1].Value.Trim();
        if (objective.KeyResults.FirstOrDefault(k => k.Title.Equals(title, StringComparison.OrdinalIgnoreCase)) is { } twin)
        {
            return AdminReplies.Problem(Markup.Of($"{objective.Code} already has {Md.Bold($"{twin.Code} {twin.Title}")}. Check in on it with {Md.Code($"/okr update {twin.Code}")}, or give this key result another title."), Spec);
        }

        if (title.Length is 0 or > CreateObjectiveHandler.MaxTitleLength)
        {
            return AdminReplies.Problem($"Give the key result a title of 1–{CreateObjectiveHandler.MaxTitleLength} characters, in \"quotes\".", Spec);
        }

        Metric? metric = null;
        if (request.Args.Named("metric") is { } m)
        {
            var (found, problem) = await MetricFinder.FindAsync(catalog, m.Value, request.Person, Spec, ct);
            if (found is null)
            {
                return problem!;
            }

            metric = found;
        }

        if (Number(request.Args, "target") is not { } target)
        {
            return AdminReplies.Problem("Give the target as a number with target=, like target=60.", Spec);
        }

        var start = Number(request.Args, "start") ?? (metric is null ? 0 : await lookup.LatestAsync(metric, ct) ?? 0);
        if (double.IsNaN(start) || double.IsNaN(target))
        {
            return AdminReplies.Problem("start= and target= must be numbers in digits, like start=35 target=60.", Spec);
        }

        if (new[] { ("start", start), ("target", target) }.FirstOrDefault(n => !MetricNumber.InRange(n.Item2)) is ({ } key, var number))
        {
            return AdminReplies.Problem(key + "=" + MetricNumber.TooLarge(request.Args.Named(key)?.Value ?? number.ToString(CultureInfo.InvariantCulture)), Spec);
        }

        if (start == target)
        {
            return AdminReplies.Problem(Markup.Of($"The start and the target are both {OkrReplies.Number(start)}, so there is nothing to make progress on. Give a different target."), Spec);
        }

        var unit = metric?.Unit ?? MetricUnit.Count;
        if (request.Args.Named("unit") is { } u)
        {
            if (SetMetricHandler.Unit(u.Value) is not { } parsed)
            {
                return AdminReplies.Problem(Markup.Of($"{Md.Code("unit=" + u.Value)} is not a unit. Use count, percent or currency."), Spec);
            }

            unit = parsed;
        }

        // Without owner=, the key result is the objective owner's, whoever typed it in (an admin, often).
        var owner = objective.OwnerId == request.Person.Id ? request.Person : await people.FindAsync(objective.OwnerId, ct) ?? request.Person;
        if (request.Args.Named("owner") is { } o)
        {
            if (await people.FindAsync(o, request.Inbound.From.Identity, ct) is not { } found)
            {
                return AdminReplies.UnknownPerson(o, await people.ListAsync(ct), Spec);
            }

            owner = found;
        }

        var kr = await okrs.AddKeyResultAsync(new KeyResultDraft(objective.Id, title, owner.Id, metric?.Key, start, target, unit, clock.GetUtcNow()), ct);
        await audit.WriteAsync(
            AuditChange.By(request.Person, MetricAudit.KeyResultAdd, $"{kr.Code} {title}", null, $"objective={objective.Code}; start={OkrReplies.Number(start)}; target={OkrReplies.Number(target)}; metric={metric?.Key}; owner={AuditText.Person(owner)}"),
            ct);
        var follows = metric is null ? "" : $", following {metric.Key}";
        return Response.Say(Markup.Of(
            $"Added {Md.Bold($"{kr.Code} {title}")} to {objective.Code}: from {MetricFormat.Value(start, unit)} to {MetricFormat.Value(target, unit)}{follows}, owned by {Md.User(owner)}."));
    }

    /// <summary>Null when absent; NaN when given but not a number, so the caller can say so.</summary>
    private static double? Number(Args args, string key) =>
        args.Named(key) is not { } arg ? null
        : double.TryParse(arg.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var n) && double.IsFinite(n) ? n : double.NaN;
}
