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

    /// <summary>Any of the words may appear, better matches first.</summary>
    public static string? Any(IEnumerable<string> words) => Join(words, " OR ");

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
