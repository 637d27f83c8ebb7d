using ProductOps.Skills.Conversation;

namespace ProductOps.Skills.Admin;

/// <summary>People of the organisation, their chat identities and roles.</summary>
public interface IPeopleStore : IPersonResolver
{
    Task<Person?> FindAsync(long id, CancellationToken ct);

    Task<Person?> FindByIdentityAsync(ChatIdentity identity, CancellationToken ct);

    /// <summary>By handle or e-mail address, case-insensitive.</summary>
    Task<Person?> FindByHandleAsync(string handleOrEmail, CancellationToken ct);

    Task<IReadOnlyList<Person>> ListAsync(CancellationToken ct);

    Task<Person> AddAsync(NewPerson person, CancellationToken ct);

    Task SetRolesAsync(long personId, IReadOnlySet<Role> roles, CancellationToken ct);
}

public sealed record NewPerson(
    string Name,
    string Handle,
    string? Email,
    string? TimeZone,
    IReadOnlySet<Role> Roles,
    IReadOnlyList<ChatIdentity> Identities);
