using ProductOps.Skills.Admin;
using ProductOps.Skills.Conversation;

namespace ProductOps.Skills.Metrics;

/// <summary><c>/metric arr segment=enterprise period=qtd compare=yoy by=region</c>.</summary>
public sealed class ShowMetricHandler(IMetricCatalog catalog, IMetricValueStore values, MetricLookup lookup, IPeopleStore people, TimeProvider clock) : ICommandHandler
{
    private static readonly string[] Options = ["period", "compare", "by"];

    public static readonly CommandSpec Spec = new(
        "metric",
        null,
        "Shows a metric: its value, change, trend, breakdown, definition and freshness.",
        "/metric <key | name | alias> [dimension=value …] [period=7d|30d|qtd|ytd|12m] [compare=prev|yoy] [by=<dimension>]",
        "/metric arr segment=enterprise",
        "/metric nrr period=12m compare=yoy",
        "/metric active-accounts by=region")
    {
        Details = "The value is the newest one; the change is against the value just before the period (prev, the default) or a year before (yoy). " +
                  "Totals add up money and counts and average percentages. Restricted metrics asked for in a channel are answered by DM.",
    };

    public async Task<Response> HandleAsync(CommandRequest request, CancellationToken ct)
    {
        var args = request.Args;
        var words = args.Positional.Where(a => a.Kind is ArgKind.Word or ArgKind.Quoted).Select(a => a.Value).ToArray();
        if (words.Length == 0 || words.Length != args.Positional.Count)
        {
            return AdminReplies.Problem("Name a metric by its key, name or alias.", Spec);
        }

        var (metric, problem) = await MetricFinder.FindAsync(catalog, string.Join(' ', words), request.Person, Spec, ct);
        if (metric is null)
        {
            return problem!;
        }

        var series = await values.SeriesAsync(metric.Id, ct);
        var (query, bad) = Read(args, metric, series);
        if (bad is not null)
        {
            return bad;
        }

        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var result = await lookup.RunAsync(metric, series, query!.Filter, query.Period, query.Compare, query.By, ct);
        var owner = metric.OwnerId is { } id ? await people.FindAsync(id, ct) : null;
        return Response.Say(MetricReplies.Lookup(metric, query, result, owner, today).Build(MetricFinder.VisibilityFor(metric, request.Inbound)));
    }

    private static (MetricQuery? Query, Response? Problem) Read(Args args, Metric metric, IReadOnlyList<MetricSeries> series)
    {
        var filter = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var arg in args.All.Where(a => a.Key is not null && !Options.Contains(a.Key, StringComparer.OrdinalIgnoreCase)))
        {
            if (metric.Dimension(arg.Key!) is not { } dimension)
            {
                return (null, UnknownDimension(metric, arg.Key!, true));
            }

            var known = MetricLookup.ValuesOf(series, dimension);
            if (!known.Contains(arg.Value, StringComparer.OrdinalIgnoreCase))
            {
                var close = Suggestions.Closest(arg.Value, known);
                var text = Markup.Of($"{metric.Key} has no {dimension} called {Md.Code(arg.Value)}.");
                text += close.Count > 0 ? " Did you mean " + string.Join(" or ", close) + "?" : "";
                text += known.Count > 0 ? $"\nValues of {dimension}: {string.Join(", ", known)}." : $"\nNo values with a {dimension} have been pushed yet.";
                return (null, AdminReplies.Problem(text, Spec));
            }

            filter[dimension] = arg.Value;
        }

        var period = Period.Default;
        if (args.Named("period") is { } p)
        {
            if (Period.Parse(p.Value) is not { } parsed)
            {
                return (null, AdminReplies.Problem(Markup.Of($"{Md.Code("period=" + p.Value)} is not a period I know. Use one of {string.Join(", ", Period.Names)}."), Spec));
            }

            period = parsed;
        }

        var compare = Comparison.Previous;
        if (args.Named("compare") is { } c)
        {
            Comparison? parsed = c.Value.ToLowerInvariant() switch
            {
                "prev" or "previous" => Comparison.Previous,
                "yoy" => Comparison.YearOverYear,
                _ => null,
            };
            if (parsed is null)
            {
                return (null, AdminReplies.Problem(Markup.Of($"{Md.Code("compare=" + c.Value)} is not a comparison I know. Use compare=prev (before the period) or compare=yoy (a year before)."), Spec));
            }

            compare = parsed.Value;
        }

        string? by = null;
        if (args.Named("by") is { } b)
        {
            by = metric.Dimension(b.Value);
            if (by is null)
            {
                return (null, UnknownDimension(metric, b.Value, false));
            }

            if (filter.ContainsKey(by))
            {
                return (null, AdminReplies.Problem(Markup.Of($"You filtered on {by} and asked for a breakdown by {by}. Drop one of them."), Spec));
            }
        }

        return (new MetricQuery(filter, period, compare, by), null);
    }

    private static Response UnknownDimension(Metric metric, string typed, bool asFilter)
    {
        var text = Markup.Of($"{metric.Key} has no dimension {Md.Code(typed)}.");
        var close = Suggestions.Closest(typed, asFilter ? metric.Dimensions.Concat(Options) : metric.Dimensions);
        text += close.Count > 0 ? " Did you mean " + string.Join(" or ", close) + "?" : "";
        text += metric.Dimensions.Count > 0
            ? $"\nIts dimensions: {string.Join(", ", metric.Dimensions)}."
            : "\nIt has no dimensions.";
        if (asFilter)
        {
            text += " Options: period=, compare=, by=.";
        }

        return AdminReplies.Problem(text, Spec);
    }
}

/// <summary>A lookup as asked: dimension filter, period, comparison and breakdown dimension.</summary>
public sealed record MetricQuery(IReadOnlyDictionary<string, string> Filter, Period Period, Comparison Compare, string? By);
