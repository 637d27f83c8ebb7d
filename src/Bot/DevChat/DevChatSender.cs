using ProductOps.Bot.Outbox;
using ProductOps.Skills.Conversation;
using ProductOps.Storage.DevChat;

namespace ProductOps.Bot.DevChat;

/// <summary>
/// Delivers proactive messages to the dev chat: they are stored per DM or channel, and the page
/// polls them. A repeated key is stored once, so a retried delivery never shows twice.
/// </summary>
public sealed class DevChatSender(DevChatStatus status, SqlDevChatStore store) : IMessageSender
{
    public string Platform => Platforms.DevChat;

    public bool IsConfigured => status.Enabled;

    public async Task<SendResult> SendAsync(Delivery delivery, CancellationToken ct)
    {
        DevChatConversation? to = delivery.To switch
        {
            PersonRecipient when delivery.Identity is { Platform: Platforms.DevChat } identity => DevChatConversation.Direct(identity.UserId),
            ChannelRecipient channel when !string.IsNullOrWhiteSpace(channel.Channel) => DevChatConversation.Channel(channel.Channel),
            _ => null,
        };
        if (to is null)
        {
            return SendResult.Failed(delivery.To is PersonRecipient
                ? "The person has no dev chat identity."
                : "The channel has no name.");
        }

        await store.AddAsync(delivery.Key, to, delivery.Reply, ct);
        return SendResult.Sent;
    }
}
