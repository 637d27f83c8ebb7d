using System.Collections.Concurrent;

namespace ProductOps.Bot.Slack.Api;

/// <summary>
/// The bot's DM channel with each user, remembered: Slack returns the same channel every time, and
/// conversations.open is allowed about 50 calls a minute, which would otherwise set the pace of every
/// cadence's nudges.
/// </summary>
public sealed class SlackDirectMessages(ISlackApi api)
{
    private readonly ConcurrentDictionary<string, string> _channels = new(StringComparer.Ordinal);

    /// <summary>The DM channel's id, or the failed call when Slack would not open it.</summary>
    public async Task<(string? Channel, SlackCall? Failure)> OpenAsync(string userId, CancellationToken ct)
    {
        if (_channels.TryGetValue(userId, out var known))
        {
            return (known, null);
        }

        var open = await api.OpenDirectMessageAsync(userId, ct);
        if (open.Text("channel.id") is not { } channel)
        {
            return (null, open);
        }

        _channels[userId] = channel;
        return (channel, null);
    }
}
