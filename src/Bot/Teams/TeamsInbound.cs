using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using ProductOps.Skills.Conversation;

namespace ProductOps.Bot.Teams;

/// <summary>Translates Teams activities into the neutral model: who, where, and what they said or pressed.</summary>
public static partial class TeamsInbound
{
    public const string SendToProductCommand = "sendToProduct";
    public const string SendToProductShortcut = "send_to_product";

    /// <summary>Channel thread conversations are the channel id plus this and the root message id.</summary>
    private const string ThreadMarker = ";messageid=";

    public static string? Tenant(Activity activity) => activity.Conversation?.TenantId ?? activity.ChannelData?.Tenant?.Id;

    /// <summary>A Teams user is known by tenant and AAD object id; by the bot-specific 29: id where Teams gives no AAD id.</summary>
    public static ChatIdentity Identity(Activity activity) =>
        new(Platforms.Teams, Tenant(activity) ?? "", activity.From?.AadObjectId ?? activity.From?.Id ?? "");

    public static ChatUser User(Activity activity, string? email) =>
        new(Identity(activity), activity.From?.Name ?? "", email, TimeZone(activity));

    public static bool IsPersonal(Activity activity) =>
        activity.Conversation?.ConversationType is { } type
            ? type == "personal"
            : activity.Conversation?.IsGroup != true && activity.ChannelData?.Channel is null;

    /// <summary>
    /// Whether a message is meant for the bot. Every message in a personal chat is. In channels and
    /// group chats Teams delivers every message once a team grants ChannelMessage.Read.Group, so only
    /// one that @mentions the bot is, or a press on one of its cards: Action.Submit and messageBack
    /// arrive as a message with <c>value</c>, which a typed message never has.
    /// </summary>
    public static bool IsForBot(Activity activity) =>
        IsPersonal(activity) || activity.Value is { ValueKind: JsonValueKind.Object } || MentionsBot(activity);

    /// <summary>A personal chat is a DM; a channel is its channel (not the thread); a group chat is a channel of its own.</summary>
    public static Place Where(Activity activity)
    {
        var conversation = activity.Conversation?.Id ?? "";
        if (IsPersonal(activity))
        {
            return Place.Direct(conversation);
        }

        if (activity.ChannelData?.Channel is { Id: { } channelId } channel)
        {
            return Place.Channel(channelId, channel.Name ?? activity.Conversation?.Name);
        }

        return Place.Channel(BaseConversation(conversation), activity.Conversation?.Name);
    }

    /// <summary>The conversation id without the <c>;messageid=</c> of a channel thread.</summary>
    public static string BaseConversation(string conversationId)
    {
        var cut = conversationId.IndexOf(ThreadMarker, StringComparison.OrdinalIgnoreCase);
        return cut < 0 ? conversationId : conversationId[..cut];
    }

    /// <summary>
    /// A message activity as an inbound: a ProductOps button pressed on a card (Action.Submit comes
    /// as a message with <c>value</c>), else the typed words. Null when there are no words.
    /// </summary>
    public static Inbound? Message(Activity activity, ChatUser from)
    {
        var where = Where(activity);
        if (CardData.ReadAction(activity.Value) is var (actionId, value))
        {
            return new ActionInbound(from, where, actionId, value, activity.ReplyToId);
        }

        var text = CommandText(activity);
        if (text.Length == 0)
        {
            return null;
        }

        var conversation = activity.Conversation?.Id ?? "";
        var threadAt = conversation.IndexOf(ThreadMarker, StringComparison.OrdinalIgnoreCase);
        var thread = threadAt < 0 ? null : conversation[(threadAt + ThreadMarker.Length)..];

        // A new channel post names itself as the thread; only a reply names another message.
        thread = thread == activity.Id ? null : thread;
        return new MessageInbound(from, where, IsPersonal(activity) ? MessageKind.Direct : MessageKind.Mention, text, ThreadId: thread);
    }

    /// <summary>
    /// The words of a message: the bot's own mention removed, other people's mentions turned into
    /// <c>&lt;@id|Name&gt;</c> (the form the command parser reads as a person), HTML entities decoded.
    /// The id is the one people are known by (see <see cref="Identity"/>): the AAD object id where the
    /// mention carries it, else the bot-specific 29: id.
    /// </summary>
    public static string CommandText(Activity activity)
    {
        var text = activity.Text ?? "";
        foreach (var mention in activity.Entities?.Where(e => e.Type == "mention" && e.Mentioned?.Id is not null) ?? [])
        {
            var isBot = string.Equals(mention.Mentioned!.Id, activity.Recipient?.Id, StringComparison.OrdinalIgnoreCase);
            var replacement = isBot ? " " : $"<@{mention.Mentioned.AadObjectId ?? mention.Mentioned.Id}|{mention.Mentioned.Name}>";

            // The entity's text should match the message; some clients send it with an extra "@".
            foreach (var tag in new[] { mention.Text, $"<at>{mention.Mentioned.Name}</at>" })
            {
                if (!string.IsNullOrEmpty(tag) && text.Contains(tag, StringComparison.Ordinal))
                {
                    text = text.Replace(tag, replacement, StringComparison.Ordinal);
                    break;
                }
            }
        }

        text = AtTag().Replace(text, "$1");
        return WebUtility.HtmlDecode(text).Replace('\u00A0', ' ').Trim();
    }

    /// <summary>The message a "Send to product" action was used on: its words, author and link.</summary>
    public static SharedMessage Shared(JsonElement? messagePayload)
    {
        if (messagePayload is not { ValueKind: JsonValueKind.Object } payload)
        {
            return new SharedMessage("", null, null, null);
        }

        var body = payload.TryGetProperty("body", out var b) && b.ValueKind == JsonValueKind.Object ? b : default;
        var content = body.ValueKind == JsonValueKind.Object && body.TryGetProperty("content", out var c) ? c.GetString() ?? "" : "";
        var isHtml = body.ValueKind == JsonValueKind.Object && body.TryGetProperty("contentType", out var t) && t.GetString() == "html";
        var user = payload.TryGetProperty("from", out var f) && f.ValueKind == JsonValueKind.Object && f.TryGetProperty("user", out var u) && u.ValueKind == JsonValueKind.Object
            ? u
            : default;
        return new SharedMessage(
            isHtml ? TeamsHtml.PlainText(content) : content.Trim(),
            user.ValueKind == JsonValueKind.Object && user.TryGetProperty("displayName", out var name) ? name.GetString() : null,
            user.ValueKind == JsonValueKind.Object && user.TryGetProperty("id", out var id) ? id.GetString() : null,
            payload.TryGetProperty("linkToMessage", out var link) ? link.GetString() : null);
    }

    private static bool MentionsBot(Activity activity) =>
        activity.Recipient?.Id is { Length: > 0 } bot
        && activity.Entities?.Any(e => e.Type == "mention" && string.Equals(e.Mentioned?.Id, bot, StringComparison.OrdinalIgnoreCase)) == true;

    private static string? TimeZone(Activity activity) =>
        activity.Entities?.FirstOrDefault(e => e.Type == "clientInfo" && e.Timezone is not null)?.Timezone ?? activity.LocalTimezone;

    [GeneratedRegex("<at>(.*?)</at>", RegexOptions.Singleline)]
    private static partial Regex AtTag();
}
