using ProductOps.Skills.Admin;
using ProductOps.Skills.Conversation;

namespace ProductOps.Skills.Metrics;

/// <summary><c>/metric define arr</c>: the definition, owner, source, dimensions and freshness.</summary>
public sealed class DefineMetricHandler(IMetricCatalog catalog, IPeopleStore people, TimeProvider clock) : ICommandHandler
{
    public static readonly CommandSpec Spec = new(
        "metric",
        "define",
        "Shows a metric's definition, owner, source, dimensions and freshness.",
        "/metric define <key | name | alias>",
        "/metric define nrr");

    public async Task<Response> HandleAsync(CommandRequest request, CancellationToken ct)
    {
        if (ArgCheck.Shape(request.Args, Spec, int.MaxValue) is { } shape)
        {
            return shape;
        }

        var typed = string.Join(' ', request.Args.Positional.Select(a => a.Value));
        if (typed.Length == 0)
        {
            return AdminReplies.Problem("Name the metric to define.", Spec);
        }

        var (metric, problem) = await MetricFinder.FindAsync(catalog, typed, request.Person, Spec, ct);
        if (metric is null)
        {
            return problem!;
        }

        var owner = metric.OwnerId is { } id ? await people.FindAsync(id, ct) : null;
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        return Response.Say(MetricReplies.Definition(metric, owner, today).Build(MetricFinder.VisibilityFor(metric, request.Inbound)));
    }
}
