using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace ProductOps.Bot.Teams.Connector;

/// <summary>
/// Tokens for the bot's app registration by the client-credentials grant of its app id and password:
/// for the Bot Connector, and app-only for Microsoft Graph in the tenant whose team is read. Each
/// (endpoint, tenant, scope) keeps one token until five minutes before it expires.
/// </summary>
public sealed class BotTokenProvider(IHttpClientFactory http, IOptions<TeamsOptions> options, TimeProvider clock, ILogger<BotTokenProvider> log) : IDisposable
{
    public const string GraphScope = "https://graph.microsoft.com/.default";

    private static readonly TimeSpan RefreshBeforeExpiry = TimeSpan.FromMinutes(5);

    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly ConcurrentDictionary<string, (string Token, DateTimeOffset ExpiresAt)> _cached = new(StringComparer.Ordinal);

    /// <summary>The Bot Connector's bearer token, or null when no app id is configured (local development: calls go without one).</summary>
    public async Task<string?> GetTokenAsync(CancellationToken ct)
    {
        var settings = options.Value;
        if (!settings.HasCredentials)
        {
            return null;
        }

        var tenant = string.IsNullOrWhiteSpace(settings.TenantId) ? "botframework.com" : settings.TenantId;
        return await GetAsync(TeamsSetup.HttpClientName, settings.TokenEndpoint, tenant, settings.TokenScope, ct);
    }

    /// <summary>An app-only Microsoft Graph token in <paramref name="tenant"/>; throws <see cref="HttpRequestException"/> when refused.</summary>
    public Task<string> GetGraphTokenAsync(string tenant, CancellationToken ct) =>
        GetAsync(TeamsSetup.GraphClientName, options.Value.GraphTokenEndpoint, tenant, GraphScope, ct);

    private async Task<string> GetAsync(string client, string endpointTemplate, string tenant, string scope, CancellationToken ct)
    {
        var endpoint = endpointTemplate.Replace("{tenant}", Uri.EscapeDataString(tenant), StringComparison.Ordinal);
        var key = endpoint + " " + scope;
        if (Fresh(key) is { } token)
        {
            return token;
        }

        await _gate.WaitAsync(ct);
        try
        {
            if (Fresh(key) is { } fetched)
            {
                return fetched;
            }

            var settings = options.Value;
            using var form = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "client_credentials",
                ["client_id"] = settings.AppId ?? "",
                ["client_secret"] = settings.AppPassword ?? "",
                ["scope"] = scope,
            });
            using var response = await http.CreateClient(client).PostAsync(new Uri(endpoint), form, ct);
            if (!response.IsSuccessStatusCode)
            {
                // The body may echo the request; only the status is logged.
                log.LogError("The token endpoint refused the bot's credentials for {Scope} with {Status}", scope, (int)response.StatusCode);
                throw new HttpRequestException($"The token endpoint answered {(int)response.StatusCode}.", null, response.StatusCode);
            }

            var (access, seconds) = Read(await response.Content.ReadAsStringAsync(ct), endpoint);
            _cached[key] = (access, clock.GetUtcNow().AddSeconds(seconds));
            log.LogInformation("Token for {Scope} acquired, valid for {Seconds} s", scope, seconds);
            return access;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// The token and its lifetime from a successful answer. An answer without a token (a proxy's page,
    /// an endpoint that is not a token endpoint) fails like a refusal, saying what was wrong; the body
    /// is not quoted, as it may echo the request.
    /// </summary>
    private static (string Token, int Seconds) Read(string answer, string endpoint)
    {
        try
        {
            using var body = JsonDocument.Parse(answer);
            if (body.RootElement.ValueKind == JsonValueKind.Object
                && body.RootElement.TryGetProperty("access_token", out var token) && token.ValueKind == JsonValueKind.String && token.GetString() is { Length: > 0 } access)
            {
                var seconds = body.RootElement.TryGetProperty("expires_in", out var e) && e.TryGetInt32(out var s) ? s : 3600;
                return (access, seconds);
            }
        }
        catch (JsonException)
        {
            // Not JSON at all: the same failure as JSON without a token.
        }

        throw new HttpRequestException($"The token endpoint {endpoint} answered without an access_token; check Teams:TokenEndpoint (or Teams:GraphTokenEndpoint).");
    }

    private string? Fresh(string key) =>
        _cached.TryGetValue(key, out var cached) && clock.GetUtcNow() < cached.ExpiresAt - RefreshBeforeExpiry ? cached.Token : null;

    public void Dispose()
    {
        _gate.Dispose();
    }
}
