using System.Collections.Frozen;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;

namespace ProductOps.Bot.Slack.Api;

/// <summary>
/// <see cref="ISlackApi"/> over HttpClient. Every call is paced to its method's rate tier (and
/// chat.postMessage to about one message a second per channel); a 429, on any call (response URLs
/// and uploads too), waits Slack's Retry-After (up to a minute) and tries again; 5xx answers,
/// dropped connections and timeouts are retried with backoff and jitter. Tokens and response URLs
/// are never logged.
/// </summary>
public sealed class SlackApiClient(HttpClient http, SlackPacer pacer, IOptions<SlackOptions> options, TimeProvider clock, ILogger<SlackApiClient> log) : ISlackApi
{
    /// <summary>Retries after a 5xx, a network failure or a timeout.</summary>
    private const int TransientRetries = 3;

    /// <summary>Rate-limited answers waited out before giving up (each after its Retry-After).</summary>
    private const int RateLimitRetries = 5;

    private const string ResponseUrl = "response_url";

    private const string FileUpload = "file_upload";

    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);

    /// <summary>The longest Retry-After waited out in a call; a longer one is handed back to the caller.</summary>
    private static readonly TimeSpan MaxRetryAfter = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Calls per minute per workspace (Slack's tiers: 1 = 1+, 2 = 20+, 3 = 50+, 4 = 100+) and whether the
    /// method is sent as a form (read methods) or as JSON. apps.connections.open is documented as
    /// tier 1 (one a minute, small bursts tolerated), yet every reconnect needs one, and a reconnect
    /// held back for a minute would leave Socket Mode deaf that long: it is paced only as a safety cap
    /// here. Socket Mode itself calls it rarely (growing pauses after drops and back-to-back
    /// refreshes), and a 429 is waited out.
    /// </summary>
    private static readonly FrozenDictionary<string, (int PerMinute, bool Form)> Methods = new Dictionary<string, (int, bool)>
    {
        ["auth.test"] = (600, true),
        ["apps.connections.open"] = (20, true),
        ["chat.postMessage"] = (300, false),
        ["chat.postEphemeral"] = (100, false),
        ["chat.update"] = (50, false),
        ["chat.getPermalink"] = (100, true),
        ["views.open"] = (100, false),
        ["views.update"] = (100, false),
        ["conversations.open"] = (50, false),
        ["conversations.replies"] = (50, true),
        ["users.info"] = (100, true),
        ["users.lookupByEmail"] = (50, true),
        ["files.getUploadURLExternal"] = (100, true),
        ["conversations.list"] = (20, true),
        ["files.completeUploadExternal"] = (100, false),
    }.ToFrozenDictionary(StringComparer.Ordinal);

    private readonly SlackOptions _options = options.Value;

    public Task<SlackCall> CallAsync(string method, JsonObject arguments, CancellationToken ct)
    {
        if (!_options.CanSend)
        {
            return Task.FromResult(SlackCall.Failed("not_configured"));
        }

        var (perMinute, form) = Methods.GetValueOrDefault(method, (20, false));
        var keys = new List<(string, int, TimeSpan)> { (method, perMinute, Minute) };
        if (method == "chat.postMessage" && arguments["channel"]?.GetValue<string>() is { } channel)
        {
            keys.Add(($"{method}:{channel}", 1, TimeSpan.FromSeconds(1)));
        }

        return SendAsync(method, () => Request(method, _options.BotToken!, arguments, form), keys, ct);
    }

    public Task<SlackCall> OpenConnectionAsync(CancellationToken ct)
    {
        const string method = "apps.connections.open";
        if (!_options.SocketModeEnabled)
        {
            return Task.FromResult(SlackCall.Failed("not_configured"));
        }

        return SendAsync(method, () => Request(method, _options.AppToken!, [], form: true), [(method, Methods[method].PerMinute, Minute)], ct);
    }

    public Task<SlackCall> RespondAsync(string responseUrl, JsonObject message, CancellationToken ct)
    {
        if (!Uri.TryCreate(responseUrl, UriKind.Absolute, out var url) || url.Scheme is not ("https" or "http"))
        {
            return Task.FromResult(SlackCall.Failed("invalid_response_url"));
        }

        // Not paced: each response URL belongs to one interaction and is limited by Slack per URL (five uses), not per method.
        return SendAsync(ResponseUrl, () => new HttpRequestMessage(HttpMethod.Post, url) { Content = Json(message) }, [], ct);
    }

    public Task<SlackCall> UploadAsync(string uploadUrl, byte[] content, CancellationToken ct)
    {
        if (!Uri.TryCreate(uploadUrl, UriKind.Absolute, out var url) || url.Scheme is not ("https" or "http"))
        {
            return Task.FromResult(SlackCall.Failed("invalid_upload_url"));
        }

        return SendAsync(FileUpload, () => new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(content) }, [], ct);
    }

    private async Task<SlackCall> SendAsync(string method, Func<HttpRequestMessage> build, IReadOnlyList<(string Key, int Limit, TimeSpan Period)> pacing, CancellationToken ct)
    {
        var transient = 0;
        var limited = 0;
        while (true)
        {
            foreach (var (key, limit, period) in pacing)
            {
                await pacer.WaitAsync(key, limit, period, ct);
            }

            var call = await TryOnceAsync(method, build, ct);
            if (call.Error == "ratelimited" && limited++ < RateLimitRetries)
            {
                var asked = call.RetryAfter ?? TimeSpan.FromSeconds(1);
                var wait = (asked < MaxRetryAfter ? asked : MaxRetryAfter) + Jitter(TimeSpan.FromMilliseconds(250));
                foreach (var (key, _, _) in pacing)
                {
                    pacer.Pause(key, clock.GetUtcNow() + wait);
                }

                if (asked > MaxRetryAfter)
                {
                    // Not waited here: the caller (the outbox, or Socket Mode) comes back after Retry-After itself.
                    log.LogWarning("Slack rate-limited {Method} for {Seconds:0} s; giving up for now", method, asked.TotalSeconds);
                    return call;
                }

                log.LogWarning("Slack rate-limited {Method}; waiting {Seconds:0.0} s before trying again", method, wait.TotalSeconds);
                await Task.Delay(wait, clock, ct);
                continue;
            }

            if (call.IsTransient && call.Error != "ratelimited" && transient++ < TransientRetries)
            {
                var backoff = Jitter(TimeSpan.FromMilliseconds(500 * Math.Pow(2, transient - 1)));
                log.LogWarning("Slack {Method} failed with {Error}; retry {Attempt} of {Retries} in {Milliseconds} ms",
                    method, call.Error, transient, TransientRetries, (int)backoff.TotalMilliseconds);
                await Task.Delay(backoff, clock, ct);
                continue;
            }

            if (!call.Ok)
            {
                log.LogInformation("Slack {Method} answered {Error}", method, call.Error);
            }

            return call;
        }
    }

    private async Task<SlackCall> TryOnceAsync(string method, Func<HttpRequestMessage> build, CancellationToken ct)
    {
        using var request = build();
        try
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, ct);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                return SlackCall.Failed("ratelimited", RetryAfter(response));
            }

            var body = await response.Content.ReadAsStringAsync(ct);
            if (!response.IsSuccessStatusCode)
            {
                return SlackCall.Failed(ResponseUrlError(method, body) ?? $"http_{(int)response.StatusCode}");
            }

            if (method is ResponseUrl or FileUpload && !body.TrimStart().StartsWith('{'))
            {
                // Response URLs answer a bare "ok", upload URLs "OK - <bytes>".
                return new SlackCall(true, null, default);
            }

            var json = JsonDocument.Parse(body).RootElement.Clone();
            var ok = json.ValueKind == JsonValueKind.Object && json.TryGetProperty("ok", out var okValue) && okValue.ValueKind == JsonValueKind.True;
            var error = ok ? null : json.TryGetProperty("error", out var e) ? e.GetString() : "invalid_response";
            return new SlackCall(ok, error, json, error == "ratelimited" ? RetryAfter(response) : null);
        }
        catch (HttpRequestException e)
        {
            log.LogWarning("Slack {Method} could not be reached: {Reason}", method, e.HttpRequestError);
            return SlackCall.Failed("connection_failed");
        }
        catch (TaskCanceledException) when (!ct.IsCancellationRequested)
        {
            // HttpClient reports its own timeout as a cancellation.
            return SlackCall.Failed("timeout");
        }
        catch (JsonException)
        {
            return SlackCall.Failed("invalid_response");
        }
    }

    private static HttpRequestMessage Request(string method, string token, JsonObject arguments, bool form)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, method)
        {
            Content = form
                ? new FormUrlEncodedContent(arguments.Select(a => KeyValuePair.Create(a.Key, a.Value is JsonValue v && v.TryGetValue<string>(out var s) ? s : a.Value?.ToJsonString(SlackJson.Options) ?? "")))
                : Json(arguments),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return request;
    }

    private static ByteArrayContent Json(JsonObject body)
    {
        var content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(body, SlackJson.Options));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        return content;
    }

    /// <summary>A response URL that is spent or expired answers 404 with a word like <c>used_url</c>; keep that word.</summary>
    private static string? ResponseUrlError(string method, string body) =>
        method == ResponseUrl && body.Length is > 0 and < 64 && body.All(c => char.IsAsciiLetterLower(c) || c == '_') ? body : null;

    /// <summary>Slack sends seconds; a date is honoured too. Without either, one second (as Slack's SDKs do).</summary>
    private TimeSpan RetryAfter(HttpResponseMessage response) =>
        response.Headers.RetryAfter switch
        {
            { Delta: { } delta } => delta,
            { Date: { } date } when date > clock.GetUtcNow() => date - clock.GetUtcNow(),
            _ => TimeSpan.FromSeconds(1),
        };

#pragma warning disable CA5394 // Jitter, not security.
    private static TimeSpan Jitter(TimeSpan delay) => delay / 2 + delay / 2 * Random.Shared.NextDouble();
#pragma warning restore CA5394
}
