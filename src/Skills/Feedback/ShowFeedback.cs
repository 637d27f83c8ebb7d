using ProductOps.Skills.Accounts;
using ProductOps.Skills.Admin;
using ProductOps.Skills.Conversation;

namespace ProductOps.Skills.Feedback;

/// <summary><c>/feedback themes [area] [segment=…] [since=90d]</c>: themes ranked by unique accounts, then ARR.</summary>
public sealed class ListThemesHandler(IThemeTotals totals, FeedbackLookup lookup, TimeProvider clock) : ICommandHandler
{
    public const int Shown = 15;

    public static readonly CommandSpec Spec = new(
        SubmitFeedbackHandler.Command,
        "themes",
        "Ranks themes by how many accounts raised them and their ARR, each account counted once.",
        "/feedback themes [<area>] [segment=<segment>] [since=90d]",
        "/feedback themes Payments segment=enterprise since=90d");

    public async Task<Response> HandleAsync(CommandRequest request, CancellationToken ct)
    {
        if (ArgCheck.Shape(request.Args, Spec, 1, "segment", "since", "area") is { } shape)
        {
            return shape;
        }

        Area? area = null;
        if ((request.Args.Named("area") ?? ArgCheck.First(request.Args)) is { } areaArg)
        {
            (area, var problem) = await lookup.AreaAsync(areaArg.Value, ct);
            if (area is null)
            {
                return AdminReplies.Problem(problem!, Spec);
            }
        }

        DateTimeOffset? since = null;
        if (request.Args.Named("since") is { } sinceArg && (since = FeedbackFilters.Since(sinceArg.Value, clock.GetUtcNow())) is null)
        {
            return AdminReplies.Problem($"since={sinceArg.Value} is not a time. Write 30d, 12w, 6m or a date like 2026-01-31.", Spec);
        }

        var segment = request.Args.Named("segment")?.Value.Trim().ToLowerInvariant();
        var ranked = await totals.RankAsync(new ThemeQuery(area?.Id, segment, since, Shown), ct);
        var scope = string.Join(", ", new[] { area?.Name, segment, since is null ? null : "since " + FeedbackReplies.Day(since.Value) }.Where(s => s is not null));
        var reply = new ReplyBuilder().Header(scope.Length == 0 ? "Top themes" : $"Top themes: {scope}");
        if (ranked.Count == 0)
        {
            return Response.Say(reply.Section("No themes with feedback match. Link items to themes with /feedback link, or widen the filters.").Build());
        }

        var rank = 0;
        foreach (var t in ranked)
        {
            rank++;
            var newest = t.Newest is { } at ? $", newest {FeedbackReplies.Day(at)}" : "";
            reply.Section(Markup.Of($"{rank}. ") + FeedbackReplies.Totals(t) + Markup.Of($"{newest} · {FeedbackVocabulary.StatusLabel(t.Theme.Status)}"));
        }

        return Response.Say(reply.Context(Markup.Of($"{Md.Code("/feedback show T<number>")} shows a theme with its accounts and history.")).Build());
    }
}

