namespace ProductOps.Skills.Admin;

/// <summary>A product area: where feedback about it is triaged and which PM owns it.</summary>
public sealed record Area(long Id, string Name, IReadOnlyList<string> Aliases, long OwnerId, string Channel);

/// <summary>The fields of an area to add, or its new fields when editing.</summary>
public sealed record AreaDraft(string Name, IReadOnlyList<string> Aliases, long OwnerId, string Channel);

/// <summary>What is filed under an area, and would be left with none if it went.</summary>
public sealed record AreaUsage(int FeedbackItems, int Themes)
{
    public bool IsEmpty => FeedbackItems == 0 && Themes == 0;
}

/// <summary>Product areas. Names and aliases are unique across areas, ignoring case.</summary>
public interface IAreaStore
{
    Task<IReadOnlyList<Area>> ListAsync(CancellationToken ct);

    /// <summary>The area with this name or alias, ignoring case.</summary>
    Task<Area?> FindAsync(string nameOrAlias, CancellationToken ct);

    /// <summary>Adds the area; null when an area with that name already exists.</summary>
    Task<Area?> AddAsync(AreaDraft area, CancellationToken ct);

    /// <summary>Replaces the area's fields; false when it no longer exists.</summary>
    Task<bool> UpdateAsync(long id, AreaDraft area, CancellationToken ct);

    /// <summary>False when it no longer exists.</summary>
    Task<bool> RemoveAsync(long id, CancellationToken ct);

    Task<AreaUsage> UsageAsync(long id, CancellationToken ct);
}
