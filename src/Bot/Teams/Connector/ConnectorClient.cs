using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace ProductOps.Bot.Teams.Connector;

/// <summary>What the Bot Connector answered: the status, the new id where one was made, and Retry-After.</summary>
public sealed record ConnectorResult(HttpStatusCode Status, string? Id = null, TimeSpan? RetryAfter = null, string? Error = null)
{
    public bool IsSuccess => (int)Status is >= 200 and < 300;

    /// <summary>The statuses Teams asks bots to retry: throttling, precondition failed and gateway errors.</summary>
    public bool IsRetryable => Status is HttpStatusCode.TooManyRequests or HttpStatusCode.PreconditionFailed
        or HttpStatusCode.BadGateway or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout;

    /// <summary>403 because the user blocked or uninstalled the bot: writes to them fail until they add it again.</summary>
    public bool IsBlocked => Status == HttpStatusCode.Forbidden && Error is { } e
        && (e.Contains("MessageWritesBlocked", StringComparison.OrdinalIgnoreCase)
            || e.Contains("ConversationBlockedByUser", StringComparison.OrdinalIgnoreCase)
            || e.Contains("BotNotInConversationRoster", StringComparison.OrdinalIgnoreCase));
}

/// <summary>
/// The Bot Connector REST operations ProductOps uses. Calls go only to trusted service URLs, carry
/// the bot token, and are paced below Teams' limits (<see cref="ConnectorPacing"/>).
/// </summary>
public sealed class ConnectorClient(IHttpClientFactory http, BotTokenProvider tokens, TrustedServiceUrls trusted, ConnectorPacing pacing, ILogger<ConnectorClient> log)
{
    private static readonly TimeSpan ReconnectDelay = TimeSpan.FromMilliseconds(50);

    public Task<ConnectorResult> SendAsync(string serviceUrl, string conversationId, Activity activity, CancellationToken ct) =>
        CallAsync(HttpMethod.Post, serviceUrl, conversationId, $"v3/conversations/{Id(conversationId)}/activities", activity, ct);

    public Task<ConnectorResult> ReplyAsync(string serviceUrl, string conversationId, string activityId, Activity activity, CancellationToken ct) =>
        CallAsync(HttpMethod.Post, serviceUrl, conversationId, $"v3/conversations/{Id(conversationId)}/activities/{Id(activityId)}", activity, ct);

    public Task<ConnectorResult> UpdateAsync(string serviceUrl, string conversationId, string activityId, Activity activity, CancellationToken ct) =>
        CallAsync(HttpMethod.Put, serviceUrl, conversationId, $"v3/conversations/{Id(conversationId)}/activities/{Id(activityId)}", activity, ct);

    public Task<ConnectorResult> CreateConversationAsync(string serviceUrl, ConversationParameters parameters, CancellationToken ct) =>
        CallAsync(HttpMethod.Post, serviceUrl, "create:" + parameters.Members[0].Id, "v3/conversations", parameters, ct);

    /// <summary>One member with the e-mail and UPN activities lack; null when Teams does not answer.</summary>
    public Task<TeamsMember?> GetMemberAsync(string serviceUrl, string conversationId, string memberId, CancellationToken ct) =>
        ReadAsync<TeamsMember>(serviceUrl, conversationId, $"v3/conversations/{Id(conversationId)}/members/{Id(memberId)}", ct);

    /// <summary>A team's details, with the Microsoft 365 group id most activities lack; null when Teams does not answer.</summary>
    public Task<TeamInfo?> GetTeamAsync(string serviceUrl, string teamId, CancellationToken ct) =>
        ReadAsync<TeamInfo>(serviceUrl, teamId, $"v3/teams/{Id(teamId)}", ct);

