using System.Text.RegularExpressions;
using ProductOps.Skills.Accounts;
using ProductOps.Skills.Admin;
using ProductOps.Skills.Conversation;

namespace ProductOps.Skills.Feedback;

/// <summary>
/// <c>/feedback</c> opens the form; <c>/feedback &lt;words&gt; area:… account:… type:… urgency:… arr:…</c>
/// captures in one line, and opens the form prefilled when the area or the account is missing.
/// Typed as a reply in a thread, the customer's words are the thread's first message, with its
/// author and link as the source, and the options typed apply to it.
/// </summary>
public sealed partial class SubmitFeedbackHandler(
    IAreaStore areas,
    IAccountStore accounts,
    FeedbackLookup lookup,
    FeedbackInput input,
    FeedbackCapture capture,
    IEnumerable<IThreadReader> threads)
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

    private static readonly string[] Options = ["area", "account", "type", "urgency", "arr"];

    /// <summary>Said where the platform has no way for the bot to read a thread's first message.</summary>
    private const string ThreadUnreadable =
        "I can't read the first message of a thread here. To send it, use \"Send to product\" in that message's menu (… → More actions).";

    public async Task<Response> HandleAsync(CommandRequest request, CancellationToken ct)
    {
        var args = request.Args;
        if (args.Repeated(Options) is { } twice)
        {
            return Problem(new Dictionary<string, string> { [twice] = $"{twice}: is given more than once; give it once." });
        }

        var areaArg = args.Named("area")?.Value;
        foreach (var channel in args.Positional.Where(a => a.Kind == ArgKind.Channel))
        {
            if (areaArg is null && (await lookup.AreaAsync(channel.Value, ct)).Area is not null)
            {
                areaArg = channel.Value;
            }
        }

        var words = new SharedMessage(Strip(args.Text, areaArg), null, null, null);
        Reply? note = null;
        if (request.Inbound.ThreadId is { } thread)
        {
            var reader = threads.FirstOrDefault(r => r.Platform == request.Inbound.From.Identity.Platform);
            var root = reader is null ? null : await reader.FirstMessageAsync(request.Inbound.From.Identity, request.Inbound.Where, thread, ct);
            var unread = root is null
                ? ThreadUnreadable
                : $"I could not capture the first message of this thread: {root.Problem ?? "it has no words"}.";
            if (root?.Message is { } first && first.Text.Trim().Length > 0)
            {
                words = first;
            }
            else if (words.Text.Length == 0)
            {
                var instead = root is null ? "" : " Try \"Send to product\" on that message instead.";
                return Response.Say(unread + " Nothing was saved." + instead);
            }
            else
            {
                // The person's own words after "feedback" are worth keeping when the thread cannot be read.
                note = Reply.Say(unread + " I took the words you wrote after \"feedback\" instead.");
            }
        }

        var raw = new RawFeedback(
            args.Named("account")?.Value,
            areaArg,
            args.Named("type")?.Value,
            args.Named("urgency")?.Value,
            args.Named("arr")?.Value,
            words.Text,
            words.Link,
            words.AuthorName,
            true);
        var response = await CaptureOrOpenAsync(request.Person, raw, ct);
        return note is null ? response : response with { Replies = [note, .. response.Replies] };
    }

    private async Task<Response> CaptureOrOpenAsync(Person person, RawFeedback raw, CancellationToken ct)
    {
        if (raw.Area is null || raw.Account is null || raw.Verbatim.Length == 0)
        {
            // The form asks for the words; wrong options are still refused here, before it opens.
            var problems = (await input.ReadAsync(raw, ct)).Problems.Where(p => p.Key != "verbatim").ToDictionary();
            if (problems.Count > 0)
            {
                return Problem(problems);
            }

            var prefill = new FeedbackPrefill(
                raw.Account,
                raw.Area is null ? null : (await lookup.AreaAsync(raw.Area, ct)).Area?.Name,
                raw.Type is null ? null : FeedbackVocabulary.Type(raw.Type),
                raw.Urgency is null ? null : FeedbackVocabulary.Urgency(raw.Urgency),
                raw.Arr,
                raw.Verbatim.Length == 0 ? null : raw.Verbatim,
                raw.Link,
                raw.Author);
            return Response.Open(await FeedbackForm.BuildAsync(areas, accounts, prefill, ct));
        }

        var (draft, found) = await input.ReadAsync(raw, ct);
        return draft is null ? Problem(found) : await capture.SubmitAsync(person, draft, ct);
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
