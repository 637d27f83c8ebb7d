using ProductOps.Skills.Conversation;

namespace ProductOps.Skills.Metrics;

/// <summary>The replies metric commands build: lookups, definitions and the catalogue.</summary>
public static class MetricReplies
{
    /// <summary>Most breakdown rows shown; the rest are counted.</summary>
    public const int MaxBreakdownRows = 12;

    public static ReplyBuilder Lookup(Metric metric, MetricQuery query, LookupResult? result, Person? owner, DateOnly today)
    {
        var filter = query.Filter.Count == 0 ? "" : " (" + string.Join(", ", query.Filter.Select(f => $"{f.Key}={f.Value}")) + ")";
        var reply = new ReplyBuilder();
        if (result is null)
        {
            reply.Header(metric.Name + filter)
                .Section(Markup.Of($"There are no values for {Md.Bold(metric.Name)}{filter} yet."));
            return Footer(reply, metric, owner, today);
        }

        var total = result.Total;
        reply.Header($"{metric.Name}{filter}: {MetricFormat.Value(total.Current, metric.Unit)}")
            .Section(
                Markup.Of($"{Md.Bold(MetricFormat.Value(total.Current, metric.Unit))} on {MetricFormat.Date(total.CurrentDate)}   {Md.Code(MetricFormat.Sparkline(total.Daily))}"),
                new Field(ChangeLabel(query.Compare, result), Change(total, metric)),
                new Field("Period", $"{query.Period.Describe}: {MetricFormat.Date(result.From)} to {MetricFormat.Date(result.To)}"));
        if (total.IsPartial)
        {
            var which = metric.Dimensions.Count == 0 ? Markup.Text("") : Markup.Of($" {Md.Code("by=" + metric.Dimensions[0])} shows which.");
            reply.Section(Markup.Of(
                $"⚠ Partial: {MetricFormat.Date(total.CurrentDate)} has values from {total.Reported} of the {total.Usual} slices that report in this period, so this total covers only part of {metric.Name}.") + which);
        }
        if (query.By is { } by)
        {
            reply.Section(Markup.Of($"{Md.Bold("By " + by)}\n") + Breakdown(result.Breakdown, metric));
        }

        return Footer(reply, metric, owner, today);
    }

    /// <summary>One line per dimension value: value, change and sparkline, largest first.</summary>
    public static Markup Breakdown(IReadOnlyList<Trend> rows, Metric metric)
    {
        if (rows.Count == 0)
        {
            return "No values carry this dimension.";
        }

        var lines = rows.Take(MaxBreakdownRows).Select(t =>
            Markup.Of($"{Md.Bold(t.Label)}  {MetricFormat.Value(t.Current, metric.Unit)}  {Change(t, metric)}  {Md.Code(MetricFormat.Sparkline(t.Daily))}"));
        var text = lines.Aggregate((a, b) => a + "\n" + b);
        return rows.Count > MaxBreakdownRows ? text + $"\n… and {rows.Count - MaxBreakdownRows} more" : text;
    }

    public static string Change(Trend trend, Metric metric) =>
        trend.Before is { } before ? MetricFormat.Change(trend.Current, before, metric.Unit, metric.Direction) : "no earlier value";

    public static ReplyBuilder Definition(Metric metric, Person? owner, DateOnly today) =>
        new ReplyBuilder()
            .Header($"{metric.Name} ({metric.Key})")
            .Section(
                metric.Definition,
                new Field("Unit", MetricFormat.Unit(metric.Unit)),
                new Field("Direction", MetricFormat.Direction(metric.Direction)),
                new Field("Owner", owner is null ? "nobody yet" : Md.User(owner)),
                new Field("Source", metric.Source.Length == 0 ? "not given" : metric.Source),
                new Field("Dimensions", metric.Dimensions.Count == 0 ? "none" : string.Join(", ", metric.Dimensions)),
                new Field("Aliases", metric.Aliases.Count == 0 ? "none" : string.Join(", ", metric.Aliases)),
                new Field("Shared with", metric.IsRestricted ? string.Join(", ", metric.Roles.Order().Select(RoleNames.Display)) + " (and admins)" : "everyone"),
                new Field("Freshness", MetricFormat.Freshness(metric, today)));

    private static string ChangeLabel(Comparison compare, LookupResult result) =>
        (compare == Comparison.YearOverYear ? "Change vs a year before, " : "Change since ") + MetricFormat.Date(result.CompareDate);

    private static ReplyBuilder Footer(ReplyBuilder reply, Metric metric, Person? owner, DateOnly today)
    {
        var source = metric.Source.Length == 0 ? "" : $" Source: {metric.Source}.";
        reply.Context(Markup.Of($"{Md.Italic(metric.Definition)}{source}"));
        var footer = MetricFormat.Freshness(metric, today);
        if (owner is not null)
        {
            footer += Markup.Of($" Owner: {Md.User(owner)}.");
        }

        return reply.Context(footer);
    }
}
