using System.Text.Json;
using System.Text.RegularExpressions;
using ProductOps.Bot.Slack.Rendering;
using ProductOps.Skills.Conversation;

namespace ProductOps.Bot.Slack.Requests;

/// <summary>
/// Translates Slack payloads (from HTTP or Socket Mode alike) into neutral inbounds. Pure: no calls
/// to Slack here; the worker adds what needs the Web API (names, e-mail, permalinks) before the turn.
/// </summary>
public static partial class SlackInbound
{
    /// <summary>The "Send to product" message shortcut's callback id, as in the app manifest.</summary>
    public const string SendToProduct = "send_to_product";

    public static SlackTranslation FromCommand(SlashCommand command)
    {
        if (Missing(("team_id", command.TeamId), ("user_id", command.UserId), ("command", command.Command)) is { } missing)
        {
            return new SlackInvalid($"The slash command has no {missing}.");
        }

        var context = new SlackContext(command.TeamId!, command.UserId!, command.ChannelId)
        {
            ResponseUrl = command.ResponseUrl,
            TriggerId = command.TriggerId,
        };
        var from = User(command.TeamId!, command.UserId!, command.UserName);
        var inbound = new CommandInbound(from, Where(command.ChannelId, command.ChannelName, command.UserId!), command.Command!.TrimStart('/'), SlackText.Decode(command.Text));
        return new SlackTurn(inbound, context);
    }

    public static SlackTranslation FromInteraction(InteractionPayload payload)
    {
        var teamId = payload.Team?.Id ?? payload.User?.TeamId;
        if (Missing(("team", teamId), ("user", payload.User?.Id), ("type", payload.Type)) is { } missing)
        {
            return new SlackInvalid($"The interaction has no {missing}.");
        }

        var from = User(teamId!, payload.User!.Id!, payload.User.Name ?? payload.User.Username);
        var channelId = payload.Channel?.Id ?? payload.Container?.ChannelId;
        var context = new SlackContext(teamId!, payload.User.Id!, channelId)
        {
            ResponseUrl = payload.ResponseUrl,
            TriggerId = payload.TriggerId,
        };
        var where = Where(channelId, payload.Channel?.Name, payload.User.Id!);
        return payload.Type switch
        {
            "block_actions" => BlockAction(payload, from, where, context),
            "view_submission" => ViewSubmission(payload, from, context),
            "message_action" => MessageShortcut(payload, from, where, context),
            "view_closed" => new SlackIgnored("A modal was closed; nothing was submitted."),
            "shortcut" => new SlackIgnored($"Global shortcut \"{payload.CallbackId}\": ProductOps only offers a message shortcut."),
            _ => new SlackIgnored($"Interaction type \"{payload.Type}\" is not used by ProductOps."),
        };
    }

    /// <summary>An Events API delivery; <paramref name="botUserId"/> is the bot's own user id when auth.test told it, else the envelope's authorizations tell.</summary>
    public static SlackTranslation FromEvent(EventEnvelope envelope, string? botUserId)
    {
        switch (envelope.Type)
        {
            case "url_verification" when !string.IsNullOrEmpty(envelope.Challenge):
                return new SlackChallenge(envelope.Challenge);
            case "url_verification":
                return new SlackInvalid("The URL verification has no challenge.");
            case "app_rate_limited":
                return new SlackIgnored($"Slack paused event deliveries for this workspace (minute {envelope.MinuteRateLimited}).");
            case "event_callback":
                break;
            default:
                return new SlackIgnored($"Envelope type \"{envelope.Type}\" is not used by ProductOps.");
        }

        var e = envelope.Event;
        var teamId = envelope.TeamId ?? e?.Team;
        if (e is null || Missing(("team_id", teamId), ("event_id", envelope.EventId)) is not null)
        {
            return new SlackInvalid("The event callback has no event, team or event id.");
        }

        botUserId ??= envelope.Authorizations?.FirstOrDefault(a => a.IsBot == true)?.UserId ?? (envelope.AuthedUsers is [var first, ..] ? first : null);
        if (e.BotId is not null || e.User is null || e.User == botUserId)
        {
            return new SlackIgnored("A message from a bot, or from ProductOps itself.");
        }

        // A file shared with words, and a thread reply also sent to the conversation, are what the person wrote; the
        // other subtypes (edits, deletions, joins, bot messages, …) are not someone speaking to ProductOps.
        if (e.Subtype is not null && (e.Subtype is not ("file_share" or "thread_broadcast") || string.IsNullOrWhiteSpace(e.Text)))
        {
            return new SlackIgnored($"A message of subtype \"{e.Subtype}\" (or one without text).");
        }

        MessageKind kind;
        switch (e.Type)
        {
            case "app_mention":
                kind = MessageKind.Mention;
                break;
            case "message" when e.ChannelType == "im":
                kind = MessageKind.Direct;
                break;
            default:
                return new SlackIgnored($"Event \"{e.Type}\" ({e.ChannelType}) is not used by ProductOps.");
        }

        var context = new SlackContext(teamId!, e.User, e.Channel)
        {
            ThreadTs = e.ThreadTs,
            DedupeKey = "slack:event:" + envelope.EventId,
        };
        var text = SlackText.Decode(SlackText.StripBotMention(e.Text ?? "", botUserId));
        // A reply carries its parent's ts as thread_ts; a thread's first message, if it has one at all, carries its own.
        var thread = e.ThreadTs == e.Ts ? null : e.ThreadTs;
        var inbound = new MessageInbound(User(teamId!, e.User, null), Where(e.Channel, null, e.User), kind, text, ThreadId: thread);
        return new SlackTurn(inbound, context);
    }

