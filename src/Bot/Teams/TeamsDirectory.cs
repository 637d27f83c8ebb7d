using Microsoft.Extensions.Options;
using ProductOps.Bot.Teams.Connector;
using ProductOps.Skills.Conversation;
using ProductOps.Storage.Teams;

namespace ProductOps.Bot.Teams;

/// <summary>
/// Remembers the Teams users and conversations the bot meets (for proactive messages), learns a
/// user's e-mail from the member API so the person links to their other chat identities, and opens
/// 1:1 chats with users.
/// </summary>
public sealed class TeamsDirectory(
    SqlTeamsReferences references, ConnectorClient connector, TrustedServiceUrls trusted, IOptions<TeamsOptions> options, TimeProvider clock, ILogger<TeamsDirectory> log)
{
    /// <summary>How often the member API is asked for a user's e-mail.</summary>
    public static readonly TimeSpan EmailRecheck = TimeSpan.FromDays(1);

    /// <summary>How soon it is asked again when it did not answer: until it does, the user is not linked to their other chat accounts.</summary>
    public static readonly TimeSpan EmailRetry = TimeSpan.FromMinutes(10);

    /// <summary>The sender of an authenticated activity as a chat user, with their e-mail where Teams tells it.</summary>
    public async Task<ChatUser> RememberAsync(Activity activity, CancellationToken ct)
    {
        var identity = TeamsInbound.Identity(activity);
        if (identity.Tenant.Length == 0 || activity.From?.Id is not { } userId || activity.ServiceUrl is not { } serviceUrl)
        {
            return TeamsInbound.User(activity, null);
        }

        var personal = TeamsInbound.IsPersonal(activity) ? activity.Conversation?.Id : null;
        var known = await references.SeenAsync(
            new TeamsUser(identity.Tenant, identity.UserId, userId, activity.From.AadObjectId, activity.From.Name, serviceUrl, PersonalConversationId: personal), ct);
        var email = known.Email;
        var now = clock.GetUtcNow();
        if (known.EmailCheckedAt is not { } checkedAt || now - checkedAt >= EmailRecheck)
        {
            var (answered, found) = await LookUpEmailAsync(activity, serviceUrl, userId, ct);
            email = found ?? email;

            // An unanswered lookup counts as a check made long enough ago to ask again after EmailRetry.
            await references.SetEmailAsync(identity.Tenant, identity.UserId, email, answered ? now : now - EmailRecheck + EmailRetry, ct);
        }

        return TeamsInbound.User(activity, email);
    }

    /// <summary>
    /// The message with the AAD object id of each person it mentions, where the mention lacks it and
    /// the bot has met them: people are known by that id, while a mention may name only the 29: id.
    /// </summary>
    public async Task<Activity> IdentifyMentionsAsync(Activity activity, CancellationToken ct)
    {
        bool Unidentified(Entity e) =>
            e is { Type: "mention", Mentioned: { Id: { } id, AadObjectId: null } } && !string.Equals(id, activity.Recipient?.Id, StringComparison.OrdinalIgnoreCase);

        if (TeamsInbound.Tenant(activity) is not { Length: > 0 } tenant || activity.Entities?.Any(Unidentified) != true)
        {
            return activity;
        }

        var identified = new List<Entity>(activity.Entities.Count);
        foreach (var entity in activity.Entities)
        {
            var user = Unidentified(entity) ? await references.FindUserByIdAsync(tenant, entity.Mentioned!.Id!, ct) : null;
            identified.Add(user?.AadObjectId is { } aad ? entity with { Mentioned = entity.Mentioned! with { AadObjectId = aad } } : entity);
        }

        return activity with { Entities = identified };
    }

    /// <summary>
    /// The user's 1:1 chat with the bot: the stored one, or a new one (Teams returns the existing
    /// chat when there is one). Fails with the connector's answer when Teams refuses.
    /// </summary>
    public async Task<(string? ConversationId, ConnectorResult? Failure)> PersonalChatAsync(TeamsUser user, CancellationToken ct)
    {
        // Stored users come only from authenticated activities, so their service URL is a Bot Connector's.
        trusted.Trust(user.ServiceUrl);
        if (user.PersonalConversationId is { } known)
        {
            return (known, null);
        }

        var created = await connector.CreateConversationAsync(
            user.ServiceUrl,
            new ConversationParameters(
                new ChannelAccount("28:" + options.Value.AppId, options.Value.BotName),
                [new ChannelAccount(user.UserId)],
                new TeamsChannelData { Tenant = new IdAndName(user.TenantId) })
            {
                TenantId = user.TenantId,
            },
            ct);
        if (!created.IsSuccess || created.Id is null)
        {
            return (null, created);
        }

        await references.SetPersonalConversationAsync(user.TenantId, user.UserKey, created.Id, ct);
        return (created.Id, null);
    }

    /// <summary>The e-mail the member API tells (or its UPN when that is an address); not answered when Teams failed to say.</summary>
    private async Task<(bool Answered, string? Email)> LookUpEmailAsync(Activity activity, string serviceUrl, string userId, CancellationToken ct)
    {
        if (activity.Conversation?.Id is not { } conversation)
        {
            return (false, null);
        }

        try
        {
            var member = await connector.GetMemberAsync(serviceUrl, TeamsInbound.BaseConversation(conversation), userId, ct);
            return member is null
                ? (false, null)
                : (true, member.Email ?? (member.UserPrincipalName is { } upn && upn.Contains('@', StringComparison.Ordinal) ? upn : null));
        }
        catch (HttpRequestException e)
        {
            // The person still gets their turn; they are linked by e-mail once the lookup is answered.
            log.LogWarning(e, "Could not look up the e-mail of Teams user {UserId}", userId);
            return (false, null);
        }
        catch (TaskCanceledException e) when (!ct.IsCancellationRequested)
        {
            log.LogWarning(e, "Looking up the e-mail of Teams user {UserId} timed out", userId);
            return (false, null);
        }
    }
}
