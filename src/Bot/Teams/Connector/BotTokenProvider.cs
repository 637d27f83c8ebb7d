using System.Text.Json;
using Microsoft.Extensions.Options;

namespace ProductOps.Bot.Teams.Connector;

/// <summary>
/// Tokens for calls to the Bot Connector, by the client-credentials grant of the bot's app id and
/// password; one token is cached until five minutes before it expires.
/// </summary>
public sealed class BotTokenProvider(IHttpClientFactory http, IOptions<TeamsOptions> options, TimeProvider clock, ILogger<BotTokenProvider> log) : IDisposable
{
    private static readonly TimeSpan RefreshBeforeExpiry = TimeSpan.FromMinutes(5);

    private readonly SemaphoreSlim _gate = new(1, 1);
    private (string Token, DateTimeOffset ExpiresAt)? _cached;

    /// <summary>The bearer token, or null when no app id is configured (local development: calls go without one).</summary>
    public async Task<string?> GetTokenAsync(CancellationToken ct)
    {
        var settings = options.Value;
        if (!settings.HasCredentials)
        {
            return null;
        }

        if (Fresh() is { } token)
        {
            return token;
        }

        await _gate.WaitAsync(ct);
        try
        {
            if (Fresh() is { } fetched)
            {
                return fetched;
            }

            var endpoint = settings.TokenEndpoint.Replace("{tenant}", string.IsNullOrWhiteSpace(settings.TenantId) ? "botframework.com" : settings.TenantId, StringComparison.Ordinal);
            using var form = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "client_credentials",
                ["client_id"] = settings.AppId!,
                ["client_secret"] = settings.AppPassword ?? "",
                ["scope"] = settings.TokenScope,
            });
            using var response = await http.CreateClient(TeamsSetup.HttpClientName).PostAsync(new Uri(endpoint), form, ct);
            if (!response.IsSuccessStatusCode)
            {
                // The body may echo the request; only the status is logged.
                log.LogError("The token endpoint refused the bot's credentials with {Status}", (int)response.StatusCode);
                throw new HttpRequestException($"The token endpoint answered {(int)response.StatusCode}.", null, response.StatusCode);
            }

            using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct));
            var access = body.RootElement.GetProperty("access_token").GetString()
                         ?? throw new HttpRequestException("The token endpoint answered without an access token.");
            var seconds = body.RootElement.TryGetProperty("expires_in", out var e) && e.TryGetInt32(out var s) ? s : 3600;
            _cached = (access, clock.GetUtcNow().AddSeconds(seconds));
            log.LogInformation("Bot Connector token acquired, valid for {Seconds} s", seconds);
            return access;
        }
        finally
        {
            _gate.Release();
        }
    }

    private string? Fresh() =>
        _cached is { } cached && clock.GetUtcNow() < cached.ExpiresAt - RefreshBeforeExpiry ? cached.Token : null;

    public void Dispose()
    {
        _gate.Dispose();
    }
}
