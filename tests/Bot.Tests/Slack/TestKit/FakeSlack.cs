using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using ProductOps.Bot.Tests.TestKit;

namespace ProductOps.Bot.Tests.Slack.TestKit;

/// <summary>One request the fake received: the Web API method (or <c>respond/{id}</c> for a response URL), its token and arguments.</summary>
public sealed record FakeCall(string Method, string? Authorization, string ContentType, JsonObject Args, DateTimeOffset At)
{
    /// <summary>The request body exactly as sent.</summary>
    public string Body { get; init; } = "";

    public string? Arg(string name) => Args[name] is JsonValue v && v.TryGetValue<string>(out var s) ? s : Args[name]?.ToJsonString();
}

/// <summary>A scripted answer for the next call of a method.</summary>
public abstract record FakeAnswer
{
    public static FakeAnswer Ok(JsonObject? fields = null) => new OkAnswer(fields);

    public static FakeAnswer Error(string code) => new ErrorAnswer(code);

    public static FakeAnswer RateLimited(int seconds) => new RateLimitedAnswer(seconds);

    public static FakeAnswer HttpStatus(int status) => new StatusAnswer(status);

    public static FakeAnswer Hang(TimeSpan time) => new HangAnswer(time);
}

public sealed record OkAnswer(JsonObject? Fields) : FakeAnswer;

public sealed record ErrorAnswer(string Code) : FakeAnswer;

public sealed record RateLimitedAnswer(int Seconds) : FakeAnswer;

public sealed record StatusAnswer(int Code) : FakeAnswer;

public sealed record HangAnswer(TimeSpan Time) : FakeAnswer;

/// <summary>
/// A fake Slack on a loopback Kestrel server: the Web API under <c>/api/{method}</c>, response URLs
/// under <c>/respond/{id}</c> and a Socket Mode WebSocket under <c>/socket</c>. It records every call
/// and answers what a test scripted, else a plausible success.
/// </summary>
public sealed class FakeSlack : IAsyncDisposable
{
    public const string BotUserId = "UBOT";

    private LoopbackServer _server = null!;
    private readonly ConcurrentDictionary<string, ConcurrentQueue<FakeAnswer>> _scripts = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<FakeCall> _calls = new();

    public Uri BaseUrl => _server.BaseUrl;

    public string ApiBaseUrl => BaseUrl + "api/";

    /// <summary>users.info answers for these users: name, e-mail, time zone.</summary>
    public ConcurrentDictionary<string, (string Name, string? Email, string? TimeZone)> Users { get; } = new(StringComparer.Ordinal);

    /// <summary>Runs for each Socket Mode connection; the socket closes when it returns.</summary>
    public Func<WebSocket, int, Task>? Socket { get; set; }

    /// <summary>Channels conversations.list answers with, by name.</summary>
    public ConcurrentDictionary<string, string> Channels { get; } = new(StringComparer.Ordinal);

    private int _socketConnections;

    public int SocketConnections => Volatile.Read(ref _socketConnections);

    public IReadOnlyList<FakeCall> Calls => _calls.ToArray();

    public static async Task<FakeSlack> StartAsync()
    {
        var fake = new FakeSlack();
        fake._server = await LoopbackServer.StartAsync(app =>
        {
            app.UseWebSockets();
            app.MapPost("/api/{method}", (string method, HttpContext http) => fake.ApiAsync(method, http));
            app.MapPost("/respond/{id}", (string id, HttpContext http) => fake.RespondAsync(id, http));
            app.MapPost("/upload/{id}", (string id, HttpContext http) => fake.UploadAsync(id, http));
            app.Map("/socket", fake.SocketAsync);
        });
        return fake;
    }

    public string ResponseUrl(string id) => BaseUrl + "respond/" + id;

    public void Script(string method, params FakeAnswer[] answers)
    {
        var queue = _scripts.GetOrAdd(method, _ => new ConcurrentQueue<FakeAnswer>());
        foreach (var answer in answers)
        {
            queue.Enqueue(answer);
        }
    }

    public IReadOnlyList<FakeCall> CallsOf(string method) => Calls.Where(c => c.Method == method).ToArray();

