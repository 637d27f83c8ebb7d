using ProductOps.Skills.Conversation;

namespace ProductOps.Skills.Admin;

/// <summary>People of the organisation, their chat identities and roles.</summary>
public interface IPeopleStore : IPersonResolver
{
    Task<Person?> FindAsync(long id, CancellationToken ct);
}
