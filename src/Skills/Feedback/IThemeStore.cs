namespace ProductOps.Skills.Feedback;

/// <summary>Themes: created, found by id or title, linked to items, merged, and given a status.</summary>
public interface IThemeStore
{
    Task<Theme> CreateAsync(string title, long? areaId, long createdBy, CancellationToken ct);

    Task<Theme?> FindAsync(long id, CancellationToken ct);

    /// <summary>Themes whose title matches the words (an exact title first), merged ones left out.</summary>
    Task<IReadOnlyList<Theme>> MatchTitleAsync(string words, int limit, CancellationToken ct);

    /// <summary>Puts the items in the theme (taking them out of any other).</summary>
    Task LinkAsync(IReadOnlyList<long> itemIds, long themeId, CancellationToken ct);

    /// <summary>Moves every item of <paramref name="fromId"/> into <paramref name="intoId"/> and marks the first as merged; returns how many items moved.</summary>
    Task<int> MergeAsync(long fromId, long intoId, CancellationToken ct);

    /// <summary>Gives the theme a new title; searches find it by the new one.</summary>
    Task RenameAsync(long themeId, string title, CancellationToken ct);

    /// <summary>Sets the status and records the change in the theme's history.</summary>
    Task<StatusChange> SetStatusAsync(long themeId, string status, string? note, long changedBy, CancellationToken ct);

    Task<IReadOnlyList<StatusChange>> HistoryAsync(long themeId, CancellationToken ct);
}
