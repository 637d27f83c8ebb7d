using ProductOps.Skills.Accounts;
using ProductOps.Skills.Admin;
using ProductOps.Skills.Conversation;

namespace ProductOps.Skills.Feedback;

/// <summary>Finds the items, themes and areas people name in commands, with a message that helps when they are not found.</summary>
public sealed class FeedbackLookup(IFeedbackStore items, IThemeStore themes, IAreaStore areas)
{
    public async Task<(FeedbackView? Item, Response? Problem)> ItemAsync(Arg? typed, CommandSpec spec, CancellationToken ct)
    {
        if (typed is null || FeedbackRefs.ItemId(typed) is not { } id)
        {
            Markup shown = typed is null ? "nothing" : Md.Code(typed.Display);
            return (null, AdminReplies.Problem(Markup.Of($"Name a feedback item by its number, like {Md.Code("#123")}; I got {shown}."), spec));
        }

        return await items.FindAsync(id, ct) is { } item
            ? (item, null)
            : (null, AdminReplies.Problem(Markup.Of($"There is no feedback {Md.Code(FeedbackRefs.Item(id))}. {Md.Code("/feedback mine")} lists yours; {Md.Code("/feedback search <words>")} finds others."), spec));
    }

    /// <summary>A theme by <c>T7</c> or by its title; a merged theme leads to the one it went into.</summary>
    public async Task<(Theme? Theme, Response? Problem)> ThemeAsync(Arg? typed, CommandSpec spec, CancellationToken ct)
    {
        var text = typed?.Value.Trim() ?? "";
        if (text.Length == 0)
        {
            return (null, AdminReplies.Problem(Markup.Of($"Name a theme by its number, like {Md.Code("T7")}, or its title in \"quotes\"."), spec));
        }

        if (FeedbackRefs.ThemeId(text) is { } id)
        {
            var theme = await themes.FindAsync(id, ct);
            while (theme?.MergedInto is { } into)
            {
                theme = await themes.FindAsync(into, ct);
            }

            return theme is not null
                ? (theme, null)
                : (null, AdminReplies.Problem(Markup.Of($"There is no theme {Md.Code(text)}. {Md.Code("/feedback themes")} lists them."), spec));
        }

        var found = await themes.MatchTitleAsync(text, 3, ct);
        if (found is [var exact, ..] && string.Equals(exact.Title, text, StringComparison.OrdinalIgnoreCase))
        {
            return (exact, null);
        }

        if (found is [var only])
        {
            return (only, null);
        }

        var problem = Markup.Of($"There is no theme called {Md.Bold(text)}.");
        if (found.Count > 0)
        {
            problem += " Did you mean " + string.Join(" or ", found.Select(t => $"{t.Ref} \"{t.Title}\"")) + "?";
        }

        return (null, AdminReplies.Problem(problem + Markup.Of($"\n{Md.Code("/feedback themes")} lists them."), spec));
    }

    /// <summary>An area by name, alias or triage channel; the problem lists the valid ones.</summary>
    public async Task<(Area? Area, string? Problem)> AreaAsync(string typed, CancellationToken ct)
    {
        var name = typed.Trim().TrimStart('#');
        if (await areas.FindAsync(name, ct) is { } area)
        {
            return (area, null);
        }

        var all = await areas.ListAsync(ct);
        if (all.FirstOrDefault(a => string.Equals(a.Channel.TrimStart('#'), name, StringComparison.OrdinalIgnoreCase)) is { } byChannel)
        {
            return (byChannel, null);
        }

        var close = Suggestions.Closest(name, all.SelectMany(a => a.Aliases.Prepend(a.Name)), 2);
        var hint = close.Count > 0 ? $" Did you mean {string.Join(" or ", close)}?" : "";
        var valid = all.Count == 0 ? "none are set up yet; an admin adds them with /productops area add" : string.Join(", ", all.Select(a => a.Name));
        return (null, $"There is no product area called \"{name}\".{hint} The areas are: {valid}.");
    }

    /// <summary>Catalogue accounts close to a name as typed: the whole name first, else any of its words.</summary>
    public static async Task<IReadOnlyList<Account>> CloseAccountsAsync(IAccountStore accounts, string typed, int max, CancellationToken ct)
    {
        var found = await accounts.SearchAsync(typed, max, ct);
        if (found.Count > 0)
        {
            return found;
        }

        var close = new List<Account>();
        foreach (var word in typed.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Where(w => w.Length >= 3))
        {
            close.AddRange((await accounts.SearchAsync(word, max, ct)).Where(a => close.All(c => c.Id != a.Id)));
        }

        return close.Take(max).ToArray();
    }
}
