namespace ProductOps.Skills.Cadences;

/// <summary>Cycles of cadences, who takes part in each, and their submissions.</summary>
public interface ICycleStore
{
    /// <summary>
    /// Opens the cycle that starts at <paramref name="opensAt"/> with its members, numbered after the
    /// cadence's last one. Opening the same start again returns the stored cycle, so a job that runs
    /// twice opens one cycle.
    /// </summary>
    Task<Cycle> OpenAsync(long cadenceId, DateTimeOffset opensAt, DateTimeOffset dueAt, IReadOnlyList<CycleMember> members, CancellationToken ct);

    Task<Cycle?> FindAsync(long cycleId, CancellationToken ct);

    Task<Cycle?> LatestAsync(long cadenceId, CancellationToken ct);

    Task<IReadOnlyList<CycleMember>> MembersAsync(long cycleId, CancellationToken ct);

    /// <summary>True only for the call that closed it.</summary>
    Task<bool> CloseAsync(long cycleId, DateTimeOffset at, CancellationToken ct);

    /// <summary>Stores or replaces the person's answers; the first submission time is kept.</summary>
    Task<Submission> SaveAsync(long cycleId, long personId, IReadOnlyDictionary<string, string> answers, bool late, CancellationToken ct);

    Task<IReadOnlyList<Submission>> SubmissionsAsync(long cycleId, CancellationToken ct);

    /// <summary>The person's latest answers to the cadence before <paramref name="beforeCycleId"/>, to prefill the next form.</summary>
    Task<Submission?> PreviousAsync(long cadenceId, long personId, long beforeCycleId, CancellationToken ct);
}
