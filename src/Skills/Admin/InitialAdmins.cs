using ProductOps.Skills.Conversation;

namespace ProductOps.Skills.Admin;

/// <summary>
/// The e-mail addresses or handles of the people who are admins from the start (ProductOps:Admins),
/// so a fresh install has someone who can grant roles in chat.
/// </summary>
public sealed class InitialAdmins(IEnumerable<string> emailsOrHandles)
{
    public const string ActorName = "configuration (ProductOps:Admins)";

    public static readonly InitialAdmins None = new([]);

    private readonly HashSet<string> _entries = emailsOrHandles
        .Select(e => e.Trim().TrimStart('@'))
        .Where(e => e.Length > 0)
        .ToHashSet(StringComparer.OrdinalIgnoreCase);

    public bool Includes(string handle, string? email) =>
        _entries.Contains(handle) || (email is not null && _entries.Contains(email));

    /// <summary>The audit record for a grant made because of this list.</summary>
    public static AuditChange Grant(string subject, IEnumerable<Role> before, IEnumerable<Role> after) =>
        new(null, ActorName, AuditActions.RoleGrant, subject, AuditText.Roles(before), AuditText.Roles(after));
}
