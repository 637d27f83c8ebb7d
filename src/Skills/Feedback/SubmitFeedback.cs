using System.Text.RegularExpressions;
using ProductOps.Skills.Accounts;
using ProductOps.Skills.Admin;
using ProductOps.Skills.Conversation;

namespace ProductOps.Skills.Feedback;

/// <summary>
/// <c>/feedback</c> opens the form; <c>/feedback &lt;words&gt; area:… account:… type:… urgency:… arr:…</c>
/// captures in one line, and opens the form prefilled when the area or the account is missing.
/// </summary>
public sealed partial class SubmitFeedbackHandler(IAreaStore areas, IAccountStore accounts, FeedbackLookup lookup, FeedbackInput input, FeedbackCapture capture)
    : ICommandHandler
{
    public const string Command = "feedback";

    public static readonly CommandSpec Spec = new(
        Command,
        null,
        "Sends customer feedback to product: opens a form, or captures it in one line.",
        "/feedback [<customer's words>] [area:<area>|#<area>] [account:\"<account>\"] [type:<type>] [urgency:<urgency>] [arr:<amount>]",
        "/feedback Acme wants SSO for admins area:Payments account:\"Acme Health\"",
        "/feedback #payments account:Globex type:churn-risk urgency:critical arr:120k Renewal at risk without invoice export")
    {
        Details = $"Types: {FeedbackVocabulary.Keys(FeedbackVocabulary.Types)}. Urgency: {FeedbackVocabulary.Keys(FeedbackVocabulary.Urgencies)}. "
                  + "Without an area or an account the form opens with what you typed. The item goes to the area's triage channel; critical items also reach its PM. "
                  + "Words that begin with a sub-command (search, export, …) are read as that command: use the form for those.",
    };

    public async Task<Response> HandleAsync(CommandRequest request, CancellationToken ct)
    {
        var args = request.Args;
        var areaArg = args.Named("area")?.Value;
        foreach (var channel in args.Positional.Where(a => a.Kind == ArgKind.Channel))
        {
            if (areaArg is null && (await lookup.AreaAsync(channel.Value, ct)).Area is not null)
            {
                areaArg = channel.Value;
            }
        }

        var verbatim = Strip(args.Text, areaArg);
        var raw = new RawFeedback(
            args.Named("account")?.Value,
            areaArg,
            args.Named("type")?.Value,
            args.Named("urgency")?.Value,
            args.Named("arr")?.Value,
            verbatim,
            null,
            null,
            true);
        if (areaArg is null || raw.Account is null || verbatim.Length == 0)
        {
            // The form asks for the words; wrong options are still refused here, before it opens.
            var problems = (await input.ReadAsync(raw, ct)).Problems.Where(p => p.Key != "verbatim").ToDictionary();
            if (problems.Count > 0)
            {
                return Problem(problems);
            }

            var prefill = new FeedbackPrefill(raw.Account, areaArg is null ? null : (await lookup.AreaAsync(areaArg, ct)).Area?.Name, raw.Type is null ? null : FeedbackVocabulary.Type(raw.Type), raw.Urgency is null ? null : FeedbackVocabulary.Urgency(raw.Urgency), raw.Arr, verbatim.Length == 0 ? null : verbatim);
            return Response.Open(await FeedbackForm.BuildAsync(areas, accounts, prefill, ct));
        }

        var (draft, found) = await input.ReadAsync(raw, ct);
        return draft is null ? Problem(found) : await capture.SubmitAsync(request.Person, draft, ct);
    }

    /// <summary>The customer's words: the text without the options, spacing and line breaks kept.</summary>
    internal static string Strip(string text, string? areaChannel)
    {
        var words = OptionPattern().Replace(text, "");
        if (areaChannel is not null)
        {
            words = Regex.Replace(words, @"(?<!\S)#" + Regex.Escape(areaChannel.TrimStart('#')) + @"(?!\S)", "", RegexOptions.IgnoreCase, TimeSpan.FromSeconds(1));
        }

        return SpacePattern().Replace(words, " ").Trim();
    }

    private static Response Problem(IReadOnlyDictionary<string, string> problems) =>
        AdminReplies.Problem(string.Join("\n", problems.Values) + "\nNothing was saved.", Spec);

    [GeneratedRegex("""(?<!\S)(?:area|account|type|urgency|arr)[:=](?:"[^"]*"|“[^”]*”|\S+)""", RegexOptions.IgnoreCase, 1000)]
    private static partial Regex OptionPattern();

    [GeneratedRegex(@"[ \t]{2,}", RegexOptions.None, 1000)]
    private static partial Regex SpacePattern();
}

/// <summary>"Send to product" on a message: opens the form with the message's words, author and link.</summary>
public sealed class SendToProductHandler(IAreaStore areas, IAccountStore accounts) : IShortcutHandler
{
    public const string Shortcut = "send_to_product";

    public async Task<Response> HandleAsync(MessageInbound message, Person person, CancellationToken ct)
    {
        var shared = message.Shared;
        var words = shared?.Text ?? message.Text;
        var prefill = new FeedbackPrefill(
            Verbatim: words,
            Link: shared?.Link,
            Author: shared?.AuthorName);
        return Response.Open(await FeedbackForm.BuildAsync(areas, accounts, prefill, ct));
    }
}
