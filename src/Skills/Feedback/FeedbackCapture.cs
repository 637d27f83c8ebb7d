using ProductOps.Skills.Accounts;
using ProductOps.Skills.Admin;
using ProductOps.Skills.Conversation;

namespace ProductOps.Skills.Feedback;

/// <summary>Checked feedback ready to store: the area and catalogue account already found.</summary>
public sealed record FeedbackDraft(
    Area? Area,
    Account? Account,
    string? AccountText,
    string Type,
    string Urgency,
    decimal? Arr,
    string Verbatim,
    string? SourceLink,
    string? SourceAuthor,
    bool KeepPosted);

/// <summary>A theme or item close to new feedback, offered as a "Same as …" button.</summary>
public sealed record Suggestion(long? ThemeId, long? ItemId, string Title, double Score);

/// <summary>
/// Stores feedback from any surface (quick capture, form, shortcut), routes it to triage, and answers
/// with the receipt: the item's number, where it went, and similar themes to link it to.
/// </summary>
public sealed class FeedbackCapture(
    IFeedbackStore items,
    IAccountStore accounts,
    IPeopleStore people,
    IOutbox outbox,
    FeedbackSettings settings)
{
    public const string SameAsAction = "feedback.same";
    public const string AccountAction = "feedback.account";
    private const int MaxSuggestions = 3;

    public async Task<Response> SubmitAsync(Person person, FeedbackDraft draft, CancellationToken ct)
    {
        var feedback = new NewFeedback(
            person.Id,
            draft.Area?.Id,
            draft.Account?.Id,
            draft.Account is null ? draft.AccountText : draft.Account.Name,
            draft.Type,
            draft.Urgency,
            draft.Arr ?? draft.Account?.Arr,
            draft.Verbatim,
            draft.SourceLink,
            draft.SourceAuthor,
            draft.KeepPosted);
        var (stored, created) = await items.AddAsync(feedback, FeedbackSettings.RepeatWindow, ct);
        if (!created)
        {
            return Response.Say(Markup.Of(
                $"You sent these words a moment ago; they are saved once, as {Md.Bold(FeedbackRefs.Item(stored.Id))}. {Md.Code("/feedback show " + FeedbackRefs.Item(stored.Id))} shows it."));
        }

        var view = (await items.FindAsync(stored.Id, ct))!;
        await RouteAsync(view, person, draft.Area, ct);
        return Response.Say(await ReceiptAsync(view, draft, ct));
    }

    /// <summary>Posts the card to the triage channel and, when critical, DMs the area's owner; once per item and area.</summary>
    public async Task RouteAsync(FeedbackView view, Person submitter, Area? area, CancellationToken ct)
    {
        var item = view.Item;
        var channel = FeedbackReplies.Channel(area, settings);
        var where = area is null ? "no area" : area.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var headline = $"{FeedbackVocabulary.TypeLabel(item.Type)} from {view.AccountLabel}";
        await outbox.EnqueueAsync(new OutboundMessage($"feedback:card:{item.Id}:{where}", new ChannelRecipient(channel), FeedbackReplies.Card(view, submitter, headline)), ct);
        if (item.Urgency == "critical" && area is not null)
        {
            var dm = FeedbackReplies.Card(view, submitter, $"Critical feedback for {area.Name}: {view.AccountLabel}") with { Visibility = Visibility.DirectMessage };
            await outbox.EnqueueAsync(new OutboundMessage($"feedback:critical:{item.Id}:{where}", new PersonRecipient(area.OwnerId), dm), ct);
        }
    }

    /// <summary>Themes and unthemed items whose words are close enough, best first.</summary>
    public async Task<IReadOnlyList<Suggestion>> SuggestAsync(FeedbackItem item, CancellationToken ct)
    {
        var stems = Similarity.Stems(item.Verbatim);
        var candidates = await items.SimilarAsync(Similarity.SearchTerms(item.Verbatim), item.Id, 30, ct);
        return candidates
            .Select(c => (c, Score: Similarity.Score(stems, Similarity.Stems(c.Verbatim))))
            .Where(x => x.Score >= settings.SimilarityThreshold)
            .GroupBy(x => x.c.ThemeId is { } themeId ? "T" + themeId : "#" + x.c.Id)
            .Select(g => g.MaxBy(x => x.Score))
            .OrderByDescending(x => x.Score)
            .Take(MaxSuggestions)
            .Select(x => x.c.ThemeId is { } themeId
                ? new Suggestion(themeId, null, x.c.ThemeTitle!, x.Score)
                : new Suggestion(null, x.c.Id, FeedbackReplies.Shorten(x.c.Verbatim, 60), x.Score))
            .ToArray();
    }

    private async Task<Reply> ReceiptAsync(FeedbackView view, FeedbackDraft draft, CancellationToken ct)
    {
        var item = view.Item;
        var channel = FeedbackReplies.Channel(draft.Area, settings);
        var reply = new ReplyBuilder().Section(
            Markup.Of($"Thanks! Saved as {Md.Bold(FeedbackRefs.Item(item.Id))}: {view.AreaName ?? "no area"} · ") + FeedbackReplies.Account(view)
            + Markup.Of($" · {FeedbackVocabulary.TypeLabel(item.Type)} · {FeedbackVocabulary.UrgencyLabel(item.Urgency)}."));
        var routed = draft.Area is null
            ? Markup.Of($"With no area, it went to product ops in {Md.Channel(channel)}.")
            : Markup.Of($"Sent to {Md.Channel(channel)}.");
        if (draft.Area is not null && item.Urgency == "critical" && await people.FindAsync(draft.Area.OwnerId, ct) is { } owner)
        {
            routed += Markup.Of($" As it is critical, {Md.User(owner)} was told directly.");
        }

        reply.Context(routed + (item.KeepPosted ? " I'll tell you when product acts on it." : ""));
        if (draft.Account is null && draft.AccountText is { } typed)
        {
            var close = await FeedbackLookup.CloseAccountsAsync(accounts, typed, MaxSuggestions, ct);
            reply.Section(Markup.Of($"{Md.Bold(typed)} is not in the account catalogue, so it is kept as typed.")
                          + (close.Count > 0 ? " Is it one of these?" : " It can be linked to the catalogue later."));
            if (close.Count > 0)
            {
                reply.Buttons([.. close.Select(a => new Button("It's " + a.Name, AccountAction, $"{item.Id}:{a.Id}"))]);
            }
        }

        var suggestions = await SuggestAsync(item, ct);
        if (suggestions.Count > 0)
        {
            reply.Section("Is it the same as one of these? Linking it counts this customer in the theme's demand.");
            reply.Buttons([.. suggestions.Select(s => s.ThemeId is { } themeId
                ? new Button(FeedbackReplies.Shorten($"Same as {FeedbackRefs.Theme(themeId)}: {s.Title}", 75), SameAsAction, $"{item.Id}:T{themeId}")
                : new Button(FeedbackReplies.Shorten($"Same as {FeedbackRefs.Item(s.ItemId!.Value)}: {s.Title}", 75), SameAsAction, $"{item.Id}:#{s.ItemId}"))]);
        }

        return reply.Build();
    }
}
