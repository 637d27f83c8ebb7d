using System.Globalization;
using ProductOps.Skills.Accounts;
using ProductOps.Skills.Admin;
using ProductOps.Skills.Conversation;

namespace ProductOps.Skills.Feedback;

/// <summary>"Same as …" on a receipt: value <c>itemId:T7</c> links to theme 7, <c>itemId:#42</c> joins item 42.</summary>
public sealed class SameAsHandler(IFeedbackStore items, IThemeStore themes, FeedbackTriage triage) : IActionHandler
{
    public async Task<Response> HandleAsync(ActionInbound action, Person person, CancellationToken ct)
    {
        var parts = (action.Value ?? "").Split(':', 2);
        if (parts.Length != 2 || !long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var itemId) || await items.FindAsync(itemId, ct) is not { } view)
        {
            return Response.Say("That feedback item no longer exists; nothing was linked.");
        }

        if (parts[1].StartsWith('#') && long.TryParse(parts[1].AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out var otherId))
        {
            return await items.FindAsync(otherId, ct) is { } other
                ? await triage.PairAsync(person, view, other, ct)
                : Response.Say($"Feedback {FeedbackRefs.Item(otherId)} no longer exists; nothing was linked.");
        }

        var theme = FeedbackRefs.ThemeId(parts[1]) is { } themeId ? await themes.FindAsync(themeId, ct) : null;
        while (theme?.MergedInto is { } into)
        {
            theme = await themes.FindAsync(into, ct);
        }

        return theme is null ? Response.Say("That theme no longer exists; nothing was linked.") : await triage.LinkAsync(person, view, theme, ct);
    }
}

/// <summary>"It's Acme Health" on a receipt: links an account kept as typed to the catalogue. Value <c>itemId:accountId</c>.</summary>
public sealed class LinkAccountHandler(IFeedbackStore items, IAccountStore accounts, FeedbackTriage triage) : IActionHandler
{
    public async Task<Response> HandleAsync(ActionInbound action, Person person, CancellationToken ct)
    {
        var parts = (action.Value ?? "").Split(':');
        if (parts.Length != 2
            || !long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var itemId)
            || !long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var accountId)
            || await items.FindAsync(itemId, ct) is not { } view
            || await accounts.FindAsync(accountId, ct) is not { } account)
        {
            return Response.Say("That item or account no longer exists; nothing changed.");
        }

        return await triage.LinkAccountAsync(person, view, account, ct);
    }
}

/// <summary>The buttons of a triage card open a small form for the item; the area's PM or an admin only.</summary>
public sealed class CardButtonHandler(IFeedbackStore items, IAreaStore areas, IThemeTotals totals, IPeopleStore people, FeedbackTriage triage) : IActionHandler
{
    public const string LinkForm = "feedback.link";
    public const string StatusForm = "feedback.status";
    public const string MoveForm = "feedback.move";

