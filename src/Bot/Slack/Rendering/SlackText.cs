using System.Text;
using System.Text.RegularExpressions;

namespace ProductOps.Bot.Slack.Rendering;

/// <summary>
/// Slack's mrkdwn text rules. Slack escapes <c>&amp;</c>, <c>&lt;</c> and <c>&gt;</c> in text it sends and
/// wraps mentions, channels and links in angle brackets (<c>&lt;@U123|name&gt;</c>, <c>&lt;#C1|general&gt;</c>):
/// those tokens are exactly what the neutral command-line parser reads, so they are kept and only
/// the text between them is decoded. Outbound, user text is escaped so it can never become a
/// mention (<c>&lt;!channel&gt;</c>) or a link.
/// </summary>
public static partial class SlackText
{
    public static string Escape(string text) =>
        text.Replace("&", "&amp;", StringComparison.Ordinal)
            .Replace("<", "&lt;", StringComparison.Ordinal)
            .Replace(">", "&gt;", StringComparison.Ordinal);

    /// <summary>Decodes the three entities outside <c>&lt;…&gt;</c> tokens; the tokens stay as Slack sent them.</summary>
    public static string Decode(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }

        var result = new StringBuilder(text.Length);
        var i = 0;
        while (i < text.Length)
        {
            var open = text.IndexOf('<', i);
            var close = open < 0 ? -1 : text.IndexOf('>', open);
            var end = close < 0 ? text.Length : open;
            result.Append(Unescape(text[i..end]));
            if (close < 0)
            {
                break;
            }

            result.Append(text, open, close - open + 1);
            i = close + 1;
        }

        return result.ToString();
    }

    /// <summary>Removes mentions of the bot (<c>&lt;@UBOT&gt;</c> or <c>&lt;@UBOT|name&gt;</c>); with no bot id known, a leading mention.</summary>
    public static string StripBotMention(string text, string? botUserId)
    {
        var stripped = botUserId is null
            ? LeadingMention().Replace(text, "", 1)
            : text.Replace($"<@{botUserId}>", "", StringComparison.Ordinal);
        if (botUserId is not null)
        {
            stripped = Regex.Replace(stripped, $@"<@{Regex.Escape(botUserId)}\|[^>]*>", "", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
        }

        return stripped.Trim();
    }

    /// <summary>
    /// Message text as a person reads it, for shared messages: <c>&lt;@U1|ann&gt;</c> becomes <c>@ann</c>,
    /// <c>&lt;#C1|general&gt;</c> <c>#general</c>, <c>&lt;https://x|label&gt;</c> <c>label (https://x)</c>, <c>&lt;!here&gt;</c> <c>@here</c>.
    /// </summary>
    public static string Readable(string? text) =>
        Unescape(Token().Replace(text ?? "", m =>
        {
            var target = m.Groups["target"].Value;
            var label = m.Groups["label"].Success ? m.Groups["label"].Value : null;
            return target[0] switch
            {
                '@' => "@" + (label ?? target[1..]),
                '#' => "#" + (label ?? target[1..]),
                '!' => "@" + (label ?? target[1..].Split('^')[0]),
                _ => label is null || label == target ? target : $"{label} ({target})",
            };
        }));

    private static string Unescape(string text) =>
        text.Replace("&lt;", "<", StringComparison.Ordinal)
            .Replace("&gt;", ">", StringComparison.Ordinal)
            .Replace("&amp;", "&", StringComparison.Ordinal);

    [GeneratedRegex(@"<(?<target>[^<>|]+)(\|(?<label>[^<>]*))?>", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex Token();

    [GeneratedRegex(@"^\s*<@[A-Z0-9]+(\|[^>]*)?>", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex LeadingMention();
}
