using ProductOps.Skills.Conversation;
using ProductOps.Skills.Metrics;

namespace ProductOps.Skills.Feedback;

/// <summary>
/// The digest's feedback section: open themes (not shipped or declined) with the most ARR asking
/// for them in the last 90 days, each account counted once.
/// </summary>
public sealed class TopThemesDigestSection(IThemeTotals totals) : IDigestSection
{
    public const int Shown = 5;

    public static readonly TimeSpan Window = TimeSpan.FromDays(90);

    /// <summary>Themes ranked by accounts, of which the ones with the most ARR are shown; wide enough that ARR-heavy themes with few accounts are in it.</summary>
    private const int Candidates = 500;

    public async Task<Markup?> BuildAsync(DateTimeOffset now, CancellationToken ct)
    {
        var top = (await totals.RankAsync(new ThemeQuery(null, null, now - Window, Candidates), ct))
            .Where(t => t.Theme.Status is not ("shipped" or "declined") && t.Arr > 0)
            .OrderByDescending(t => t.Arr)
            .ThenByDescending(t => t.Accounts)
            .Take(Shown)
            .ToArray();
        if (top.Length == 0)
        {
            return null;
        }

        var lines = top.Select((t, i) => Markup.Of($"{i + 1}. ") + FeedbackReplies.Totals(t) + Markup.Of($" · {FeedbackVocabulary.StatusLabel(t.Theme.Status)}"));
        return Markup.Of($"{Md.Bold("Top feedback themes by ARR, last 90 days")}\n") + lines.Aggregate((a, b) => a + "\n" + b)
               + Markup.Of($"\n{Md.Code("/feedback themes")} ranks them all; {Md.Code("/feedback show T<n>")} shows who asked.");
    }
}
