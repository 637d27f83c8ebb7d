namespace ProductOps.Skills.Conversation;

/// <summary>"Did you mean …": the known words closest to what was typed, by edit distance and prefix.</summary>
public static class Suggestions
{
    public static IReadOnlyList<string> Closest(string typed, IEnumerable<string> known, int max = 3)
    {
        typed = typed.ToLowerInvariant();
        return known
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .Select(k => (Word: k, Distance: Distance(typed, k.ToLowerInvariant())))
            .Where(x => x.Distance <= Math.Max(2, typed.Length / 3) || x.Word.StartsWith(typed, StringComparison.OrdinalIgnoreCase))
            .OrderBy(x => x.Distance)
            .ThenBy(x => x.Word, StringComparer.Ordinal)
            .Take(max)
            .Select(x => x.Word)
            .ToArray();
    }

    /// <summary>Optimal string alignment distance: insertions, deletions, substitutions and swaps of neighbours.</summary>
    public static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }

        for (var j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                }
            }
        }

        return d[a.Length, b.Length];
    }
}
