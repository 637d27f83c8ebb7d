using ProductOps.Skills.Admin;
using ProductOps.Skills.Conversation;

namespace ProductOps.Skills.Feedback;

/// <summary><c>/feedback link #123 T7</c> or <c>/feedback link #123 new "SSO for admins"</c>.</summary>
public sealed class LinkItemHandler(FeedbackLookup lookup, FeedbackTriage triage) : ICommandHandler
{
    public const int MaxTitle = 120;

    public static readonly CommandSpec Spec = new(
        SubmitFeedbackHandler.Command,
        "link",
        "Links a feedback item to a theme, or starts a new theme with it.",
        "/feedback link <#item> <T<theme>|\"theme title\"|new \"title\">",
        "/feedback link #123 T7",
        "/feedback link #123 new \"SSO for admins\"")
    {
        Details = "The area's PM or an admin links; the submitter may pick a theme once, from the receipt.",
    };

    /// <summary>Why a new theme title will not do, or null.</summary>
    public static string? TitleProblem(string title) =>
        title.Length is 0 or > MaxTitle ? $"A theme title needs 1 to {MaxTitle} characters; this one has {title.Length}." : null;

    public async Task<Response> HandleAsync(CommandRequest request, CancellationToken ct)
    {
        if (ArgCheck.Shape(request.Args, Spec, 3) is { } shape)
        {
            return shape;
        }

        var positional = request.Args.Positional;
        var (item, problem) = await lookup.ItemAsync(ArgCheck.First(request.Args), Spec, ct);
        if (item is null)
        {
            return problem!;
        }

        if (positional is [_, { Kind: ArgKind.Word } word, var title] && word.Value.Equals("new", StringComparison.OrdinalIgnoreCase))
        {
            var text = title.Value.Trim();
            return TitleProblem(text) is { } tooLong
                ? AdminReplies.Problem(tooLong, Spec)
                : await triage.LinkNewAsync(request.Person, item, text, ct);
        }

        if (positional.Count != 2)
        {
            return AdminReplies.Problem("Name the item and the theme to link it to.", Spec);
        }

        var (theme, themeProblem) = await lookup.ThemeAsync(positional[1], Spec, ct);
        return theme is null ? themeProblem! : await triage.LinkAsync(request.Person, item, theme, ct);
    }
}

/// <summary><c>/feedback merge T7 into T3</c>.</summary>
public sealed class MergeThemesHandler(FeedbackLookup lookup, FeedbackTriage triage) : ICommandHandler
{
    public static readonly CommandSpec Spec = new(
        SubmitFeedbackHandler.Command,
        "merge",
        "Merges one theme into another: its items move, and its number leads to the other.",
        "/feedback merge <theme> into <theme>",
        "/feedback merge T7 into T3")
    {
        Details = "The PM of both themes' areas, or an admin.",
    };

    public async Task<Response> HandleAsync(CommandRequest request, CancellationToken ct)
    {
        if (ArgCheck.Shape(request.Args, Spec, 3) is { } shape)
        {
            return shape;
        }

        if (request.Args.Positional is not [var fromArg, { Value: var into }, var intoArg] || !into.Equals("into", StringComparison.OrdinalIgnoreCase))
        {
            return AdminReplies.Problem("Write it as: merge <theme> into <theme>.", Spec);
        }

        var (from, problem) = await lookup.ThemeAsync(fromArg, Spec, ct);
        if (from is null)
        {
            return problem!;
        }

        var (target, targetProblem) = await lookup.ThemeAsync(intoArg, Spec, ct);
        return target is null ? targetProblem! : await triage.MergeAsync(request.Person, from, target, ct);
    }
}

/// <summary><c>/feedback rename T7 "SSO for admin users"</c>: a theme started from a customer's words gets a proper name.</summary>
public sealed class RenameThemeHandler(FeedbackLookup lookup, FeedbackTriage triage) : ICommandHandler
{
    public static readonly CommandSpec Spec = new(
        SubmitFeedbackHandler.Command,
        "rename",
        "Gives a theme a new title.",
        "/feedback rename <theme> \"<new title>\"",
        "/feedback rename T7 \"SSO for admin users\"")
    {
        Details = "The PM of the theme's area, or an admin. Themes started with \"Same as …\" are named after the first customer's words.",
    };

