namespace ProductOps.Skills.Feedback;

/// <summary>Demand read from the items of themes, each account counted once.</summary>
public interface IThemeTotals
{
    Task<ThemeTotals> TotalsAsync(Theme theme, CancellationToken ct);

    /// <summary>Themes ranked by unique accounts, then their ARR.</summary>
    Task<IReadOnlyList<ThemeTotals>> RankAsync(ThemeQuery query, CancellationToken ct);

    /// <summary>Every item of the theme, newest first: who raised it and for which account.</summary>
    Task<IReadOnlyList<FeedbackView>> ItemsAsync(long themeId, CancellationToken ct);
}
