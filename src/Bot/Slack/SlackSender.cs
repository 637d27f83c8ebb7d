using System.Collections.Concurrent;
using System.Collections.Frozen;
using Microsoft.Extensions.Options;
using ProductOps.Bot.Outbox;
using ProductOps.Bot.Slack.Api;
using ProductOps.Bot.Slack.Rendering;
using ProductOps.Skills.Conversation;

namespace ProductOps.Bot.Slack;

/// <summary>
/// Delivers stored proactive messages on Slack: a person's DM (conversations.open, then
/// chat.postMessage) or a channel by id or name. Pacing and rate limits are the API client's;
/// Slack's error code decides between "try again later" and "record it for an admin".
/// </summary>
public sealed class SlackSender(ISlackApi api, SlackChannels channels, SlackDirectMessages directMessages, IOptions<SlackOptions> options) : IMessageSender
{
    /// <summary>What an admin can do about the permanent errors seen most.</summary>
    private static readonly FrozenDictionary<string, string> Explanations = new Dictionary<string, string>
    {
        ["channel_not_found"] = "the channel does not exist, or the bot cannot see it (invite it to private channels)",
        ["not_in_channel"] = "the bot is not a member of the channel: invite it with /invite @ProductOps",
        ["is_archived"] = "the channel is archived",
        ["account_inactive"] = "the Slack account is deactivated",
        ["user_not_found"] = "the Slack user does not exist in this workspace",
        ["cannot_dm_bot"] = "the recipient is a bot",
        ["invalid_auth"] = "the bot token is not valid: check SLACK_BOT_TOKEN",
        ["token_revoked"] = "the bot token was revoked: reinstall the app and update SLACK_BOT_TOKEN",
        ["missing_scope"] = "the app lacks a scope: reinstall it from manifest/slack/manifest.yml",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    // Parts of a long reply already posted, by outbox key: when a later part fails for now, the retry
    // posts only the rest. In memory only; after a restart the whole reply is posted again.
    private readonly ConcurrentDictionary<string, int> _posted = new(StringComparer.Ordinal);

    public string Platform => Platforms.Slack;

    public bool IsConfigured => options.Value.CanSend;

    public async Task<SendResult> SendAsync(Delivery delivery, CancellationToken ct)
    {
        string channel;
        switch (delivery.To)
        {
            case PersonRecipient when delivery.Identity is { Platform: Platforms.Slack } identity:
                var (dm, failure) = await directMessages.OpenAsync(identity.UserId, ct);
                if (dm is null)
                {
                    return Result(failure!);
                }

                channel = dm;
                break;
            case ChannelRecipient { Channel: { } name } when name.Trim().TrimStart('#').Length > 0:
                // A channel the bot cannot list is tried by name: chat.postMessage takes public channels' names, and says why when it cannot.
                channel = await channels.IdOfAsync(name, ct) ?? name.Trim().TrimStart('#');
                break;
            default:
                return SendResult.Failed(delivery.To is PersonRecipient ? "The person has no Slack identity." : "The channel has no name.");
        }

        var messages = BlockKitRenderer.Render(delivery.Reply);
        for (var part = _posted.GetValueOrDefault(delivery.Key); part < messages.Count; part++)
        {
            var call = await api.PostMessageAsync(channel, messages[part], null, ct);
            if (!call.Ok)
            {
                var result = Result(call);
                if (result.Outcome == SendOutcome.Retry && part > 0)
                {
                    _posted[delivery.Key] = part;
                }
                else
                {
                    _posted.TryRemove(delivery.Key, out _);
                }

                return result;
            }
        }

        _posted.TryRemove(delivery.Key, out _);
        return SendResult.Sent;
    }

    private static SendResult Result(SlackCall call)
    {
        var error = call.Error ?? "unknown_error";
        if (call.IsTransient)
        {
            return SendResult.Retry($"Slack: {error}", call.RetryAfter);
        }

        return SendResult.Failed(Explanations.TryGetValue(error, out var why) ? $"Slack: {error}: {why}." : $"Slack: {error}.");
    }
}
