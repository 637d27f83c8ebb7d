using System.Text;

namespace ProductOps.Skills.Conversation;

/// <summary>
/// Reads command text into <see cref="Args"/>: words, "quoted strings" (straight or typographic
/// quotes, which Slack and Teams clients substitute), <c>key=value</c> and <c>key:value</c>,
/// people (<c>@handle</c>, <c>&lt;@U123|name&gt;</c>) and channels (<c>#name</c>, <c>&lt;#C123|name&gt;</c>).
/// </summary>
public static class CommandLine
{
    private const string OpeningQuotes = "\"“„”";
    private const string ClosingQuotes = "\"”“";

    public static Args Parse(string? text)
    {
        text = (text ?? "").Trim();
        var args = new List<Arg>();
        var i = 0;
        while (i < text.Length)
        {
            if (char.IsWhiteSpace(text[i]))
            {
                i++;
                continue;
            }

            args.Add(ReadArg(text, ref i));
        }

        return new Args(args, text);
    }

    /// <summary>Splits off the first <paramref name="count"/> bare words; used by the router to find sub-commands.</summary>
    public static IReadOnlyList<string> LeadingWords(string text, int count) =>
        text.Split((char[]?)null, count + 1, StringSplitOptions.RemoveEmptyEntries).Take(count).ToArray();

    private static Arg ReadArg(string text, ref int i)
    {
        var start = i;
        var key = TryReadKey(text, ref i);
        if (i >= text.Length || char.IsWhiteSpace(text[i]))
        {
            // "Note:" or "x=" with nothing after: not an option, just a word.
            return new Arg(text[start..i], ArgKind.Word);
        }

        var c = text[i];
        if (OpeningQuotes.Contains(c, StringComparison.Ordinal))
        {
            return new Arg(ReadQuoted(text, ref i), ArgKind.Quoted, key);
        }

        if (c == '<' && TryReadPlatformRef(text, ref i, key) is { } platformRef)
        {
            return platformRef;
        }

        var word = ReadWord(text, ref i);
        if (word.Length > 1 && word[0] == '@')
        {
            return new Arg(word[1..], ArgKind.Person, key);
        }

        if (word.Length > 1 && word[0] == '#')
        {
            return new Arg(word[1..], ArgKind.Channel, key);
        }

        return new Arg(word, ArgKind.Word, key);
    }

    private static string? TryReadKey(string text, ref int i)
    {
        if (!char.IsLetter(text[i]))
        {
            return null;
        }

        var j = i;
        while (j < text.Length && (char.IsLetterOrDigit(text[j]) || text[j] is '_' or '-' or '.'))
        {
            j++;
        }

        if (j == i || j >= text.Length || text[j] is not ('=' or ':'))
        {
            return null;
        }

        // "https://…" and "mailto:…" are values, not options.
        if (text[j] == ':' && (text.AsSpan(j).StartsWith("://") || text.AsSpan(i, j - i).Equals("mailto", StringComparison.OrdinalIgnoreCase)))
        {
            return null;
        }

        var key = text[i..j];
        i = j + 1;
        return key;
    }

    private static string ReadQuoted(string text, ref int i)
    {
        var open = i;
        i++;
        var value = new StringBuilder();
        while (i < text.Length && !ClosingQuotes.Contains(text[i], StringComparison.Ordinal))
        {
            if (text[i] == '\\' && i + 1 < text.Length && ClosingQuotes.Contains(text[i + 1], StringComparison.Ordinal))
            {
                i++;
            }

            value.Append(text[i]);
            i++;
        }

        if (i >= text.Length)
        {
            var shown = text[open..Math.Min(text.Length, open + 20)];
            throw new ArgsException($"The quote that starts at `{shown}` is never closed. Add a closing \" after the value.");
        }

        i++;
        return value.ToString();
    }

    private static Arg? TryReadPlatformRef(string text, ref int i, string? key)
    {
        var close = text.IndexOf('>', i);
        if (close < 0)
        {
            return null;
        }

        var inner = text[(i + 1)..close];
        var bar = inner.IndexOf('|', StringComparison.Ordinal);
        var target = bar < 0 ? inner : inner[..bar];
        var label = bar < 0 ? null : inner[(bar + 1)..];
        Arg? arg = target switch
        {
            ['@', .. var id] when id.Length > 0 => new Arg(label ?? id, ArgKind.Person, key, id),
            ['#', .. var id] when id.Length > 0 => new Arg(label ?? id, ArgKind.Channel, key, id),
            _ when target.StartsWith("http", StringComparison.OrdinalIgnoreCase) || target.StartsWith("mailto:", StringComparison.OrdinalIgnoreCase)
                => new Arg(target, ArgKind.Word, key),
            _ => null,
        };
        if (arg is not null)
        {
            i = close + 1;
        }

        return arg;
    }

    private static string ReadWord(string text, ref int i)
    {
        var start = i;
        while (i < text.Length && !char.IsWhiteSpace(text[i]))
        {
            i++;
        }

        return text[start..i];
    }
}
