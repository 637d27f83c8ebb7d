using ProductOps.Skills.Conversation;

namespace ProductOps.Skills.Admin;

/// <summary>
/// A change to record: who made it (a person, or the configuration when <paramref name="ActorId"/> is
/// null), what they did, to what, and the state before and after as short text.
/// </summary>
public sealed record AuditChange(long? ActorId, string ActorName, string Action, string Subject, string? Before, string? After)
{
    public static AuditChange By(Person actor, string action, string subject, string? before, string? after) =>
        new(actor.Id, actor.Name, action, subject, before, after);
}

/// <summary>A recorded change with the time it was written.</summary>
public sealed record AuditEntry(long Id, DateTimeOffset At, long? ActorId, string ActorName, string Action, string Subject, string? Before, string? After);

/// <summary>Who changed what, and when: every admin change, status change and participant contact.</summary>
public interface IAuditLog
{
    Task WriteAsync(AuditChange change, CancellationToken ct);

    /// <summary>The newest <paramref name="count"/> entries, newest first.</summary>
    Task<IReadOnlyList<AuditEntry>> LatestAsync(int count, CancellationToken ct);
}

/// <summary>The actions admin commands record, so readers of the log can filter on stable names.</summary>
public static class AuditActions
{
    public const string RoleGrant = "role.grant";
    public const string RoleRemove = "role.remove";
    public const string AreaAdd = "area.add";
    public const string AreaEdit = "area.edit";
    public const string AreaRemove = "area.remove";
    public const string TokenCreate = "token.create";
    public const string TokenRevoke = "token.revoke";
}

/// <summary>How people and roles are written in audit records: short, and readable without a lookup.</summary>
public static class AuditText
{
    public static string Person(string name, string handle) => $"{name} (@{handle})";

    public static string Person(Person person) => Person(person.Name, person.Handle);

    public static string Roles(IEnumerable<Role> roles)
    {
        var keys = roles.Order().Select(RoleNames.Key).ToArray();
        return keys.Length == 0 ? "none" : string.Join(", ", keys);
    }
}