    /// <summary>Slack requires action ids to be unique per message; the renderer numbers repeats as <c>id#2</c>.</summary>
    public static string ActionId(string slackActionId) => NumberedAction().Replace(slackActionId, "");

    private static SlackTranslation BlockAction(InteractionPayload payload, ChatUser from, Place where, SlackContext context)
    {
        if (payload.Actions is not [{ ActionId.Length: > 0 } action, ..])
        {
            return new SlackInvalid("The block action has no action id.");
        }

        if (payload.Container?.Type == "view")
        {
            return new SlackIgnored("An element inside a modal changed; only the submission counts.");
        }

        var inbound = new ActionInbound(from, where, ActionId(action.ActionId!), action.Value, payload.Container?.MessageTs ?? payload.Message?.Ts);
        return new SlackTurn(inbound, context);
    }

    private static SlackTranslation ViewSubmission(InteractionPayload payload, ChatUser from, SlackContext context)
    {
        if (payload.View?.CallbackId != ModalMetadata.CallbackId || ModalMetadata.Parse(payload.View.PrivateMetadata) is not { } metadata)
        {
            return new SlackIgnored($"View \"{payload.View?.CallbackId}\" was not opened by ProductOps.");
        }

        var values = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        var userFields = new List<string>();
        foreach (var (blockId, elements) in payload.View.State?.Values ?? [])
        {
            foreach (var element in elements.Values)
            {
                var type = element.TryGetProperty("type", out var t) ? t.GetString() : null;
                values[blockId] = Values(element);
                if (type is "users_select" or "multi_users_select")
                {
                    userFields.Add(blockId);
                }
            }
        }

        var where = metadata.ChannelId is { } channel ? Where(channel, null, from.Identity.UserId) : Place.Direct(from.Identity.UserId);
        var inbound = new FormSubmission(from, where, metadata.FormId, new FormValues(values), metadata.State);
        return new SlackTurn(inbound, context with { ChannelId = metadata.ChannelId, ThreadTs = metadata.ThreadTs, UserFields = userFields });
    }

    private static SlackTurn MessageShortcut(InteractionPayload payload, ChatUser from, Place where, SlackContext context)
    {
        var message = payload.Message;
        var text = SlackText.Readable(message?.Text);
        var shared = new SharedMessage(text, null, message?.User, null);
        var inbound = new MessageInbound(from, where, MessageKind.Shared, text, shared, payload.CallbackId, message?.ThreadTs);
        return new SlackTurn(inbound, context with { SharedTs = payload.MessageTs ?? message?.Ts });
    }

    private static List<string> Values(JsonElement element)
    {
        var values = new List<string>();
        foreach (var name in (string[])["value", "selected_date", "selected_time", "selected_user", "selected_conversation", "selected_channel"])
        {
            if (element.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String)
            {
                values.Add(v.GetString()!);
            }
        }

        if (element.TryGetProperty("selected_option", out var option) && option.ValueKind == JsonValueKind.Object
            && option.TryGetProperty("value", out var optionValue))
        {
            values.Add(optionValue.GetString() ?? "");
        }

        foreach (var name in (string[])["selected_options", "selected_users", "selected_conversations", "selected_channels"])
        {
            if (element.TryGetProperty(name, out var list) && list.ValueKind == JsonValueKind.Array)
            {
                values.AddRange(list.EnumerateArray().Select(item =>
                    item.ValueKind == JsonValueKind.Object && item.TryGetProperty("value", out var value) ? value.GetString() ?? "" : item.GetString() ?? ""));
            }
        }

        // An empty check box group means "unticked": the box is the only option.
        if (element.TryGetProperty("type", out var type) && type.GetString() == "checkboxes")
        {
            return values.Count > 0 ? ["true"] : ["false"];
        }

        return values;
    }

    private static ChatUser User(string teamId, string userId, string? name) =>
        new(new ChatIdentity(Platforms.Slack, teamId, userId), string.IsNullOrWhiteSpace(name) ? userId : name);

    /// <summary>Slack DM channel ids start with D; everything else is a channel (public, private or group).</summary>
    private static Place Where(string? channelId, string? channelName, string userId) => channelId switch
    {
        null or "" => Place.Direct(userId),
        ['D', ..] => Place.Direct(channelId),
        _ => Place.Channel(channelId, channelName is null or "directmessage" or "privategroup" ? null : channelName),
    };

    private static string? Missing(params (string Name, string? Value)[] fields) =>
        fields.FirstOrDefault(f => string.IsNullOrWhiteSpace(f.Value)).Name;

    [GeneratedRegex(@"#\d+$", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex NumberedAction();
}
