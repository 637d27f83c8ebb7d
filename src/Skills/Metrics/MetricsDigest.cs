using ProductOps.Skills.Admin;
using ProductOps.Skills.Conversation;

namespace ProductOps.Skills.Metrics;

/// <summary>What a digest run did: whether it was sent, a line for people, and problems admins should hear about.</summary>
public sealed record DigestOutcome(bool Sent, string Summary, IReadOnlyList<string> Problems);

/// <summary>
/// The weekly product-health digest: the chosen metrics with change and sparkline by segment or
/// product line, the OKRs at risk or stale, and what other skills add (<see cref="IDigestSection"/>). Sections with nothing to say are left out; a
/// digest with nothing at all is not sent. Sent through the outbox; problems go to the admins.
/// </summary>
public sealed class MetricsDigest(
    IMetricCatalog catalog,
    IMetricValueStore values,
    MetricLookup lookup,
    OkrBoard board,
    IDigestSettingsStore store,
    DigestSettings defaults,
    IOutbox outbox,
    IPeopleStore people,
    IEnumerable<IDigestSection> extraSections,
    TimeProvider clock)
{
    /// <summary>Key results listed in the OKR section; the rest are counted.</summary>
    public const int MaxKeyResults = 10;

    private static readonly string[] BreakdownDimensions = ["segment", "product-line"];

    public async Task<DigestSettings> SettingsAsync(CancellationToken ct) => await store.GetAsync(ct) ?? defaults;

    /// <summary>Hourly from the scheduler: sends this week's digest once it is due, once.</summary>
    public async Task<DigestOutcome?> RunIfDueAsync(CancellationToken ct)
    {
        var settings = await SettingsAsync(ct);
        var now = clock.GetUtcNow();
        var week = DigestSettings.WeekOf(now);
        if (now < settings.DueIn(week) || !await store.ClaimWeekAsync(week, ct))
        {
            return null;
        }

        var outcome = await SendAsync(settings, $"metrics.digest.{MetricFormat.Date(week)}", ct);
        if (outcome.Problems.Count > 0)
        {
            await ReportAsync(outcome.Problems, $"metrics.digest.problems.{MetricFormat.Date(week)}", ct);
        }

        return outcome;
    }

    /// <summary><c>/metric digest now</c>: builds and sends at once, whatever the schedule.</summary>
    public async Task<DigestOutcome> SendNowAsync(CancellationToken ct) =>
        await SendAsync(await SettingsAsync(ct), $"metrics.digest.now.{clock.GetUtcNow().ToUnixTimeMilliseconds()}", ct);

    /// <summary>Tells every admin by DM; <paramref name="key"/> keeps a retried report from arriving twice.</summary>
    public async Task ReportAsync(IReadOnlyList<string> problems, string key, CancellationToken ct)
    {
        var text = Markup.Of($"{Md.Bold("The weekly product-health digest needs attention.")}\n") + string.Join("\n", problems.Select(p => "• " + p))
                   + Markup.Of($"\nFix it, then send it with {Md.Code("/metric digest now")}.");
        foreach (var admin in (await people.ListAsync(ct)).Where(p => p.Has(Role.Admin)))
        {
            await outbox.EnqueueAsync(new OutboundMessage($"{key}.{admin.Id}", new PersonRecipient(admin.Id), Reply.Say(text, Visibility.DirectMessage)), ct);
        }
    }

    /// <summary>The digest as it would be sent now, and problems with its settings; null when no section has anything to say.</summary>
    public async Task<(Reply? Reply, IReadOnlyList<string> Problems)> BuildAsync(DigestSettings settings, CancellationToken ct)
    {
        var problems = new List<string>();
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var metrics = await catalog.ListAsync(ct);
        var reply = new ReplyBuilder().Header($"Product health, week of {MetricFormat.Date(DigestSettings.WeekOf(clock.GetUtcNow()))}");
        var sections = 0;
        foreach (var key in settings.Metrics)
        {
            if (metrics.FirstOrDefault(m => m.Key.Equals(key, StringComparison.OrdinalIgnoreCase)) is not { } metric)
            {
                problems.Add($"The digest lists the metric \"{key}\", which is not in the catalogue.");
                continue;
            }

            if (metric.IsRestricted)
            {
                problems.Add($"{metric.Key} is shared only with some roles, so it is left out of the channel digest.");
                continue;
            }

            var series = await values.SeriesAsync(metric.Id, ct);
            var by = BreakdownDimensions.FirstOrDefault(d => metric.Dimension(d) is not null);
            var result = await lookup.RunAsync(metric, series, new Dictionary<string, string>(), Period.Default, Comparison.Previous, by, ct);
            if (result is null)
            {
                continue;
            }

            var partial = result.Total.IsPartial ? $" (⚠ partial: {result.Total.Reported} of {result.Total.Usual} slices on {MetricFormat.Date(result.Total.CurrentDate)})" : "";
            var text = Markup.Of($"{Md.Bold(metric.Name)} {MetricFormat.Value(result.Total.Current, metric.Unit)}{partial}  {MetricReplies.Change(result.Total, metric)} over 30 days  {Md.Code(MetricFormat.Sparkline(result.Total.Daily))}");
            if (by is not null && result.Breakdown.Count > 0)
            {
                text += Markup.Of($"\n{Md.Italic("By " + by)}\n") + MetricReplies.Breakdown(result.Breakdown, metric);
            }

            if (MetricFormat.IsStale(metric, today))
            {
                text += "\n" + MetricFormat.Freshness(metric, today);
            }

            reply.Section(text);
            sections++;
        }

        var quarter = board.CurrentQuarter;
        var flagged = (await board.AssessAsync(quarter, _ => true, ct))
            .SelectMany(o => o.KeyResults.Select(k => (Objective: o.Objective, State: k)))
            .Where(x => x.State.AtRisk || x.State.Stale)
            .ToArray();
        if (flagged.Length > 0)
        {
            var everyone = (await people.ListAsync(ct)).ToDictionary(p => p.Id);
            var lines = flagged.Take(MaxKeyResults).Select(x => Markup.Of($"{x.Objective.Code} · ") + OkrReplies.KeyResult(x.State, everyone));
            var okrText = Markup.Of($"{Md.Bold($"OKRs {quarter}: {flagged.Count(x => x.State.AtRisk)} at risk, {flagged.Count(x => x.State.Stale)} stale")}\n")
                          + lines.Aggregate((a, b) => a + "\n" + b);
            if (flagged.Length > MaxKeyResults)
            {
                okrText += $"\n… and {flagged.Length - MaxKeyResults} more; /okr status shows them all.";
            }

            reply.Divider().Section(okrText);
            sections++;
        }

        foreach (var extra in extraSections)
        {
            if (await extra.BuildAsync(clock.GetUtcNow(), ct) is { } text)
            {
                reply.Divider().Section(text);
                sections++;
            }
        }

        return (sections == 0 ? null : reply.Context(Markup.Of($"{Md.Code("/metric <key>")} for any number; {Md.Code("/okr status")} for every objective.")).Build(Visibility.Channel), problems);
    }

    private async Task<DigestOutcome> SendAsync(DigestSettings settings, string key, CancellationToken ct)
    {
        if (settings.Channel is null)
        {
            return new DigestOutcome(false, "No digest channel is set.", ["No channel is set for the digest. Set one with /metric digest set channel=#product-health."]);
        }

        var (reply, problems) = await BuildAsync(settings, ct);
        if (reply is null)
        {
            return new DigestOutcome(false, "Nothing to report: no chosen metric has values and no OKR is at risk or stale.", problems);
        }

        await outbox.EnqueueAsync(new OutboundMessage(key, new ChannelRecipient(settings.Channel), reply), ct);
        return new DigestOutcome(true, $"Sent the product-health digest to #{settings.Channel}.", problems);
    }
}
