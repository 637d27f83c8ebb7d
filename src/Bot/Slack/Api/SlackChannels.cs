using System.Collections.Frozen;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ProductOps.Bot.Slack.Api;

/// <summary>
/// Channel names to ids, from <c>conversations.list</c>, so settings can name channels the way people
/// do (<c>#product-rollup</c>) and private channels the bot was invited to still work:
/// <c>chat.postMessage</c> takes a name only for public channels. The list is cached and read again
/// when it is an hour old or a name is missing, at most once a minute.
/// </summary>
public sealed class SlackChannels(ISlackApi api, TimeProvider clock, ILogger<SlackChannels> log) : IDisposable
{
    private const int PageSize = 1000;

    /// <summary>Pages read per refresh: 20,000 channels at most, so a huge workspace cannot keep the sender busy.</summary>
    private const int MaxPages = 20;

    private static readonly TimeSpan Fresh = TimeSpan.FromHours(1);

    private static readonly TimeSpan MinRefreshGap = TimeSpan.FromMinutes(1);

    private readonly SemaphoreSlim _refreshing = new(1, 1);

    private FrozenDictionary<string, string> _ids = FrozenDictionary<string, string>.Empty;

    private DateTimeOffset _readAt = DateTimeOffset.MinValue;

    /// <summary>The channel's id; an id is returned as it is, and null means Slack lists no such channel for the bot.</summary>
    public async Task<string?> IdOfAsync(string channel, CancellationToken ct)
    {
        var name = channel.Trim().TrimStart('#');
        if (IsId(name))
        {
            return name;
        }

        if (_ids.TryGetValue(name, out var id) && clock.GetUtcNow() - _readAt < Fresh)
        {
            return id;
        }

        await RefreshAsync(ct);
        return _ids.GetValueOrDefault(name);
    }

    public void Dispose() => _refreshing.Dispose();

    /// <summary>Slack ids are upper-case letters and digits starting with C (public), G (private) or D (direct).</summary>
    public static bool IsId(string text) =>
        text.Length >= 9 && text[0] is 'C' or 'G' or 'D' && text.All(c => char.IsAsciiLetterUpper(c) || char.IsAsciiDigit(c));

    private async Task RefreshAsync(CancellationToken ct)
    {
        await _refreshing.WaitAsync(ct);
        try
        {
            if (clock.GetUtcNow() - _readAt < MinRefreshGap)
            {
                return;
            }

            var ids = new Dictionary<string, string>(StringComparer.Ordinal);
            string? cursor = null;
            for (var page = 0; page < MaxPages; page++)
            {
                var args = new JsonObject { ["types"] = "public_channel,private_channel", ["exclude_archived"] = "true", ["limit"] = PageSize.ToString(System.Globalization.CultureInfo.InvariantCulture) };
                if (cursor is not null)
                {
                    args["cursor"] = cursor;
                }

                var call = await api.CallAsync("conversations.list", args, ct);
                if (!call.Ok)
                {
                    // Keep what we knew: a failed read should not make known channels unknown.
                    log.LogWarning("Slack conversations.list failed: {Error}; channel names stay as last read", call.Error);
                    _readAt = clock.GetUtcNow();
                    return;
                }

                foreach (var channel in call.Body.TryGetProperty("channels", out var list) && list.ValueKind == JsonValueKind.Array ? list.EnumerateArray() : default)
                {
                    if (channel.TryGetProperty("name", out var n) && channel.TryGetProperty("id", out var i) && n.GetString() is { } name && i.GetString() is { } id)
                    {
                        ids[name] = id;
                    }
                }

                cursor = call.Text("response_metadata.next_cursor");
                if (string.IsNullOrEmpty(cursor))
                {
                    break;
                }
            }

            _ids = ids.ToFrozenDictionary(StringComparer.Ordinal);
            _readAt = clock.GetUtcNow();
        }
        finally
        {
            _refreshing.Release();
        }
    }
}
