using ProductOps.Skills.Admin;
using ProductOps.Skills.Conversation;

namespace ProductOps.Skills.Feedback;

/// <summary>
/// Who may triage: the owner PM of the area, or an admin. Anyone may submit, search and read.
/// Feedback with no area is product ops' to triage, so only admins.
/// </summary>
public static class FeedbackAccess
{
    public static bool CanManage(Person person, Area? area) => person.Has(Role.Admin) || (area is not null && area.OwnerId == person.Id);

    /// <summary>A refusal naming who can <paramref name="what"/>, or null when the person may.</summary>
    public static async Task<Response?> RefusalAsync(Person person, Area? area, string what, IPeopleStore people, CancellationToken ct)
    {
        if (CanManage(person, area))
        {
            return null;
        }

        if (area is null)
        {
            return Response.Say(Markup.Of($"Only an admin can {what} while it has no product area. Move it to an area first, or ask product ops."));
        }

        var owner = await people.FindAsync(area.OwnerId, ct);
        var who = owner is null ? Markup.Text("the owner of " + area.Name) : Markup.Of($"{Md.User(owner)} (PM of {Md.Bold(area.Name)})");
        return Response.Say(Markup.Of($"Only {who} or an admin can {what} in {Md.Bold(area.Name)}. Ask them, or use {Md.Code("/feedback show")} to read it."));
    }
}
