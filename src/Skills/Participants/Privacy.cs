using ProductOps.Skills.Conversation;

namespace ProductOps.Skills.Participants;

/// <summary>
/// Who sees a participant's e-mail and notes: admins, the account's owner, and the PM who confirmed
/// them for a study. Everyone else sees names and accounts.
/// </summary>
public static class Privacy
{
    public static bool MaySeeDetails(Person viewer, Candidate candidate, IEnumerable<Contact> ledger) =>
        viewer.Has(Role.Admin)
        || candidate.Account.OwnerId == viewer.Id
        || ledger.Any(c => c.ParticipantId == candidate.Person.Id && c.AskedBy == viewer.Id && c.Status != ContactStatus.Released);
}
