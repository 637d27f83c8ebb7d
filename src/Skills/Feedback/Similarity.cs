namespace ProductOps.Skills.Feedback;

/// <summary>
/// How close two pieces of feedback are. Full-text search finds candidates; this scores them in
/// 0–1 as the cosine of their sets of significant word stems, so one threshold works for short and
/// long texts alike.
/// </summary>
public static class Similarity
{
    // The longest words carry the most meaning; a bounded number keeps the candidate query fast at a million items.
    private const int MaxTerms = 8;

    // Common English words, and the words sales and support wrap every request in ("asked twice
    // on the renewal call"): shared by unrelated feedback, they would make it look alike.
    private static readonly HashSet<string> StopWords = new(StringComparer.Ordinal)
    {
        "again", "ask", "asked", "asking", "call", "director", "important", "mentioned", "please", "qbr", "quarter", "renewal",
        "team", "three", "ticket", "twice", "users", "week",
        "a", "about", "after", "all", "also", "an", "and", "any", "are", "as", "at", "be", "because", "been", "but", "by", "can", "cannot",
        "could", "customer", "customers", "did", "do", "does", "don", "for", "from", "get", "had", "has", "have", "he", "her", "his", "how",
        "i", "if", "in", "into", "is", "it", "its", "just", "like", "me", "more", "my", "need", "needs", "no", "not", "now", "of", "on",
        "one", "or", "our", "out", "really", "said", "say", "says", "she", "so", "some", "than", "that", "the", "their", "them", "then",
        "there", "they", "this", "to", "too", "up", "us", "very", "want", "wants", "was", "we", "were", "what", "when", "which", "while",
        "who", "will", "with", "would", "you", "your",
    };

    /// <summary>The significant stems of a text, in order of first appearance.</summary>
    public static IReadOnlyList<string> Stems(string text)
    {
        var stems = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var word in Words(text))
        {
            if (word.Length < 2 || StopWords.Contains(word))
            {
                continue;
            }

            var stem = Stem(word);
            if (seen.Add(stem))
            {
                stems.Add(stem);
            }
        }

        return stems;
    }

    /// <summary>The words to ask full-text search for: significant words, longest first, a bounded number.</summary>
    public static IReadOnlyList<string> SearchTerms(string text) =>
        Words(text).Where(w => w.Length >= 3 && !StopWords.Contains(w))
            .Distinct(StringComparer.Ordinal)
            .OrderByDescending(w => w.Length)
            .Take(MaxTerms)
            .ToArray();

    public static double Score(IReadOnlyCollection<string> a, IReadOnlyCollection<string> b)
    {
        if (a.Count == 0 || b.Count == 0)
        {
            return 0;
        }

        var shared = a.Intersect(b, StringComparer.Ordinal).Count();
        return shared / Math.Sqrt((double)a.Count * b.Count);
    }

    public static double Score(string a, string b) => Score(Stems(a), Stems(b));

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

    /// <summary>A light suffix strip, close enough to the index's Porter stemmer for scoring.</summary>
    private static string Stem(string word)
    {
        foreach (var suffix in (ReadOnlySpan<string>)["ing", "ed", "es", "s"])
        {
            if (word.Length > suffix.Length + 2 && word.EndsWith(suffix, StringComparison.Ordinal) && !word.EndsWith("ss", StringComparison.Ordinal))
            {
                return word[..^suffix.Length];
            }
        }

        return word;
    }
}
