using ProductOps.Skills.Accounts;
using ProductOps.Skills.Admin;
using ProductOps.Skills.Conversation;

namespace ProductOps.Skills.Feedback;

/// <summary>The actions of triage: link, move, merge and set status. Commands, buttons and forms all come here.</summary>
public sealed class FeedbackTriage(
    IFeedbackStore items,
    IThemeStore themes,
    IThemeTotals totals,
    IAreaStore areas,
    IAccountStore accounts,
    IPeopleStore people,
    IAuditLog audit,
    IOutbox outbox,
    FeedbackCapture capture)
{
    public async Task<Area?> AreaAsync(long? id, CancellationToken ct) =>
        id is { } areaId ? (await areas.ListAsync(ct)).FirstOrDefault(a => a.Id == areaId) : null;

    /// <summary>
    /// Links an item to a theme. Its submitter may do this once, right after capture ("Same as …");
    /// after that it is the area's PM's call.
    /// </summary>
    public async Task<Response> LinkAsync(Person person, FeedbackView view, Theme theme, CancellationToken ct)
    {
        var item = view.Item;
        if (item.ThemeId == theme.Id)
        {
            return Response.Say(Markup.Of($"{FeedbackRefs.Item(item.Id)} is already in {Md.Bold(theme.Ref + " " + theme.Title)}; nothing changed."));
        }

        if (await LinkRefusalAsync(person, item, theme.AreaId, ct) is { } refusal)
        {
            return refusal;
        }

        var before = await totals.TotalsAsync(theme, ct);
        await themes.LinkAsync([item.Id], theme.Id, ct);
        var after = await totals.TotalsAsync(theme, ct);
        await audit.WriteAsync(AuditChange.By(person, FeedbackAudit.Link, FeedbackRefs.Item(item.Id), item.ThemeId is { } old ? FeedbackRefs.Theme(old) : null, theme.Ref), ct);
        return Response.Say(Markup.Of($"Linked {FeedbackRefs.Item(item.Id)} to {Md.Bold(theme.Ref)}. ") + FeedbackReplies.Added(view, before, after));
    }

    /// <summary>Why this person may not link the item to a theme in that area, or null when they may.</summary>
    private async Task<Response?> LinkRefusalAsync(Person person, FeedbackItem item, long? themeAreaId, CancellationToken ct)
    {
        var ownFirstLink = item.SubmitterId == person.Id && item.ThemeId is null;
        return ownFirstLink || FeedbackAccess.CanManage(person, await AreaAsync(themeAreaId, ct))
            ? null
            : await FeedbackAccess.RefusalAsync(person, await AreaAsync(item.AreaId, ct), "link feedback to themes", people, ct);
    }

    /// <summary>Starts a theme with the item in it; the theme belongs to the item's area.</summary>
    public async Task<Response> LinkNewAsync(Person person, FeedbackView view, string title, CancellationToken ct)
    {
        if (await FeedbackAccess.RefusalAsync(person, await AreaAsync(view.Item.AreaId, ct), "start themes", people, ct) is { } refusal)
        {
            return refusal;
        }

        var theme = await themes.CreateAsync(title, view.Item.AreaId, person.Id, ct);
        await audit.WriteAsync(AuditChange.By(person, FeedbackAudit.ThemeCreate, theme.Ref, null, title), ct);
        return await LinkAsync(person, view, theme, ct);
    }

    /// <summary>"Same as #42" for an item in no theme yet: both start a theme named after the earlier words.</summary>
    public async Task<Response> PairAsync(Person person, FeedbackView view, FeedbackView earlier, CancellationToken ct)
    {
        if (earlier.Item.ThemeId is { } themeId && await themes.FindAsync(themeId, ct) is { } existing)
        {
            return await LinkAsync(person, view, existing, ct);
        }

        // Checked before the theme is started: a refused link must leave both items as they were.
        var areaId = earlier.Item.AreaId ?? view.Item.AreaId;
        if (await LinkRefusalAsync(person, view.Item, areaId, ct) is { } refusal)
        {
            return refusal;
        }

        var theme = await themes.CreateAsync(FeedbackReplies.Shorten(earlier.Item.Verbatim, 60), areaId, person.Id, ct);
        await themes.LinkAsync([earlier.Item.Id], theme.Id, ct);
        await audit.WriteAsync(AuditChange.By(person, FeedbackAudit.ThemeCreate, theme.Ref, null, theme.Title), ct);
        var linked = await LinkAsync(person, view, theme, ct);
        var named = Markup.Of(
            $"{Md.Bold(theme.Ref)} is a new theme, named after the words of {FeedbackRefs.Item(earlier.Item.Id)} for now; the area's PM can give it a proper name with {Md.Code($"/feedback rename {theme.Ref} \"<title>\"")}.");
        return linked with { Replies = [.. linked.Replies, Reply.Say(named)] };
    }

    public async Task<Response> MoveAsync(Person person, FeedbackView view, Area target, CancellationToken ct)
    {
        var item = view.Item;
        if (item.AreaId == target.Id)
        {
            return Response.Say(Markup.Of($"{FeedbackRefs.Item(item.Id)} is already in {Md.Bold(target.Name)}; nothing changed."));
        }

        var current = await AreaAsync(item.AreaId, ct);

        // Feedback product ops could not place may be claimed by the PM of the area it belongs to.
        var claiming = current is null && FeedbackAccess.CanManage(person, target);
        if (!claiming && await FeedbackAccess.RefusalAsync(person, current, "move feedback", people, ct) is { } refusal)
        {
            return refusal;
        }

        await items.SetAreaAsync(item.Id, target.Id, ct);
        await audit.WriteAsync(AuditChange.By(person, FeedbackAudit.Move, FeedbackRefs.Item(item.Id), current?.Name ?? "no area", target.Name), ct);
        var moved = (await items.FindAsync(item.Id, ct))!;
        if (await people.FindAsync(item.SubmitterId, ct) is { } submitter)
        {
            await capture.RouteAsync(moved, submitter, target, ct);
        }

        return Response.Say(Markup.Of($"Moved {FeedbackRefs.Item(item.Id)} from {current?.Name ?? "no area"} to {Md.Bold(target.Name)}; it is on its way to {Md.Channel(target.Channel)}."));
    }

    public async Task<Response> MergeAsync(Person person, Theme from, Theme into, CancellationToken ct)
    {
        if (from.Id == into.Id)
        {
            return Response.Say(Markup.Of($"{Md.Bold(from.Ref)} cannot be merged into itself. Name two different themes."));
        }

        foreach (var area in new[] { from.AreaId, into.AreaId }.Distinct())
        {
            if (await FeedbackAccess.RefusalAsync(person, await AreaAsync(area, ct), "merge themes", people, ct) is { } refusal)
            {
                return refusal;
            }
        }

        var moved = await themes.MergeAsync(from.Id, into.Id, ct);
        await audit.WriteAsync(AuditChange.By(person, FeedbackAudit.Merge, from.Ref, from.Title, into.Ref + " " + into.Title), ct);
        var after = await totals.TotalsAsync(into, ct);
        return Response.Say(Markup.Of($"Merged {Md.Bold(from.Ref + " " + from.Title)} into {into.Ref}: {FeedbackReplies.Items(moved)} moved. ") + FeedbackReplies.Totals(after) + ".");
    }

    public async Task<Response> RenameAsync(Person person, Theme theme, string title, CancellationToken ct)
    {
        if (await FeedbackAccess.RefusalAsync(person, await AreaAsync(theme.AreaId, ct), "rename themes", people, ct) is { } refusal)
        {
            return refusal;
        }

        if (theme.Title == title)
        {
            return Response.Say(Markup.Of($"{Md.Bold(theme.Ref)} is already called “{title}”; nothing changed."));
        }

        await themes.RenameAsync(theme.Id, title, ct);
        await audit.WriteAsync(AuditChange.By(person, FeedbackAudit.Rename, theme.Ref, theme.Title, title), ct);
        return Response.Say(Markup.Of($"Renamed {Md.Bold(theme.Ref)} from “{theme.Title}” to “{title}”."));
    }

    public async Task<Response> LinkAccountAsync(Person person, FeedbackView view, Account account, CancellationToken ct)
    {
        if (view.Item.SubmitterId != person.Id
            && await FeedbackAccess.RefusalAsync(person, await AreaAsync(view.Item.AreaId, ct), "change the account of feedback", people, ct) is { } refusal)
        {
            return refusal;
        }

        await items.SetAccountAsync(view.Item.Id, account.Id, ct);
        await audit.WriteAsync(AuditChange.By(person, FeedbackAudit.Account, FeedbackRefs.Item(view.Item.Id), view.AccountLabel, account.Name), ct);
        return Response.Say(Markup.Of($"{FeedbackRefs.Item(view.Item.Id)} is now counted for {Md.Bold(account.Name)}."));
    }

    /// <summary>
    /// Sets a theme's status and closes the loop: one DM per person per change to every submitter who
    /// asked to be kept posted and every owner of a linked account, naming the accounts that concern them.
    /// </summary>
    public async Task<Response> SetStatusAsync(Person person, Theme theme, string status, string? note, CancellationToken ct)
    {
        if (await FeedbackAccess.RefusalAsync(person, await AreaAsync(theme.AreaId, ct), "set the status of themes", people, ct) is { } refusal)
        {
            return refusal;
        }

        if (theme.Status == status && theme.StatusNote == note)
        {
            return Response.Say(Markup.Of($"{Md.Bold(theme.Ref + " " + theme.Title)} is already {FeedbackVocabulary.StatusLabel(status)} with that note; nothing changed and nobody was told again."));
        }

        var change = await themes.SetStatusAsync(theme.Id, status, note, person.Id, ct);
        await audit.WriteAsync(AuditChange.By(person, FeedbackAudit.Status, theme.Ref + " " + theme.Title, theme.Status, note is null ? status : $"{status}: {note}"), ct);
        var told = await CloseLoopAsync(person, theme, change, ct);
        var text = Markup.Of($"{Md.Bold(theme.Ref + " " + theme.Title)} is now {Md.Bold(FeedbackVocabulary.StatusLabel(status))}.");
        text += told.Count == 0
            ? Markup.Text(" Nobody asked to be kept posted, so no one was told.")
            : Markup.Of($" Telling {told.Count} {(told.Count == 1 ? "person" : "people")} by DM: ") + Join(told.Select(p => (Markup)Md.User(p))) + ".";
        return Response.Say(text);
    }

    private async Task<IReadOnlyList<Person>> CloseLoopAsync(Person actor, Theme theme, StatusChange change, CancellationToken ct)
    {
        var raised = new Dictionary<long, SortedSet<string>>();
        var owned = new Dictionary<long, SortedSet<string>>();
        var owners = new Dictionary<long, long?>();
        foreach (var view in await totals.ItemsAsync(theme.Id, ct))
        {
            var item = view.Item;
            if (item.KeepPosted)
            {
                Add(raised, item.SubmitterId, item.AccountId is null && item.AccountText is null ? null : view.AccountLabel);
            }

            if (item.AccountId is { } accountId)
            {
                if (!owners.TryGetValue(accountId, out var owner))
                {
                    owner = owners[accountId] = (await accounts.FindAsync(accountId, ct))?.OwnerId;
                }

                if (owner is { } ownerId)
                {
                    Add(owned, ownerId, view.AccountLabel);
                }
            }
        }

        var told = new List<Person>();
        foreach (var personId in raised.Keys.Union(owned.Keys).Order())
        {
            if (await people.FindAsync(personId, ct) is not { } person)
            {
                continue;
            }

            var dm = new ReplyBuilder()
                .Section(Markup.Of($"Update on {Md.Bold(theme.Ref + " " + theme.Title)}: now {Md.Bold(FeedbackVocabulary.StatusLabel(change.Status))}."))
                .Section(change.Note is { } note ? FeedbackReplies.Quote(note) + Markup.Of($" — {Md.User(actor)}") : Markup.Of($"Set by {Md.User(actor)}."));
            var why = Markup.Empty;
            if (raised.TryGetValue(personId, out var mine))
            {
                why += mine.Count == 0 ? Markup.Text("You raised it.") : Markup.Text("You raised it for " + string.Join(", ", mine) + ".");
            }

            if (owned.TryGetValue(personId, out var theirs))
            {
                why += Markup.Text((why.IsEmpty ? "" : " ") + "Your accounts asked for it: " + string.Join(", ", theirs) + ".");
            }

            dm.Context(why + Markup.Of($" {Md.Code("/feedback show " + theme.Ref)}"));
            await outbox.EnqueueAsync(new OutboundMessage($"feedback:status:{change.Id}:{personId}", new PersonRecipient(personId), dm.Build(Visibility.DirectMessage)), ct);
            told.Add(person);
        }

        return told;
    }

    private static void Add(Dictionary<long, SortedSet<string>> into, long personId, string? account)
    {
        if (!into.TryGetValue(personId, out var set))
        {
            into[personId] = set = new SortedSet<string>(StringComparer.OrdinalIgnoreCase);
        }

        if (account is not null)
        {
            set.Add(account);
        }
    }

    private static Markup Join(IEnumerable<Markup> parts) =>
        parts.Aggregate(Markup.Empty, (all, part) => all.IsEmpty ? part : all + ", " + part);
}

/// <summary>The audit actions of feedback triage, so readers of the log can filter on stable names.</summary>
public static class FeedbackAudit
{
    public const string Link = "feedback.link";
    public const string ThemeCreate = "feedback.theme";
    public const string Move = "feedback.move";
    public const string Merge = "feedback.merge";
    public const string Rename = "feedback.rename";
    public const string Status = "feedback.status";
    public const string Account = "feedback.account";
}
