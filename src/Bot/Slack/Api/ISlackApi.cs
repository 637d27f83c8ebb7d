using System.Text.Json;
using System.Text.Json.Nodes;

namespace ProductOps.Bot.Slack.Api;

/// <summary>
/// The Slack Web API, as ProductOps uses it: one call shape for every method, answered with Slack's
/// own <c>ok</c>/<c>error</c>. Rate limits, pacing and transient failures are handled inside; a
/// failure comes back as an error code, never as an exception.
/// </summary>
public interface ISlackApi
{
    /// <summary>Calls a Web API method (<c>chat.postMessage</c>, …) with the bot token.</summary>
    Task<SlackCall> CallAsync(string method, JsonObject arguments, CancellationToken ct);

    /// <summary><c>apps.connections.open</c> with the app-level token: a fresh Socket Mode URL.</summary>
    Task<SlackCall> OpenConnectionAsync(CancellationToken ct);

    /// <summary>Posts a message to an interaction's <c>response_url</c> (no token goes with it).</summary>
    Task<SlackCall> RespondAsync(string responseUrl, JsonObject message, CancellationToken ct);

    /// <summary>Sends a file's bytes to the upload URL <c>files.getUploadURLExternal</c> gave (no token goes with it).</summary>
    Task<SlackCall> UploadAsync(string uploadUrl, byte[] content, CancellationToken ct);
}

/// <summary>One Web API answer. <see cref="Error"/> is Slack's code, or ours for HTTP-level failures (<c>http_500</c>, <c>timeout</c>, …).</summary>
public sealed record SlackCall(bool Ok, string? Error, JsonElement Body, TimeSpan? RetryAfter = null)
{
    /// <summary>Errors that say "the token is no good": retrying cannot help until someone fixes the configuration.</summary>
    private static readonly HashSet<string> AuthErrors =
        ["not_authed", "invalid_auth", "account_inactive", "token_revoked", "token_expired", "no_permission", "missing_scope", "not_allowed_token_type", "team_disabled", "user_removed_from_team", "not_configured"];

    private static readonly HashSet<string> TransientErrors =
        ["ratelimited", "internal_error", "fatal_error", "service_unavailable", "request_timeout", "timeout", "connection_failed", "invalid_response"];

    public static SlackCall Failed(string error, TimeSpan? retryAfter = null) => new(false, error, default, retryAfter);

    public bool IsAuthError => Error is not null && AuthErrors.Contains(Error);

    /// <summary>A passing failure worth trying again later: rate limits, Slack's 5xx, network and timeouts.</summary>
    public bool IsTransient => Error is not null && (TransientErrors.Contains(Error) || Error.StartsWith("http_5", StringComparison.Ordinal));

    /// <summary>A string at a dotted path of the answer, like <c>channel.id</c>.</summary>
    public string? Text(string path)
    {
        if (Body.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        var node = Body;
        foreach (var name in path.Split('.'))
        {
            if (node.ValueKind != JsonValueKind.Object || !node.TryGetProperty(name, out node))
            {
                return null;
            }
        }

        return node.ValueKind == JsonValueKind.String ? node.GetString() : null;
    }
}
