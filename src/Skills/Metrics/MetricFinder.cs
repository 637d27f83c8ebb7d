using ProductOps.Skills.Admin;
using ProductOps.Skills.Conversation;

namespace ProductOps.Skills.Metrics;

/// <summary>Finds the metric a person typed (key, name or alias, ignoring case), or says which ones they may have meant.</summary>
public static class MetricFinder
{
    /// <summary>The metric, or a reply: unknown (with "did you mean") or restricted to other roles.</summary>
    public static async Task<(Metric? Metric, Response? Problem)> FindAsync(IMetricCatalog catalog, string typed, Person asker, CommandSpec spec, CancellationToken ct)
    {
        var all = await catalog.ListAsync(ct);
        var metric = all.FirstOrDefault(m => m.Answers(typed));
        if (metric is null)
        {
            var visible = all.Where(m => m.VisibleTo(asker)).ToArray();
            var close = Suggestions.Closest(typed, visible.SelectMany(m => m.Aliases.Prepend(m.Name).Prepend(m.Key)));
            var keys = close.Select(c => visible.First(m => m.Answers(c)).Key).Distinct().ToArray();
            var text = Markup.Of($"There is no metric called {Md.Code(typed)}.");
            if (keys.Length > 0)
            {
                text += " Did you mean " + string.Join(" or ", keys) + "?";
            }

            return (null, AdminReplies.Problem(text + Markup.Of($"\n{Md.Code("/metric list")} shows the catalogue."), spec));
        }

        if (!metric.VisibleTo(asker))
        {
            var roles = string.Join(" or ", metric.Roles.Order().Select(RoleNames.Display));
            return (null, Response.Say(Markup.Of($"{Md.Bold(metric.Name)} is shared only with people with the {roles} role. An admin can tell you who owns it.")));
        }

        return (metric, null);
    }

    /// <summary>Restricted numbers never go into a shared channel: asked there, the answer goes by DM.</summary>
    public static Visibility VisibilityFor(Metric metric, CommandInbound inbound) =>
        metric.IsRestricted && inbound.Where.Kind == PlaceKind.Channel ? Visibility.DirectMessage : Visibility.Asker;
}
