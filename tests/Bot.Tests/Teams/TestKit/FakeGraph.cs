using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.WebUtilities;

namespace ProductOps.Bot.Tests.Teams.TestKit;

/// <summary>
/// Microsoft Graph and its token endpoint, faked as one message handler: app-only tokens per tenant
/// (counted), and channel messages by team group id, channel and message id, answered as Graph does
/// (404 with Graph's error body for an unknown one), or with scripted failures first.
/// </summary>
public sealed class FakeGraph : HttpMessageHandler
{
    public const string BaseUrl = "https://graph.test/v1.0";
    public const string TokenEndpoint = "https://login.graph.test/{tenant}/oauth2/v2.0/token";

    /// <summary>The group id of the recorded message's team, as <c>graph_channel_message.json</c> names it.</summary>
    public const string GroupId = "f3ec8cd2-e704-4344-8c47-9a3a21d683c0";

    private readonly ConcurrentDictionary<string, JsonObject> _messages = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<HttpStatusCode> _scripted = new();
    private int _tokenRequests;

    public ConcurrentQueue<(Uri Uri, string? Authorization)> Reads { get; } = new();

    /// <summary>The form of each token request: grant type, client id and scope.</summary>
    public ConcurrentQueue<Dictionary<string, string>> TokenForms { get; } = new();

    public int TokenRequests => _tokenRequests;

    /// <summary>False makes the token endpoint refuse the bot's credentials (401).</summary>
    public bool SignsIn { get; set; } = true;

    /// <summary>Serves <paramref name="message"/> (the recorded message when null) at the team's channel under its id.</summary>
    public void Add(string groupId, string channelId, string messageId, JsonObject? message = null) =>
        _messages[Key(groupId, channelId, messageId)] = message ?? TeamsFixture.Json("graph_channel_message.json");

    /// <summary>The next message reads get these statuses, in order, before the normal answers.</summary>
    public void Answer(HttpStatusCode status) => _scripted.Enqueue(status);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var uri = request.RequestUri!;
        if (uri.Host == "login.graph.test")
        {
            Interlocked.Increment(ref _tokenRequests);
            var form = QueryHelpers.ParseQuery(await request.Content!.ReadAsStringAsync(cancellationToken)).ToDictionary(p => p.Key, p => p.Value.ToString());
            TokenForms.Enqueue(form);
            if (!SignsIn)
            {
                return Json(HttpStatusCode.Unauthorized, new JsonObject { ["error"] = "invalid_client" });
            }

            var tenant = uri.AbsolutePath.Split('/')[1];
            return Json(HttpStatusCode.OK, new JsonObject { ["token_type"] = "Bearer", ["expires_in"] = 3600, ["access_token"] = "GRAPH." + tenant });
        }

        Reads.Enqueue((uri, request.Headers.Authorization?.ToString()));
        if (_scripted.TryDequeue(out var status))
        {
            return Json(status, Error(status == HttpStatusCode.Forbidden ? "Forbidden" : "Failed", "Scripted failure."));
        }

        // /v1.0/teams/{group}/channels/{channel}/messages/{id}
        var parts = uri.AbsolutePath.Split('/').Select(p => Uri.UnescapeDataString(p)).ToArray();
        return parts is [_, "v1.0", "teams", var group, "channels", var channel, "messages", var id] && _messages.TryGetValue(Key(group, channel, id), out var message)
            ? Json(HttpStatusCode.OK, message)
            : Json(HttpStatusCode.NotFound, Error("NotFound", "Resource not found."));
    }

    private static string Key(string groupId, string channelId, string messageId) => $"{groupId}|{channelId}|{messageId}";

    private static JsonObject Error(string code, string message) => new() { ["error"] = new JsonObject { ["code"] = code, ["message"] = message } };

    private static HttpResponseMessage Json(HttpStatusCode status, JsonObject body) =>
        new(status) { Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json") };
}
