namespace ProductOps.Skills.Cadences;

/// <summary>Cadence definitions. Names are unique among cadences not deleted, ignoring case; deleting keeps their cycles and submissions.</summary>
public interface ICadenceStore
{
    Task<IReadOnlyList<Cadence>> ListAsync(CancellationToken ct);

    /// <summary>By name, ignoring case.</summary>
    Task<Cadence?> FindAsync(string name, CancellationToken ct);

    Task<Cadence?> FindAsync(long id, CancellationToken ct);

    /// <summary>Null when a cadence with that name exists.</summary>
    Task<Cadence?> AddAsync(CadenceDraft draft, CancellationToken ct);

    /// <summary>False when the cadence is gone or another one has the new name.</summary>
    Task<bool> UpdateAsync(long id, CadenceDraft draft, CancellationToken ct);

    Task<bool> SetPausedAsync(long id, bool paused, CancellationToken ct);

    Task<bool> DeleteAsync(long id, CancellationToken ct);
}
