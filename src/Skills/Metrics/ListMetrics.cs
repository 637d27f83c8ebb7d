using ProductOps.Skills.Conversation;

namespace ProductOps.Skills.Metrics;

/// <summary><c>/metric list [words]</c>: the catalogue with definitions, narrowed by words.</summary>
public sealed class ListMetricsHandler(IMetricCatalog catalog, TimeProvider clock) : ICommandHandler
{
    public const int MaxShown = 25;

    public static readonly CommandSpec Spec = new(
        "metric",
        "list",
        "Lists the metric catalogue with each definition.",
        "/metric list [words]",
        "/metric list",
        "/metric list adoption")
    {
        Details = "Words narrow the list to metrics whose key, name, aliases or definition contain all of them. Metrics shared only with other roles are left out.",
    };

    public async Task<Response> HandleAsync(CommandRequest request, CancellationToken ct)
    {
        var words = request.Args.All.Select(a => a.Value).ToArray();
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var metrics = (await catalog.ListAsync(ct))
            .Where(m => m.VisibleTo(request.Person))
            .Where(m => words.All(w => Text(m).Contains(w, StringComparison.OrdinalIgnoreCase)))
            .ToArray();
        if (metrics.Length == 0)
        {
            return Response.Say(words.Length == 0
                ? Markup.Of($"The catalogue is empty. An admin adds a metric with {Md.Code("/metric set <key> name=\"…\" definition=\"…\" unit=currency")}.")
                : Markup.Of($"No metric matches {Md.Code(string.Join(' ', words))}. {Md.Code("/metric list")} shows them all."));
        }

        var reply = new ReplyBuilder().Header(words.Length == 0 ? $"Metrics ({metrics.Length})" : $"Metrics matching \"{string.Join(' ', words)}\" ({metrics.Length})");
        foreach (var m in metrics.Take(MaxShown))
        {
            var marks = (m.IsRestricted ? " 🔒" : "") + (MetricFormat.IsStale(m, today) ? " ⚠ stale" : "");
            reply.Section(Markup.Of($"{Md.Bold(m.Name)} {Md.Code(m.Key)}{marks}\n{m.Definition}"));
        }

        if (metrics.Length > MaxShown)
        {
            reply.Context($"… and {metrics.Length - MaxShown} more. Add words to narrow the list.");
        }

        return Response.Say(reply.Context(Markup.Of($"{Md.Code("/metric <key>")} shows a value; {Md.Code("/metric define <key>")} shows the full definition.")).Build());
    }

    private static string Text(Metric m) => string.Join(' ', m.Aliases.Prepend(m.Name).Prepend(m.Key).Append(m.Definition));
}
