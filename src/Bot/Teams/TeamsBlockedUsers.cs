using ProductOps.Skills.Admin;
using ProductOps.Skills.Conversation;
using ProductOps.Storage.Teams;

namespace ProductOps.Bot.Teams;

/// <summary>
/// Teams users who blocked or uninstalled the bot (403 MessageWritesBlocked and the like): marked
/// unreachable, so proactive messages stop trying them until they talk to the bot again, and
/// admins are told once, whichever message found out.
/// </summary>
public sealed class TeamsBlockedUsers(SqlTeamsReferences references, IPeopleStore people, IOutbox outbox, ILogger<TeamsBlockedUsers> log)
{
    public async Task MarkAsync(TeamsUser user, CancellationToken ct)
    {
        if (!await references.MarkBlockedAsync(user.TenantId, user.UserKey, ct))
        {
            return;
        }

        var person = await people.FindByIdentityAsync(new ChatIdentity(Platforms.Teams, user.TenantId, user.UserKey), ct);
        var name = person?.Name ?? user.Name ?? user.UserKey;
        log.LogWarning("Teams user {UserKey} blocked or uninstalled the bot; marked unreachable", user.UserKey);
        foreach (var admin in (await people.ListAsync(ct)).Where(p => p.Has(Role.Admin) && p.Id != person?.Id))
        {
            await outbox.EnqueueAsync(
                new OutboundMessage(
                    $"teams:blocked:{user.TenantId}:{user.UserKey}:{user.UserId}:{admin.Id}",
                    new PersonRecipient(admin.Id),
                    Reply.Say(Markup.Of($"{Md.Bold(name)} blocked or uninstalled ProductOps in Teams, so messages to them there fail until they add the app again."))),
                ct);
        }
    }
}
