using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace ProductOps.Bot.Tests.Teams.TestKit;

/// <summary>
/// The Bot Framework's HTTP side, faked as one message handler: OpenID metadata and keys from
/// <see cref="TestTokens"/>, a token endpoint, and a Bot Connector that records every call and
/// answers as Teams does (or with scripted failures first).
/// </summary>
public sealed class FakeBotFramework(TestTokens tokens) : HttpMessageHandler
{
    public const string MetadataUrl = "https://login.botframework.test/v1/.well-known/openidconfiguration";
    public const string KeysUrl = "https://login.botframework.test/v1/.well-known/keys";
    public const string TokenEndpoint = "https://token.botframework.test/{tenant}/oauth2/v2.0/token";
    public const string Email = "rido@contoso.test";

    private readonly ConcurrentQueue<HttpResponseMessage> _scripted = new();

    private readonly ConcurrentQueue<string> _drops = new();
    private int _activityCount;

    public ConcurrentQueue<Recorded> Calls { get; } = new();

    /// <summary>E-mail addresses of members by their Teams id; anyone else is <see cref="Email"/>.</summary>
    public ConcurrentDictionary<string, string> MemberEmails { get; } = new(StringComparer.Ordinal);

    /// <summary>Microsoft 365 group ids of teams by their Teams id, for the team details API; other teams are unknown (404).</summary>
    public ConcurrentDictionary<string, string> TeamGroups { get; } = new(StringComparer.Ordinal);

    private int _metadataRequests;
    private int _tokenRequests;

    public int MetadataRequests => _metadataRequests;

    public int TokenRequests => _tokenRequests;

    /// <summary>What the keys endpoint answers with 200; the issuer's keys unless set.</summary>
    public string? KeysAnswer { get; set; }

    /// <summary>What the token endpoint answers with 200; the recorded example unless set.</summary>
    public string? TokenAnswer { get; set; }

    /// <summary>False makes the metadata and key endpoints fail, as during an outage.</summary>
    public bool MetadataUp { get; set; } = true;

    public IEnumerable<Recorded> ConnectorCalls => Calls.Where(c => c.Uri.AbsolutePath.Contains("/v3/", StringComparison.Ordinal));

    /// <summary>The next connector call to a path ending with <paramref name="pathEnd"/> fails as a reset connection does.</summary>
    public void DropConnection(string pathEnd = "") => _drops.Enqueue(pathEnd);

    /// <summary>The next connector calls get these answers, in order, before the normal ones.</summary>
    public void Answer(HttpStatusCode status, string body = "{}", TimeSpan? retryAfter = null)
    {
        var response = new HttpResponseMessage(status) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        if (retryAfter is { } after)
        {
            response.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(after);
        }

        _scripted.Enqueue(response);
    }

    /// <summary>Waits for a connector call matching <paramref name="match"/>; replies are posted in the background.</summary>
    public async Task<Recorded> WaitForAsync(Func<Recorded, bool> match, TimeSpan? timeout = null)
    {
        var until = TimeProvider.System.GetUtcNow() + (timeout ?? TimeSpan.FromSeconds(10));
        while (TimeProvider.System.GetUtcNow() < until)
        {
            if (ConnectorCalls.FirstOrDefault(match) is { } found)
            {
                return found;
            }

            await Task.Delay(25);
        }

        throw new TimeoutException("No matching Bot Connector call; calls were: " + string.Join(", ", Calls.Select(c => $"{c.Method} {c.Uri}")));
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? "" : await request.Content.ReadAsStringAsync(cancellationToken);
        var uri = request.RequestUri!;
        if (uri.AbsoluteUri == MetadataUrl)
        {
            Interlocked.Increment(ref _metadataRequests);
            return MetadataUp ? Json(Metadata()) : new HttpResponseMessage(HttpStatusCode.ServiceUnavailable);
        }

        if (uri.AbsoluteUri == KeysUrl)
        {
            return MetadataUp ? Json(KeysAnswer ?? tokens.Jwks().ToJsonString()) : new HttpResponseMessage(HttpStatusCode.ServiceUnavailable);
        }

        if (uri.Host == "token.botframework.test")
        {
            Interlocked.Increment(ref _tokenRequests);
            Calls.Enqueue(new Recorded(request.Method, uri, null, body));
            return Json(TokenAnswer ?? TeamsFixture.Text("auth_token_response.example.json"));
        }

        Calls.Enqueue(new Recorded(request.Method, uri, request.Headers.Authorization?.ToString(), body));
        if (_drops.TryPeek(out var drop) && uri.AbsolutePath.EndsWith(drop, StringComparison.Ordinal) && _drops.TryDequeue(out _))
        {
            throw new HttpRequestException(HttpRequestError.ConnectionError, "The connection was reset.");
        }

        if (_scripted.TryDequeue(out var scripted))
        {
            return scripted;
        }

        if (request.Method == HttpMethod.Get && uri.AbsolutePath.Contains("/members/", StringComparison.Ordinal))
        {
            var member = Uri.UnescapeDataString(uri.AbsolutePath[(uri.AbsolutePath.LastIndexOf('/') + 1)..]);
            var email = MemberEmails.GetValueOrDefault(member, Email);
            return Json(new JsonObject { ["id"] = member, ["name"] = "Rido", ["email"] = email, ["userPrincipalName"] = email }.ToJsonString());
        }

        if (request.Method == HttpMethod.Get && uri.AbsolutePath.Contains("/v3/teams/", StringComparison.Ordinal))
        {
            var team = Uri.UnescapeDataString(uri.AbsolutePath[(uri.AbsolutePath.LastIndexOf('/') + 1)..]);
            return TeamGroups.TryGetValue(team, out var group)
                ? Json(new JsonObject { ["id"] = team, ["name"] = "Product", ["aadGroupId"] = group }.ToJsonString())
                : new HttpResponseMessage(HttpStatusCode.NotFound) { Content = new StringContent("{\"error\":{\"code\":\"NotFound\"}}", Encoding.UTF8, "application/json") };
        }

        if (request.Method == HttpMethod.Post && uri.AbsolutePath.EndsWith("/v3/conversations", StringComparison.Ordinal))
        {
            return Json(TeamsFixture.Text("outbound_create_conversation_1to1.response.json"));
        }

        return Json(new JsonObject { ["id"] = "sent-" + Interlocked.Increment(ref _activityCount) }.ToJsonString());
    }

    private static string Metadata()
    {
        var metadata = TeamsFixture.Json("auth_openid_metadata.example.json");
        metadata["jwks_uri"] = KeysUrl;
        return metadata.ToJsonString();
    }

    private static HttpResponseMessage Json(string body) =>
        new(HttpStatusCode.OK) { Content = new StringContent(body, Encoding.UTF8, "application/json") };

    public sealed record Recorded(HttpMethod Method, Uri Uri, string? Authorization, string Body)
    {
        public JsonObject Json => JsonNode.Parse(Body)!.AsObject();
    }
}

/// <summary>Hands out clients over one handler (or one per named client), as IHttpClientFactory does, for tests without the host.</summary>
public sealed class FakeHttpClients(HttpMessageHandler handler, params (string Name, HttpMessageHandler Handler)[] named) : IHttpClientFactory
{
    public HttpClient CreateClient(string name) =>
        new(named.FirstOrDefault(n => n.Name == name).Handler ?? handler, disposeHandler: false);
}
