namespace ProductOps.Skills.Metrics;

/// <summary>
/// One objective of an OKR import: new (<paramref name="Id"/> null) or an existing one to update.
/// Its parent is an existing objective (<paramref name="ParentId"/>) or another objective of the same
/// import (<paramref name="ParentInPlan"/>, its index), so a file can hold parents and children.
/// </summary>
public sealed record ObjectivePlan(
    long? Id,
    string Title,
    long OwnerId,
    string Team,
    Quarter Quarter,
    long? ParentId,
    int? ParentInPlan,
    IReadOnlyList<KeyResultPlan> KeyResults);

/// <summary>A key result to add (<paramref name="Id"/> null) or to update; an update keeps its current value and check-ins.</summary>
public sealed record KeyResultPlan(long? Id, string Title, long OwnerId, string? MetricKey, double Start, double Target, MetricUnit Unit);
