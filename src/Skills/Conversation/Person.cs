namespace ProductOps.Skills.Conversation;

/// <summary>The roles a person can hold; a person may hold several.</summary>
public enum Role
{
    Admin,
    Pm,
    Leader,
    Gtm,
    AccountOwner,
}

/// <summary>A person of the organisation, known by one or more chat identities (linked by e-mail where both exist).</summary>
public sealed record Person(
    long Id,
    string Name,
    string Handle,
    string? Email,
    string? TimeZone,
    IReadOnlySet<Role> Roles,
    IReadOnlyList<ChatIdentity> Identities)
{
    public bool Has(Role role) => Roles.Contains(role);

    public ChatIdentity? IdentityOn(string platform) => Identities.FirstOrDefault(i => i.Platform == platform);
}