    public async Task<Response> HandleAsync(ActionInbound action, Person person, CancellationToken ct)
    {
        if (!long.TryParse(action.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var itemId) || await items.FindAsync(itemId, ct) is not { } view)
        {
            return Response.Say("That feedback item no longer exists.");
        }

        var area = await triage.AreaAsync(view.Item.AreaId, ct);
        if (await FeedbackAccess.RefusalAsync(person, area, "triage feedback", people, ct) is { } refusal)
        {
            return refusal;
        }

        var state = FeedbackReplies.Id(itemId);
        switch (action.ActionId)
        {
            case FeedbackReplies.LinkAction:
                var ranked = await totals.RankAsync(new ThemeQuery(view.Item.AreaId, null, null, 50), ct);
                return Response.Open(new Form(
                    LinkForm,
                    $"Link {FeedbackRefs.Item(itemId)} to a theme",
                    [
                        new SelectInput("theme", "Existing theme", ranked.Select(t => new Choice(t.Theme.Ref, FeedbackReplies.Shorten($"{t.Theme.Ref} {t.Theme.Title}", 70))).ToArray()),
                        new TextInput("new_title", "Or start a new theme") { MaxLength = LinkItemHandler.MaxTitle, Placeholder = "SSO for admins" },
                    ],
                    "Link",
                    state));
            case FeedbackReplies.StatusAction when view.Item.ThemeId is null:
                return Response.Say(Markup.Of($"Status belongs to themes, and {FeedbackRefs.Item(itemId)} is in none yet. Link it to a theme first."));
            case FeedbackReplies.StatusAction:
                return Response.Open(new Form(
                    StatusForm,
                    $"Status of {FeedbackRefs.Theme(view.Item.ThemeId!.Value)}",
                    [
                        new SelectInput("status", "New status", FeedbackVocabulary.Statuses.Select(s => new Choice(s.Key, $"{s.Label}: {s.Meaning}")).ToArray()) { Required = true },
                        new TextInput("note", "Note for everyone who raised it") { Multiline = true, MaxLength = SetStatusHandler.MaxNote },
                    ],
                    "Set status",
                    state));
            default:
                var choices = (await areas.ListAsync(ct)).Where(a => a.Id != view.Item.AreaId).Select(a => new Choice(a.Name, a.Name)).ToArray();
                return Response.Open(new Form(MoveForm, $"Move {FeedbackRefs.Item(itemId)}", [new SelectInput("area", "To area", choices) { Required = true }], "Move", state));
        }
    }
}

/// <summary>Submissions of the card forms; the triage rules check permission again, as forms can be replayed.</summary>
public sealed class CardFormHandler(IFeedbackStore items, IThemeStore themes, FeedbackLookup lookup, FeedbackTriage triage) : IFormHandler
{
    public async Task<Response> HandleAsync(FormSubmission submission, Person person, CancellationToken ct)
    {
        if (!long.TryParse(submission.State, NumberStyles.None, CultureInfo.InvariantCulture, out var itemId) || await items.FindAsync(itemId, ct) is not { } view)
        {
            return Response.Say("That feedback item no longer exists; nothing changed.");
        }

        var values = submission.Values;
        switch (submission.FormId)
        {
            case CardButtonHandler.LinkForm:
                if (values.Text("new_title") is not null && values.Text("theme") is not null)
                {
                    const string Both = "Choose an existing theme or give a title for a new one, not both.";
                    return Response.Invalid(new Dictionary<string, string> { ["theme"] = Both, ["new_title"] = Both });
                }

                if (values.Text("new_title") is { } title)
                {
                    return title.Length > LinkItemHandler.MaxTitle
                        ? Response.Invalid(new Dictionary<string, string> { ["new_title"] = $"A theme title has up to {LinkItemHandler.MaxTitle} characters." })
                        : await triage.LinkNewAsync(person, view, title, ct);
                }

                var theme = values.Text("theme") is { } typed && FeedbackRefs.ThemeId(typed) is { } themeId ? await themes.FindAsync(themeId, ct) : null;
                return theme is null
                    ? Response.Invalid(new Dictionary<string, string> { ["theme"] = "Choose a theme, or give a title for a new one." })
                    : await triage.LinkAsync(person, view, theme, ct);
            case CardButtonHandler.StatusForm:
                if (FeedbackVocabulary.Status(values.Text("status") ?? "") is not { } status)
                {
                    return Response.Invalid(new Dictionary<string, string> { ["status"] = $"Choose one of: {FeedbackVocabulary.Keys(FeedbackVocabulary.Statuses)}." });
                }

                var current = view.Item.ThemeId is { } id ? await themes.FindAsync(id, ct) : null;
                return current is null
                    ? Response.Say(Markup.Of($"{FeedbackRefs.Item(itemId)} is in no theme any more; link it first."))
                    : await triage.SetStatusAsync(person, current, status, values.Text("note"), ct);
            default:
                var (area, problem) = await lookup.AreaAsync(values.Text("area") ?? "", ct);
                return area is null
                    ? Response.Invalid(new Dictionary<string, string> { ["area"] = problem! })
                    : await triage.MoveAsync(person, view, area, ct);
        }
    }
}
