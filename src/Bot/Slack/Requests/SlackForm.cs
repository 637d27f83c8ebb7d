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

    /// <summary>The body without the named field (every occurrence), the other fields as sent.</summary>
    public static string Without(string body, string name)
    {
        for (var at = FieldAt(body, name, 0); at >= 0; at = FieldAt(body, name, at))
        {
            var end = body.IndexOf('&', at);
            if (end < 0)
            {
                return at == 0 ? string.Empty : body[..(at - 1)];
            }

            body = string.Concat(body.AsSpan(0, at), body.AsSpan(end + 1));
        }

        return body;
    }

    /// <summary>Where a field with exactly this name starts, from <paramref name="from"/> on; -1 if none.</summary>
    private static int FieldAt(string body, string name, int from)
    {
        for (var at = body.IndexOf(name, from, StringComparison.Ordinal); at >= 0; at = body.IndexOf(name, at + 1, StringComparison.Ordinal))
        {
            var after = at + name.Length;
            if ((at == 0 || body[at - 1] == '&') && (after == body.Length || body[after] is '=' or '&'))
            {
                return at;
            }
        }

        return -1;
    }

    private static string Decode(ReadOnlySpan<char> encoded) =>
        encoded.ContainsAny('%', '+') ? WebUtility.UrlDecode(encoded.ToString()) : encoded.ToString();
}
