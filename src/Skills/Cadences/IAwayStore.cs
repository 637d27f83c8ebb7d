namespace ProductOps.Skills.Cadences;

/// <summary>Who is away: they are not nudged or reminded, and show as away rather than missing.</summary>
public interface IAwayStore
{
    /// <summary>Away up to and including <paramref name="until"/>; null clears it.</summary>
    Task SetAsync(long personId, DateOnly? until, CancellationToken ct);

    /// <summary>Everyone with an away date, by person id.</summary>
    Task<IReadOnlyDictionary<long, DateOnly>> ListAsync(CancellationToken ct);
}