    public async Task<Response> HandleAsync(CommandRequest request, CancellationToken ct)
    {
        if (ArgCheck.Shape(request.Args, Spec, 2) is { } shape)
        {
            return shape;
        }

        if (request.Args.Positional is not [var themeArg, var titleArg])
        {
            return AdminReplies.Problem("Name the theme and its new title in \"quotes\".", Spec);
        }

        var title = titleArg.Value.Trim();
        if (LinkItemHandler.TitleProblem(title) is { } tooLong)
        {
            return AdminReplies.Problem(tooLong, Spec);
        }

        var (theme, problem) = await lookup.ThemeAsync(themeArg, Spec, ct);
        return theme is null ? problem! : await triage.RenameAsync(request.Person, theme, title, ct);
    }
}

/// <summary><c>/feedback move #123 area:Reporting</c>.</summary>
public sealed class MoveItemHandler(FeedbackLookup lookup, FeedbackTriage triage) : ICommandHandler
{
    public static readonly CommandSpec Spec = new(
        SubmitFeedbackHandler.Command,
        "move",
        "Moves a feedback item to another product area and its triage channel.",
        "/feedback move <#item> area:<area>",
        "/feedback move #123 area:Reporting");

    public async Task<Response> HandleAsync(CommandRequest request, CancellationToken ct)
    {
        if (ArgCheck.Shape(request.Args, Spec, 2, "area") is { } shape)
        {
            return shape;
        }

        var (item, problem) = await lookup.ItemAsync(ArgCheck.First(request.Args), Spec, ct);
        if (item is null)
        {
            return problem!;
        }

        var areaText = request.Args.Named("area")?.Value ?? request.Args.Positional.Skip(1).FirstOrDefault()?.Value;
        if (areaText is null)
        {
            return AdminReplies.Problem("Say where to move it, with area:<area>.", Spec);
        }

        var (area, areaProblem) = await lookup.AreaAsync(areaText, ct);
        return area is null ? AdminReplies.Problem(areaProblem!, Spec) : await triage.MoveAsync(request.Person, item, area, ct);
    }
}

/// <summary><c>/feedback status T7 planned "Q3, behind the new auth work"</c>: closes the loop with everyone who asked.</summary>
public sealed class SetStatusHandler(FeedbackLookup lookup, FeedbackTriage triage) : ICommandHandler
{
    public const int MaxNote = 500;

    public static readonly CommandSpec Spec = new(
        SubmitFeedbackHandler.Command,
        "status",
        "Sets a theme's status and tells everyone who raised it, and the owners of its accounts.",
        "/feedback status <theme> <planned|in-progress|shipped|declined|needs-info> [\"note\"]",
        "/feedback status T7 planned \"Q3, after the new sign-in work\"")
    {
        Details = "One DM per person per change, however many items they submitted. The area's PM or an admin.",
    };

    public async Task<Response> HandleAsync(CommandRequest request, CancellationToken ct)
    {
        if (ArgCheck.Shape(request.Args, Spec, 3) is { } shape)
        {
            return shape;
        }

        if (request.Args.Positional is not [var themeArg, var statusArg, ..] positional)
        {
            return AdminReplies.Problem("Name the theme and its new status.", Spec);
        }

        if (FeedbackVocabulary.Status(statusArg.Value) is not { } status)
        {
            return AdminReplies.Problem(Markup.Of($"{Md.Code(statusArg.Value)} is not a status. Use one of: {FeedbackVocabulary.Keys(FeedbackVocabulary.Statuses)}. Nothing changed."), Spec);
        }

        var note = positional.Count > 2 ? positional[2].Value.Trim() : null;
        if (note is { Length: > MaxNote })
        {
            return AdminReplies.Problem($"The note is {note.Length} characters long; the limit is {MaxNote}. Nothing changed.", Spec);
        }

        var (theme, problem) = await lookup.ThemeAsync(themeArg, Spec, ct);
        return theme is null ? problem! : await triage.SetStatusAsync(request.Person, theme, status, note is { Length: > 0 } ? note : null, ct);
    }
}
