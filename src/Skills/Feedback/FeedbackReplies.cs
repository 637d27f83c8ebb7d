using System.Globalization;
using ProductOps.Skills.Accounts;
using ProductOps.Skills.Admin;
using ProductOps.Skills.Conversation;

namespace ProductOps.Skills.Feedback;

/// <summary>The messages the feedback skill builds: receipts, triage cards, item and theme lines, totals.</summary>
public static class FeedbackReplies
{
    public const string LinkAction = "feedback.card-link";
    public const string StatusAction = "feedback.card-status";
    public const string MoveAction = "feedback.card-move";

    private const char SnippetOpen = '\u0002';
    private const char SnippetClose = '\u0003';

    /// <summary>The card posted to the triage channel, with buttons to link, set status and move.</summary>
    public static Reply Card(FeedbackView view, Person submitter, string headline)
    {
        var item = view.Item;
        var fields = new List<Field>
        {
            new("Account", Account(view)),
            new("Type", FeedbackVocabulary.TypeLabel(item.Type)),
            new("Urgency", FeedbackVocabulary.UrgencyLabel(item.Urgency)),
            new("From", Md.User(submitter)),
        };
        if (item.SourceAuthor is { } author)
        {
            fields.Add(new Field("Said by", author));
        }

        if (item.SourceLink is { } link)
        {
            fields.Add(new Field("Source", Md.Link("open", link)));
        }

        return new ReplyBuilder()
            .Header(headline)
            .Section(Quote(item.Verbatim), [.. fields])
            .Context(Markup.Of($"{FeedbackRefs.Item(item.Id)} · {view.AreaName ?? "no area"} · {Md.Code("/feedback show " + FeedbackRefs.Item(item.Id))}"))
            .Buttons(
                new Button("Link to theme", LinkAction, Id(item.Id), ButtonStyle.Primary),
                new Button("Set status", StatusAction, Id(item.Id)),
                new Button("Move", MoveAction, Id(item.Id)))
            .Build(Visibility.Channel);
    }

    /// <summary>"Acme Health ($1.2M ARR)", or the name as typed, or "no account".</summary>
    public static Markup Account(FeedbackView view)
    {
        var name = view.AccountLabel;
        var arr = view.Item.Arr is { } a ? $" ({Money.Format(a)} ARR)" : "";
        var typed = view.Item.AccountId is null && view.Item.AccountText is not null ? ", not in the catalogue" : "";
        return Markup.Of($"{Md.Bold(name)}{arr}{typed}");
    }

    /// <summary>One line of a list: number, area, account, theme and status.</summary>
    public static Markup Line(FeedbackView view)
    {
        var item = view.Item;
        var line = Markup.Of($"{Md.Bold(FeedbackRefs.Item(item.Id))} · {view.AreaName ?? "no area"} · {view.AccountLabel} · {FeedbackVocabulary.TypeLabel(item.Type)} · {Day(item.CreatedAt)}");
        line += item.ThemeId is { } themeId
            ? Markup.Of($" · {FeedbackRefs.Theme(themeId)} {view.ThemeTitle} ({FeedbackVocabulary.StatusLabel(view.ThemeStatus ?? FeedbackVocabulary.Open)})")
            : Markup.Text(" · not in a theme yet");
        return line + "\n" + (view.Snippet is { } snippet ? Snippet(snippet) : Markup.Of($"{Md.Italic(Shorten(item.Verbatim, 140))}"));
    }

    /// <summary>"SSO for admins: 9 accounts, $1.4M ARR, 14 items".</summary>
    public static Markup Totals(ThemeTotals totals) =>
        Markup.Of($"{Md.Bold(totals.Theme.Ref + " " + totals.Theme.Title)}: {Accounts(totals.Accounts)}, {Money.Format(totals.Arr)} ARR, {Items(totals.Items)}");

    /// <summary>What linking added: "Adding Acme Health ($120k ARR) brings SSO for admins to $1.4M across 9 accounts."</summary>
    public static Markup Added(FeedbackView view, ThemeTotals before, ThemeTotals after)
    {
        var title = Md.Bold(after.Theme.Title);
        if (view.Item.AccountId is null && view.Item.AccountText is null)
        {
            return Markup.Of($"{title} now has {Items(after.Items)} from {Accounts(after.Accounts)} ({Money.Format(after.Arr)} ARR).");
        }

        var who = view.Item.Arr is { } arr ? $"{view.AccountLabel} ({Money.Format(arr)} ARR)" : view.AccountLabel;
        return after.Accounts > before.Accounts || after.Arr != before.Arr
            ? Markup.Of($"Adding {who} brings {title} to {Money.Format(after.Arr)} across {Accounts(after.Accounts)}.")
            : Markup.Of($"{view.AccountLabel} was already counted, so {title} stays at {Money.Format(after.Arr)} across {Accounts(after.Accounts)} ({Items(after.Items)}).");
    }

    public static string Accounts(int n) => n == 1 ? "1 account" : $"{n:N0} accounts";

    public static string Items(int n) => n == 1 ? "1 item" : $"{n:N0} items";

    public static string Day(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);

    public static Markup Quote(string verbatim) => Markup.Of($"{Md.Italic("“" + verbatim + "”")}");

    public static string Shorten(string text, int max)
    {
        var flat = string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        if (flat.Length <= max)
        {
            return flat;
        }

        var cut = flat.LastIndexOf(' ', max - 1);
        return flat[..(cut > max / 2 ? cut : max - 1)] + "…";
    }

    /// <summary>A search snippet with its matched words in bold; the words themselves stay plain text.</summary>
    public static Markup Snippet(string snippet)
    {
        var spans = new List<Span>();
        var bold = false;
        foreach (var part in snippet.Split(SnippetOpen, SnippetClose))
        {
            if (part.Length > 0)
            {
                spans.Add(bold ? new BoldSpan(part) : new TextSpan(part.Replace('\n', ' ')));
            }

            bold = !bold;
        }

        return new Markup(spans);
    }

    /// <summary>The area's triage channel, or product ops' when there is no area.</summary>
    public static string Channel(Area? area, FeedbackSettings settings) => (area?.Channel ?? settings.TriageChannel).TrimStart('#');
}
