namespace ProductOps.Skills.Metrics;

/// <summary>Objectives, their key results and every check-in.</summary>
public interface IOkrStore
{
    /// <summary>The quarter's objectives with their key results, in the order they were created.</summary>
    Task<IReadOnlyList<Objective>> ListAsync(Quarter quarter, CancellationToken ct);

    Task<Objective?> FindObjectiveAsync(long id, CancellationToken ct);

    Task<KeyResult?> FindKeyResultAsync(long id, CancellationToken ct);

    Task<Objective> AddObjectiveAsync(ObjectiveDraft draft, CancellationToken ct);

    Task<KeyResult> AddKeyResultAsync(KeyResultDraft draft, CancellationToken ct);

    /// <summary>Adds and updates the planned objectives and key results, all or nothing.</summary>
    Task ImportAsync(IReadOnlyList<ObjectivePlan> plan, DateTimeOffset at, CancellationToken ct);

    /// <summary>Records the check-in and makes its value (where given) and confidence the key result's current ones.</summary>
    Task CheckInAsync(CheckIn checkIn, CancellationToken ct);

    /// <summary>Newest first.</summary>
    Task<IReadOnlyList<CheckIn>> HistoryAsync(long keyResultId, CancellationToken ct);
}
