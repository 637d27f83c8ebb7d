using System.Text.Json;

namespace ProductOps.Bot.Slack.Requests;

// The parts of Slack's inbound payloads ProductOps reads; everything else is ignored.
// Property names follow SlackJson's snake_case rule.

/// <summary>A slash command: the form fields Slack posts (or the same fields as JSON over Socket Mode).</summary>
public sealed record SlashCommand(
    string? TeamId,
    string? ChannelId,
    string? ChannelName,
    string? UserId,
    string? UserName,
    string? Command,
    string? Text,
    string? ResponseUrl,
    string? TriggerId)
{
    public static SlashCommand FromForm(IReadOnlyDictionary<string, string> fields) => new(
        fields.GetValueOrDefault("team_id"),
        fields.GetValueOrDefault("channel_id"),
        fields.GetValueOrDefault("channel_name"),
        fields.GetValueOrDefault("user_id"),
        fields.GetValueOrDefault("user_name"),
        fields.GetValueOrDefault("command"),
        fields.GetValueOrDefault("text"),
        fields.GetValueOrDefault("response_url"),
        fields.GetValueOrDefault("trigger_id"));
}

public sealed record SlackUserRef(string? Id, string? Username, string? Name, string? TeamId);

public sealed record SlackTeamRef(string? Id, string? Domain);

public sealed record SlackChannelRef(string? Id, string? Name);

/// <summary>Where an interaction happened: a message (with its ts) or a view.</summary>
public sealed record SlackContainer(string? Type, string? MessageTs, string? ChannelId, bool? IsEphemeral, string? ViewId);

public sealed record SlackAction(string? ActionId, string? BlockId, string? Type, string? Value, string? ActionTs);

public sealed record SlackMessage(string? Type, string? Subtype, string? Text, string? User, string? BotId, string? Ts, string? ThreadTs);

public sealed record SlackView(
    string? Id,
    string? CallbackId,
    string? PrivateMetadata,
    string? Hash,
    SlackViewState? State);

/// <summary><c>state.values[block_id][action_id]</c>: each element's current value, shaped by its type.</summary>
public sealed record SlackViewState(Dictionary<string, Dictionary<string, JsonElement>>? Values);

/// <summary>An interactivity payload: block_actions, view_submission, view_closed, shortcut or message_action.</summary>
public sealed record InteractionPayload(
    string? Type,
    SlackUserRef? User,
    SlackTeamRef? Team,
    SlackChannelRef? Channel,
    SlackContainer? Container,
    string? TriggerId,
    string? ResponseUrl,
    IReadOnlyList<SlackAction>? Actions,
    SlackView? View,
    string? CallbackId,
    string? MessageTs,
    SlackMessage? Message);

/// <summary>The inner event of an Events API delivery.</summary>
public sealed record SlackEvent(
    string? Type,
    string? Subtype,
    string? User,
    string? BotId,
    string? Text,
    string? Channel,
    string? ChannelType,
    string? Ts,
    string? ThreadTs,
    string? Team);

public sealed record SlackAuthorization(string? TeamId, string? UserId, bool? IsBot);

/// <summary>An Events API envelope: url_verification, event_callback or app_rate_limited.</summary>
public sealed record EventEnvelope(
    string? Type,
    string? Challenge,
    string? TeamId,
    string? EventId,
    SlackEvent? Event,
    IReadOnlyList<string>? AuthedUsers,
    IReadOnlyList<SlackAuthorization>? Authorizations,
    long? MinuteRateLimited);
