using System.Net;
using Microsoft.Extensions.Options;
using ProductOps.Bot.Outbox;
using ProductOps.Bot.Teams.Connector;
using ProductOps.Skills.Conversation;
using ProductOps.Storage.Teams;

namespace ProductOps.Bot.Teams;

/// <summary>
/// Delivers proactive messages in Teams: to a person's 1:1 chat with the bot (opened when needed,
/// from the reference stored when they first talked to the bot or installed it), or to a channel
/// or group chat the bot was added to. Throttling and gateway errors are retried by the outbox,
/// after Retry-After; a user who blocked the bot is marked unreachable and admins are told once.
/// </summary>
public sealed class TeamsSender(
    SqlTeamsReferences references,
    TeamsDirectory directory,
    ConnectorClient connector,
    TrustedServiceUrls trusted,
    TeamsBlockedUsers blocked,
    IOptions<TeamsOptions> options) : IMessageSender
{
    public string Platform => Platforms.Teams;

    public bool IsConfigured => options.Value.HasCredentials;

    public async Task<SendResult> SendAsync(Delivery delivery, CancellationToken ct)
    {
        var message = TeamsReplies.Message(delivery.Reply);
        switch (delivery.To)
        {
            case PersonRecipient when delivery.Identity is { Platform: Platforms.Teams } identity:
                var user = await references.FindUserAsync(identity.Tenant, identity.UserId, ct);
                if (user is null)
                {
                    return SendResult.Failed("The person has not used ProductOps in Teams yet, so Teams allows no message to them; they need to install the app.");
                }

                if (user.BlockedAt is not null)
                {
                    return SendResult.Failed("The person blocked or uninstalled ProductOps in Teams.");
                }

                var (chat, failure) = await directory.PersonalChatAsync(user, ct);
                if (chat is null)
                {
                    return await SettleAsync(failure!, user, delivery, ct);
                }

                return await SettleAsync(await connector.SendAsync(user.ServiceUrl, chat, message, ct), user, delivery, ct);
            case ChannelRecipient channel:
                var conversation = await references.FindConversationAsync(channel.Channel, ct);
                if (conversation is null)
                {
                    return SendResult.Failed($"ProductOps is not installed in a Teams channel or chat called \"{channel.Channel}\".");
                }

                trusted.Trust(conversation.ServiceUrl);
                return await SettleAsync(await connector.SendAsync(conversation.ServiceUrl, conversation.ConversationId, message, ct), null, delivery, ct);
            default:
                return SendResult.Failed("The person has no Teams identity.");
        }
    }

    private async Task<SendResult> SettleAsync(ConnectorResult result, TeamsUser? user, Delivery delivery, CancellationToken ct)
    {
        if (result.IsSuccess)
        {
            return SendResult.Sent;
        }

        if (result.IsRetryable || (int)result.Status >= 500)
        {
            return SendResult.Retry($"Teams answered {(int)result.Status}.", result.RetryAfter);
        }

        if (result.IsBlocked && user is not null)
        {
            await blocked.MarkAsync(user, ct);
            return SendResult.Failed("The person blocked or uninstalled ProductOps in Teams.");
        }

        return result.Status switch
        {
            HttpStatusCode.RequestEntityTooLarge => SendResult.Failed("The message is too large for Teams."),
            HttpStatusCode.Forbidden => SendResult.Failed("Teams refused the message (403): the bot is not allowed in that conversation."),
            HttpStatusCode.NotFound => SendResult.Failed("Teams does not know the conversation (404); the bot may have been removed."),
            _ => SendResult.Failed($"Teams refused the message ({(int)result.Status})."),
        };
    }
}