    /// <summary>Waits until the calls satisfy <paramref name="done"/>; fails the test after <paramref name="seconds"/>.</summary>
    public async Task<IReadOnlyList<FakeCall>> WaitForAsync(Func<IReadOnlyList<FakeCall>, bool> done, int seconds = 10)
    {
        var until = TimeProvider.System.GetUtcNow().AddSeconds(seconds);
        while (TimeProvider.System.GetUtcNow() < until)
        {
            var calls = Calls;
            if (done(calls))
            {
                return calls;
            }

            await Task.Delay(25);
        }

        throw new TimeoutException("Slack calls so far: " + string.Join(", ", Calls.Select(c => c.Method)));
    }

    public ValueTask DisposeAsync() => _server.DisposeAsync();

    private async Task<IResult> ApiAsync(string method, HttpContext http)
    {
        var call = await RecordAsync(method, http);
        var answer = _scripts.TryGetValue(method, out var queue) && queue.TryDequeue(out var next) ? next : FakeAnswer.Ok();
        switch (answer)
        {
            case RateLimitedAnswer limited:
                http.Response.Headers.RetryAfter = limited.Seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
                return Results.StatusCode(StatusCodes.Status429TooManyRequests);
            case StatusAnswer status:
                return Results.StatusCode(status.Code);
            case HangAnswer hang:
                await Task.Delay(hang.Time, http.RequestAborted);
                return Results.StatusCode(StatusCodes.Status504GatewayTimeout);
            case ErrorAnswer error:
                return Json(new JsonObject { ["ok"] = false, ["error"] = error.Code });
            case OkAnswer ok:
                var body = Default(method, call);
                foreach (var (key, value) in ok.Fields ?? [])
                {
                    body[key] = value?.DeepClone();
                }

                return Json(body);
            default:
                throw new InvalidOperationException(answer.GetType().Name);
        }
    }

    /// <summary>A response URL: answers a scripted 429 or status for <c>respond/{id}</c>, else a bare "ok".</summary>
    private async Task<IResult> RespondAsync(string id, HttpContext http)
    {
        await RecordAsync("respond/" + id, http);
        return Refusal("respond/" + id, http) ?? Results.Text("ok");
    }

    /// <summary>An upload URL: records the bytes as text under <c>body</c> and answers as Slack's file service does (or as scripted for <c>upload/{id}</c>).</summary>
    private async Task<IResult> UploadAsync(string id, HttpContext http)
    {
        using var reader = new StreamReader(http.Request.Body, Encoding.UTF8);
        var text = await reader.ReadToEndAsync();
        _calls.Enqueue(new FakeCall("upload/" + id, null, http.Request.ContentType ?? "", new JsonObject { ["body"] = text }, TimeProvider.System.GetUtcNow()));
        return Refusal("upload/" + id, http) ?? Results.Text($"OK - {Encoding.UTF8.GetByteCount(text)}");
    }

    /// <summary>The scripted 429 or HTTP status for a URL that is not a Web API method; null to answer normally.</summary>
    private IResult? Refusal(string method, HttpContext http)
    {
        switch (_scripts.TryGetValue(method, out var queue) && queue.TryDequeue(out var next) ? next : null)
        {
            case RateLimitedAnswer limited:
                http.Response.Headers.RetryAfter = limited.Seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
                return Results.StatusCode(StatusCodes.Status429TooManyRequests);
            case StatusAnswer status:
                return Results.StatusCode(status.Code);
            default:
                return null;
        }
    }

    private async Task SocketAsync(HttpContext http)
    {
        if (!http.WebSockets.IsWebSocketRequest)
        {
            http.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        var number = Interlocked.Increment(ref _socketConnections);
        using var socket = await http.WebSockets.AcceptWebSocketAsync();
        if (Socket is { } run)
        {
            await run(socket, number);
        }

        if (socket.State == WebSocketState.Open)
        {
            await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "done", CancellationToken.None);
        }
    }

