using System.Globalization;
using ProductOps.Skills.Admin;
using ProductOps.Skills.Conversation;

namespace ProductOps.Skills.Metrics;

/// <summary><c>/metric digest</c> shows the digest settings; <c>/metric digest set …</c> changes them (audited).</summary>
public sealed class DigestSettingsHandler(MetricsDigest digest, IDigestSettingsStore store, IMetricCatalog catalog, IAuditLog audit) : ICommandHandler
{
    public static readonly CommandSpec ShowSpec = new("metric", "digest", "Shows where and when the weekly product-health digest goes, and which metrics it shows.", "/metric digest", "/metric digest")
    {
        Roles = new HashSet<Role> { Role.Admin },
    };

    public static readonly CommandSpec SetSpec = new(
        "metric",
        "digest set",
        "Changes the weekly product-health digest: channel, metrics, day and time (UTC).",
        "/metric digest set [channel=#<channel>] [metrics=<key>,<key>] [day=monday] [time=09:00]",
        "/metric digest set channel=#product-health metrics=arr,nrr,active-accounts day=monday time=09:00")
    {
        Roles = new HashSet<Role> { Role.Admin },
    };

    public async Task<Response> HandleAsync(CommandRequest request, CancellationToken ct)
    {
        var current = await digest.SettingsAsync(ct);
        if (request.Spec.Sub == ShowSpec.Sub)
        {
            return ArgCheck.Shape(request.Args, ShowSpec, 0) ?? Response.Say(Describe(current));
        }

        if (ArgCheck.Shape(request.Args, SetSpec, 0, "channel", "metrics", "day", "time") is { } shape)
        {
            return shape;
        }

        if (request.Args.IsEmpty)
        {
            return AdminReplies.Problem("Say what to change: channel=, metrics=, day= or time=.", SetSpec);
        }

        var changed = current;
        if (request.Args.Named("channel") is { } channel)
        {
            var name = channel.Value.Trim().TrimStart('#');
            if (name.Length == 0)
            {
                return AdminReplies.Problem("Give the channel like channel=#product-health.", SetSpec);
            }

            changed = changed with { Channel = name };
        }

        if (request.Args.Named("metrics") is { } metrics)
        {
            var keys = metrics.Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(k => k.ToLowerInvariant()).Distinct().ToArray();
            var catalogue = await catalog.ListAsync(ct);
            if (keys.FirstOrDefault(k => catalogue.All(m => m.Key != k)) is { } unknown)
            {
                var close = Suggestions.Closest(unknown, catalogue.Select(m => m.Key));
                return AdminReplies.Problem(Markup.Of($"There is no metric {Md.Code(unknown)}.{(close.Count > 0 ? " Did you mean " + string.Join(" or ", close) + "?" : "")} Nothing was changed."), SetSpec);
            }

            if (catalogue.FirstOrDefault(m => keys.Contains(m.Key) && m.IsRestricted) is { } restricted)
            {
                return AdminReplies.Problem(Markup.Of($"{Md.Code(restricted.Key)} is shared only with some roles, so it cannot go into a channel digest. Nothing was changed."), SetSpec);
            }

            changed = changed with { Metrics = keys };
        }

        if (request.Args.Named("day") is { } day)
        {
            if (!Enum.TryParse<DayOfWeek>(day.Value, true, out var parsed) || int.TryParse(day.Value, out _))
            {
                return AdminReplies.Problem(Markup.Of($"{Md.Code("day=" + day.Value)} is not a day of the week. Use monday … sunday."), SetSpec);
            }

            changed = changed with { Day = parsed };
        }

        if (request.Args.Named("time") is { } time)
        {
            if (!TimeOnly.TryParseExact(time.Value, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
            {
                return AdminReplies.Problem(Markup.Of($"{Md.Code("time=" + time.Value)} is not a time. Use 24-hour UTC like 09:00."), SetSpec);
            }

            changed = changed with { Time = parsed };
        }

        await store.SaveAsync(changed, ct);
        await audit.WriteAsync(AuditChange.By(request.Person, MetricAudit.DigestSet, "digest", Describe(current).ToPlainText(), Describe(changed).ToPlainText()), ct);
        return Response.Say(Markup.Of($"Digest updated. ") + Describe(changed));
    }

    private static Markup Describe(DigestSettings s) =>
        Markup.Of($"The product-health digest goes to {(s.Channel is null ? Md.Bold("no channel yet") : Md.Channel(s.Channel))} every {s.Schedule}, with {(s.Metrics.Count == 0 ? "no metrics" : string.Join(", ", s.Metrics))} and the OKRs at risk or stale.");
}
