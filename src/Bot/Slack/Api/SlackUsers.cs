using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.Extensions.Options;
using ProductOps.Skills.Conversation;

namespace ProductOps.Bot.Slack.Api;

/// <summary>
/// Describes Slack users from users.info (display name, e-mail, time zone), so people are linked by
/// e-mail to those already known. Answers are cached; without the users:read.email scope, or when
/// Slack does not answer, the name from the payload is used and nothing is linked by e-mail.
/// </summary>
public sealed class SlackUsers(ISlackApi api, IOptions<SlackOptions> options, TimeProvider clock, ILogger<SlackUsers> log)
{
    private static readonly TimeSpan RetryFailed = TimeSpan.FromMinutes(5);

    private readonly ConcurrentDictionary<ChatIdentity, (ChatUser User, DateTimeOffset Until)> _cache = new();
    private readonly TimeSpan _keep = TimeSpan.FromMinutes(options.Value.UserCacheMinutes);

    public async Task<ChatUser> DescribeAsync(ChatUser user, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        if (_cache.TryGetValue(user.Identity, out var cached) && cached.Until > now)
        {
            return cached.User;
        }

        var call = await api.UserInfoAsync(user.Identity.UserId, ct);
        if (!call.Ok || !call.Body.TryGetProperty("user", out var info) || info.ValueKind != JsonValueKind.Object)
        {
            log.LogInformation("users.info for {UserId} answered {Error}; using the name Slack sent", user.Identity.UserId, call.Error);
            // Remembered for a while too, so a missing scope does not cost a paced call on every turn.
            _cache[user.Identity] = (user, now + (_keep < RetryFailed ? _keep : RetryFailed));
            return user;
        }

        var profile = info.TryGetProperty("profile", out var p) ? p : default;
        var name = First(Text(profile, "display_name"), Text(profile, "real_name"), Text(info, "real_name"), Text(info, "name")) ?? user.DisplayName;
        var described = user with { DisplayName = name, Email = Text(profile, "email") ?? user.Email, TimeZone = Text(info, "tz") ?? user.TimeZone };
        _cache[user.Identity] = (described, now + _keep);
        return described;
    }

    private static string? Text(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String && v.GetString() is { Length: > 0 } s
            ? s
            : null;

    private static string? First(params string?[] values) => values.FirstOrDefault(v => !string.IsNullOrWhiteSpace(v));
}