    private async Task<FakeCall> RecordAsync(string method, HttpContext http)
    {
        using var reader = new StreamReader(http.Request.Body, Encoding.UTF8);
        var text = await reader.ReadToEndAsync();
        var contentType = http.Request.ContentType ?? "";
        JsonObject args;
        if (contentType.StartsWith("application/json", StringComparison.Ordinal))
        {
            args = JsonNode.Parse(text) as JsonObject ?? [];
        }
        else
        {
            args = [];
            foreach (var (key, value) in QueryHelpers.ParseQuery(text))
            {
                args[key] = value.ToString();
            }
        }

        var call = new FakeCall(method, http.Request.Headers.Authorization.ToString() is { Length: > 0 } auth ? auth : null, contentType, args, TimeProvider.System.GetUtcNow()) { Body = text };
        _calls.Enqueue(call);
        return call;
    }

    private JsonObject Default(string method, FakeCall call) => method switch
    {
        "auth.test" => new JsonObject { ["ok"] = true, ["user_id"] = BotUserId, ["user"] = "productops", ["team"] = "Test", ["team_id"] = "T111" },
        "apps.connections.open" => new JsonObject { ["ok"] = true, ["url"] = new Uri(BaseUrl, "socket").ToString().Replace("http://", "ws://", StringComparison.Ordinal) },
        "conversations.open" => new JsonObject { ["ok"] = true, ["channel"] = new JsonObject { ["id"] = "D" + call.Arg("users") } },
        "chat.postMessage" => new JsonObject { ["ok"] = true, ["channel"] = call.Arg("channel"), ["ts"] = "1700000000.000100" },
        "chat.getPermalink" => new JsonObject { ["ok"] = true, ["permalink"] = $"https://test.slack.com/archives/{call.Arg("channel")}/p{call.Arg("message_ts")?.Replace(".", "", StringComparison.Ordinal)}" },
        "views.open" => new JsonObject { ["ok"] = true, ["view"] = new JsonObject { ["id"] = "V1" } },
        "users.info" => UserInfo(call.Arg("user") ?? ""),
        "conversations.list" => ChannelPage(call.Arg("cursor")),
        "files.getUploadURLExternal" => new JsonObject { ["ok"] = true, ["upload_url"] = BaseUrl + "upload/F1", ["file_id"] = "F1" },
        _ => new JsonObject { ["ok"] = true },
    };

    /// <summary>Two channels per page, so callers must follow the cursor.</summary>
    private JsonObject ChannelPage(string? cursor)
    {
        var start = int.TryParse(cursor, out var n) ? n : 0;
        var page = Channels.OrderBy(c => c.Key, StringComparer.Ordinal).Skip(start).Take(2).Select(c => (JsonNode)new JsonObject { ["id"] = c.Value, ["name"] = c.Key }).ToArray();
        var next = start + 2 < Channels.Count ? (start + 2).ToString(System.Globalization.CultureInfo.InvariantCulture) : "";
        return new JsonObject { ["ok"] = true, ["channels"] = new JsonArray(page), ["response_metadata"] = new JsonObject { ["next_cursor"] = next } };
    }

    private JsonObject UserInfo(string id)
    {
        var (name, email, timeZone) = Users.GetValueOrDefault(id, (id.ToLowerInvariant(), null, null));
        var profile = new JsonObject { ["display_name"] = name, ["real_name"] = name };
        if (email is not null)
        {
            profile["email"] = email;
        }

        var user = new JsonObject { ["id"] = id, ["name"] = name, ["real_name"] = name, ["profile"] = profile };
        if (timeZone is not null)
        {
            user["tz"] = timeZone;
        }

        return new JsonObject { ["ok"] = true, ["user"] = user };
    }

    private static IResult Json(JsonObject body) => Results.Text(body.ToJsonString(), "application/json");

    public static async Task SendAsync(WebSocket socket, string json) =>
        await socket.SendAsync(Encoding.UTF8.GetBytes(json), WebSocketMessageType.Text, true, CancellationToken.None);

    /// <summary>The next text frame as JSON, or null when the client closed; fails after <paramref name="seconds"/>.</summary>
    public static async Task<JsonElement?> ReceiveAsync(WebSocket socket, int seconds = 10)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(seconds));
        var buffer = new byte[64 * 1024];
        var length = 0;
        while (true)
        {
            var result = await socket.ReceiveAsync(buffer.AsMemory(length), timeout.Token);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                return null;
            }

            length += result.Count;
            if (result.EndOfMessage)
            {
                return JsonDocument.Parse(buffer.AsMemory(0, length)).RootElement.Clone();
            }
        }
    }
}
