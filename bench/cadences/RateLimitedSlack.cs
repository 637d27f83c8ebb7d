using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace ProductOps.Bench.Cadences;

/// <summary>
/// A fake Slack Web API on 127.0.0.1 that enforces Slack's documented limits and answers 429 with
/// Retry-After when a call exceeds one: per workspace, conversations.open (tier 3) 50 calls in any
/// 60 s and chat.postMessage 300 in any 60 s ("several hundred a minute"); per channel,
/// chat.postMessage 3 in any 3 s (one a second, short bursts tolerated). Only accepted calls count
/// against a limit, as at Slack.
/// </summary>
public sealed class RateLimitedSlack(WebApplication app, TimeProvider clock) : IAsyncDisposable
{
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);

    private readonly ConcurrentDictionary<string, Queue<DateTimeOffset>> _windows = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _accepted = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _limited = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _postsPerChannel = new(StringComparer.Ordinal);

    public string ApiBaseUrl { get; private set; } = "";

    public int Accepted(string method) => _accepted.GetValueOrDefault(method);

    public int Limited(string method) => _limited.GetValueOrDefault(method);

    public int TotalLimited => _limited.Values.Sum();

    /// <summary>Channels that received more than one message.</summary>
    public int ChannelsWithRepeats => _postsPerChannel.Values.Count(n => n > 1);

    public static async Task<RateLimitedSlack> StartAsync(TimeProvider clock)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var slack = new RateLimitedSlack(app, clock);
        app.MapPost("/api/{method}", slack.CallAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        slack.ApiBaseUrl = address.TrimEnd('/') + "/api/";
        return slack;
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }

    private async Task<IResult> CallAsync(string method, HttpContext http)
    {
        var args = await JsonNode.ParseAsync(http.Request.Body) as JsonObject ?? [];
        var channel = args["channel"]?.GetValue<string>();
        var limits = method switch
        {
            "conversations.open" => [(method, 50, Minute)],
            "chat.postMessage" => new[] { (method, 300, Minute), ($"{method}:{channel}", 3, TimeSpan.FromSeconds(3)) },
            _ => [],
        };
        if (Admit(limits) is { } retryAfter)
        {
            _limited.AddOrUpdate(method, 1, (_, n) => n + 1);
            http.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
            return Results.StatusCode(StatusCodes.Status429TooManyRequests);
        }

        _accepted.AddOrUpdate(method, 1, (_, n) => n + 1);
        var body = method switch
        {
            "conversations.open" => new JsonObject { ["ok"] = true, ["channel"] = new JsonObject { ["id"] = "D" + args["users"]?.GetValue<string>() } },
            "chat.postMessage" => new JsonObject { ["ok"] = true, ["channel"] = channel, ["ts"] = "1700000000.000100" },
            _ => new JsonObject { ["ok"] = true },
        };
        if (method == "chat.postMessage" && channel is not null)
        {
            _postsPerChannel.AddOrUpdate(channel, 1, (_, n) => n + 1);
        }

        return Results.Text(body.ToJsonString(), "application/json");
    }

    /// <summary>Null when every window has room (and the call is counted in each); else how long until the fullest frees up.</summary>
    private TimeSpan? Admit(IEnumerable<(string Key, int Limit, TimeSpan Period)> limits)
    {
        lock (_windows)
        {
            var now = clock.GetUtcNow();
            var windows = limits.Select(l => (Calls: _windows.GetOrAdd(l.Key, _ => new Queue<DateTimeOffset>()), l.Limit, l.Period)).ToArray();
            TimeSpan? wait = null;
            foreach (var (calls, limit, period) in windows)
            {
                while (calls.Count > 0 && calls.Peek() <= now - period)
                {
                    calls.Dequeue();
                }

                if (calls.Count >= limit && calls.Peek() + period - now is var free && (wait is null || free > wait))
                {
                    wait = free;
                }
            }

            if (wait is null)
            {
                foreach (var (calls, _, _) in windows)
                {
                    calls.Enqueue(now);
                }
            }

            return wait;
        }
    }
}