/// <summary><c>/feedback show #123</c> or <c>/feedback show T7</c>.</summary>
public sealed class ShowFeedbackHandler(IThemeStore themes, IThemeTotals totals, FeedbackLookup lookup, IPeopleStore people, FeedbackTriage triage)
    : ICommandHandler
{
    public static readonly CommandSpec Spec = new(
        SubmitFeedbackHandler.Command,
        "show",
        "Shows one feedback item, or a theme with its demand by segment, accounts and status history.",
        "/feedback show <#item|T<theme>|\"theme title\">",
        "/feedback show #123",
        "/feedback show T7");

    public async Task<Response> HandleAsync(CommandRequest request, CancellationToken ct)
    {
        if (ArgCheck.Shape(request.Args, Spec, 1) is { } shape)
        {
            return shape;
        }

        var typed = ArgCheck.First(request.Args);
        if (typed is not null && FeedbackRefs.ItemId(typed) is not null)
        {
            var (item, problem) = await lookup.ItemAsync(typed, Spec, ct);
            return item is null ? problem! : await ItemAsync(item, ct);
        }

        if (typed is { Kind: ArgKind.Channel })
        {
            return AdminReplies.Problem(Markup.Of($"{Md.Code("#" + typed.Value)} is not a feedback item: items are numbers like #123; themes are like T7, or a title in \"quotes\"."), Spec);
        }

        var (theme, themeProblem) = await lookup.ThemeAsync(typed, Spec, ct);
        return theme is null ? themeProblem! : await ThemeAsync(theme, ct);
    }

    private async Task<Response> ItemAsync(FeedbackView view, CancellationToken ct)
    {
        var item = view.Item;
        var submitter = await people.FindAsync(item.SubmitterId, ct);
        var fields = new List<Field>
        {
            new("Area", view.AreaName ?? "none"),
            new("Account", FeedbackReplies.Account(view)),
            new("Type", FeedbackVocabulary.TypeLabel(item.Type)),
            new("Urgency", FeedbackVocabulary.UrgencyLabel(item.Urgency)),
            new("From", submitter is null ? Markup.Text(view.SubmitterName) : Md.User(submitter)),
            new("When", FeedbackReplies.Day(item.CreatedAt)),
            new("Theme", item.ThemeId is { } t ? Markup.Of($"{FeedbackRefs.Theme(t)} {view.ThemeTitle} ({FeedbackVocabulary.StatusLabel(view.ThemeStatus ?? FeedbackVocabulary.Open)})") : Markup.Text("none yet")),
        };
        if (item.SourceLink is { } link)
        {
            fields.Add(new Field("Source", Md.Link(item.SourceAuthor ?? "open", link)));
        }
        else if (item.SourceAuthor is { } author)
        {
            fields.Add(new Field("Said by", author));
        }

        return Response.Say(new ReplyBuilder().Header($"Feedback {FeedbackRefs.Item(item.Id)}").Section(FeedbackReplies.Quote(item.Verbatim), [.. fields]).Build());
    }

    private async Task<Response> ThemeAsync(Theme theme, CancellationToken ct)
    {
        var sum = await totals.TotalsAsync(theme, ct);
        var area = await triage.AreaAsync(theme.AreaId, ct);
        var reply = new ReplyBuilder()
            .Header($"{theme.Ref} {theme.Title}")
            .Section(
                Markup.Of($"{Md.Bold(FeedbackVocabulary.StatusLabel(theme.Status))}") + (theme.StatusNote is { } note ? Markup.Of($": {note}") : Markup.Empty),
                new Field("Area", area?.Name ?? "none"),
                new Field("Accounts", FeedbackReplies.Accounts(sum.Accounts)),
                new Field("ARR", Money.Format(sum.Arr)),
                new Field("Items", FeedbackReplies.Items(sum.Items)),
                new Field("Newest", sum.Newest is { } at ? FeedbackReplies.Day(at) : "none"));
        if (sum.Segments.Count > 0)
        {
            reply.Context("By segment: " + string.Join("; ", sum.Segments.Select(s => $"{s.Segment} {FeedbackReplies.Accounts(s.Accounts)}, {Money.Format(s.Arr)}")));
        }

        var recent = await totals.ItemsAsync(theme.Id, ct);
        var accountsText = recent.Where(v => v.Item.AccountId is not null || v.Item.AccountText is not null)
            .GroupBy(v => v.AccountLabel, StringComparer.OrdinalIgnoreCase)
            .Select(g => g.Key)
            .Take(20)
            .ToArray();
        if (accountsText.Length > 0)
        {
            reply.Section("Accounts: " + string.Join(", ", accountsText) + (sum.Accounts > accountsText.Length ? $" and {sum.Accounts - accountsText.Length} more" : ""));
        }

        foreach (var view in recent.Take(5))
        {
            reply.Section(FeedbackReplies.Line(view));
        }

        var history = await themes.HistoryAsync(theme.Id, ct);
        if (history.Count > 0)
        {
            reply.Context("History: " + string.Join(" → ", history.Select(h => $"{FeedbackVocabulary.StatusLabel(h.Status)} {FeedbackReplies.Day(h.ChangedAt)}")));
        }

        return Response.Say(reply.Build());
    }
}