    private async Task<T?> ReadAsync<T>(string serviceUrl, string conversationId, string path, CancellationToken ct)
    {
        using var request = await RequestAsync(HttpMethod.Get, serviceUrl, path, null, ct);
        await pacing.WaitAsync(serviceUrl, conversationId, ct);
        using var response = await http.CreateClient(TeamsSetup.HttpClientName).SendAsync(request, ct);
        if (!response.IsSuccessStatusCode)
        {
            log.LogWarning("Bot Connector GET {Path} answered {Status}", path, (int)response.StatusCode);
            return default;
        }

        return await response.Content.ReadFromJsonAsync<T>(TeamsJson.Options, ct);
    }

    private async Task<ConnectorResult> CallAsync<T>(HttpMethod method, string serviceUrl, string conversationId, string path, T body, CancellationToken ct)
    {
        using var request = await RequestAsync(method, serviceUrl, path, Json(body), ct);
        await pacing.WaitAsync(serviceUrl, conversationId, ct);
        try
        {
            using var response = await http.CreateClient(TeamsSetup.HttpClientName).SendAsync(request, ct);
            return await ResultAsync(response, method, path, ct);
        }
        catch (HttpRequestException e)
        {
            // A dropped connection is a gateway error to the callers: retried, never a lost answer. A fresh
            // connection usually works at once, so the retry comes soon rather than after a 5xx's backoff.
            log.LogWarning("Bot Connector {Method} {Path} could not be reached: {Reason}", method.Method, path, e.HttpRequestError);
            return new ConnectorResult(HttpStatusCode.ServiceUnavailable, RetryAfter: ReconnectDelay, Error: "connection failed: " + e.HttpRequestError);
        }
        catch (TaskCanceledException) when (!ct.IsCancellationRequested)
        {
            log.LogWarning("Bot Connector {Method} {Path} timed out", method.Method, path);
            return new ConnectorResult(HttpStatusCode.GatewayTimeout, Error: "timed out");
        }
    }

    private async Task<ConnectorResult> ResultAsync(HttpResponseMessage response, HttpMethod method, string path, CancellationToken ct)
    {
        var text = await response.Content.ReadAsStringAsync(ct);
        var correlation = response.Headers.TryGetValues("X-Correlating-OperationId", out var values) ? values.FirstOrDefault() : null;
        if (response.IsSuccessStatusCode)
        {
            var made = text.Length == 0 ? null : JsonSerializer.Deserialize<ResourceResponse>(text, TeamsJson.Options);
            return new ConnectorResult(response.StatusCode, made?.Id ?? made?.ActivityId);
        }

        var retryAfter = response.Headers.RetryAfter switch
        {
            { Delta: { } delta } => delta,
            { Date: { } date } when response.Headers.Date is { } sent => date - sent,
            _ => (TimeSpan?)null,
        };
        log.LogWarning("Bot Connector {Method} {Path} answered {Status} (operation {CorrelationId})", method.Method, path, (int)response.StatusCode, correlation);
        return new ConnectorResult(response.StatusCode, null, retryAfter, text.Length > 2000 ? text[..2000] : text);
    }

    private async Task<HttpRequestMessage> RequestAsync(HttpMethod method, string serviceUrl, string path, HttpContent? content, CancellationToken ct)
    {
        if (!trusted.IsTrusted(serviceUrl) || !Uri.TryCreate(TrustedServiceUrls.Normalize(serviceUrl) + "/", UriKind.Absolute, out var baseUri))
        {
            throw new InvalidOperationException("The service URL was not seen on an authenticated activity; the bot token is not sent there.");
        }

        var request = new HttpRequestMessage(method, new Uri(baseUri, path)) { Content = content };
        if (await tokens.GetTokenAsync(ct) is { } token)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return request;
    }

    /// <summary>
    /// The body with its length: a streamed (chunked) body is legal HTTP/1.1, but a server or proxy
    /// that does not read it closes the connection, and every later call then pays a new one.
    /// </summary>
    private static ByteArrayContent Json<T>(T body) =>
        new(JsonSerializer.SerializeToUtf8Bytes(body, TeamsJson.Options)) { Headers = { ContentType = new MediaTypeHeaderValue("application/json", "utf-8") } };

    private static string Id(string id) => Uri.EscapeDataString(id);
}
