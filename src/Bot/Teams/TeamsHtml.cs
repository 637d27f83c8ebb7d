using System.Net;
using System.Text.RegularExpressions;

namespace ProductOps.Bot.Teams;

/// <summary>
/// Teams message HTML (a shared message's payload, a message read from Microsoft Graph) as the plain
/// words a person wrote: paragraphs and line breaks kept as lines, list items as "- " lines, mentions
/// as the name, emoji as the emoji, every other tag dropped and entities decoded.
/// </summary>
public static partial class TeamsHtml
{
    public static string PlainText(string html)
    {
        var text = Emoji().Replace(html, "$1");
        text = ListItem().Replace(text, "\n- ");
        text = BlockBreak().Replace(text, "\n");
        text = Tag().Replace(text, "");
        text = WebUtility.HtmlDecode(text).Replace('\u00A0', ' ');
        text = LineEndSpace().Replace(text, "\n");
        return BlankLines().Replace(text, "\n\n").Trim();
    }

    [GeneratedRegex("""<emoji\b[^>]*\balt="([^"]*)"[^>]*>(?:</emoji>)?""", RegexOptions.IgnoreCase, 1000)]
    private static partial Regex Emoji();

    [GeneratedRegex(@"<li\b[^>]*>", RegexOptions.IgnoreCase, 1000)]
    private static partial Regex ListItem();

    [GeneratedRegex(@"<br\s*/?>|</(?:p|div|ul|ol|h[1-6]|tr|blockquote|pre)>", RegexOptions.IgnoreCase, 1000)]
    private static partial Regex BlockBreak();

    [GeneratedRegex("<[^>]+>", RegexOptions.None, 1000)]
    private static partial Regex Tag();

    [GeneratedRegex(@"[ \t]+\n", RegexOptions.None, 1000)]
    private static partial Regex LineEndSpace();

    [GeneratedRegex(@"\n{3,}", RegexOptions.None, 1000)]
    private static partial Regex BlankLines();
}
