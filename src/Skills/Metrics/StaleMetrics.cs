using ProductOps.Skills.Conversation;

namespace ProductOps.Skills.Metrics;

/// <summary><c>/metric stale</c>: metrics whose newest value is older than their expected freshness, oldest first.</summary>
public sealed class StaleMetricsHandler(IMetricCatalog catalog, TimeProvider clock) : ICommandHandler
{
    public static readonly CommandSpec Spec = new("metric", "stale", "Lists metrics whose data is older than expected.", "/metric stale", "/metric stale")
    {
        Details = "A metric is stale when its newest value is older than its expected freshness (daily: more than a day old).",
        Roles = new HashSet<Role> { Role.Admin },
    };

    public async Task<Response> HandleAsync(CommandRequest request, CancellationToken ct)
    {
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var stale = (await catalog.ListAsync(ct)).Where(m => MetricFormat.IsStale(m, today))
            .OrderBy(m => m.LastDate ?? DateOnly.MinValue).ToArray();
        if (stale.Length == 0)
        {
            return Response.Say("Every metric is fresh: each has values as recent as expected.");
        }

        var reply = new ReplyBuilder().Header($"Stale metrics ({stale.Length})");
        foreach (var m in stale)
        {
            var source = m.Source.Length == 0 ? "" : $" Source: {m.Source}.";
            reply.Section(Markup.Of($"{Md.Bold(m.Name)} {Md.Code(m.Key)}: ") + MetricFormat.Freshness(m, today) + source);
        }

        return Response.Say(reply.Build());
    }
}
