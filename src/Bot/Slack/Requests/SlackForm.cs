using System.Net;

namespace ProductOps.Bot.Slack.Requests;

/// <summary>Reads the application/x-www-form-urlencoded bodies Slack posts commands and interactions in.</summary>
public static class SlackForm
{
    /// <summary>The body's fields; a repeated name keeps its first value.</summary>
    public static Dictionary<string, string> Parse(string body)
    {
        var text = body.AsSpan();
        var fields = new Dictionary<string, string>(16, StringComparer.Ordinal);
        foreach (var range in text.Split('&'))
        {
            var pair = text[range];
            if (pair.IsEmpty)
            {
                continue;
            }

            var equals = pair.IndexOf('=');
            fields.TryAdd(Decode(equals < 0 ? pair : pair[..equals]), equals < 0 ? string.Empty : Decode(pair[(equals + 1)..]));
        }

        return fields;
    }

    private static string Decode(ReadOnlySpan<char> encoded) =>
        encoded.ContainsAny('%', '+') ? WebUtility.UrlDecode(encoded.ToString()) : encoded.ToString();
}
