namespace ProductOps.Storage.Feedback;

/// <summary>
/// Builds FTS5 match expressions from words people typed. Every word is quoted, so operators and
/// punctuation in user text never reach the query parser. FTS5 is SQLite's; this is the one place
/// that knows its syntax.
/// </summary>
internal static class FtsQuery
{
    /// <summary>Every word must appear; null when there is nothing to search for.</summary>
    public static string? All(string text) => Join(Words(text), " ");

    /// <summary>
    /// Any two of the words must appear (or the one word, when only one is given): near duplicates
    /// share at least two significant words, and pairs keep the match set small on large tables.
    /// </summary>
    public static string? AnyTwo(IReadOnlyList<string> words)
    {
        if (words.Count < 2)
        {
            return Join(words, " OR ");
        }

        var pairs = new List<string>();
        for (var i = 0; i < words.Count; i++)
        {
            for (var j = i + 1; j < words.Count; j++)
            {
                pairs.Add("(" + Join([words[i], words[j]], " AND ") + ")");
            }
        }

        return string.Join(" OR ", pairs);
    }

    private static string? Join(IEnumerable<string> words, string separator)
    {
        var quoted = words.Where(w => w.Length > 0).Select(w => "\"" + w.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"").ToArray();
        return quoted.Length == 0 ? null : string.Join(separator, quoted);
    }

    private static IEnumerable<string> Words(string text)
    {
        var start = -1;
        for (var i = 0; i <= text.Length; i++)
        {
            var letter = i < text.Length && char.IsLetterOrDigit(text[i]);
            if (letter && start < 0)
            {
                start = i;
            }
            else if (!letter && start >= 0)
            {
                yield return text[start..i].ToLowerInvariant();
                start = -1;
            }
        }
    }
}
