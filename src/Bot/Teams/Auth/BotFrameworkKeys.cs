using System.Text.Json;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace ProductOps.Bot.Teams.Auth;

/// <summary>A key that signs Bot Framework channel tokens, with the channels it is endorsed for.</summary>
public sealed record SigningKey(SecurityKey Key, IReadOnlySet<string> Endorsements);

/// <summary>
/// The signing keys named by the Bot Framework OpenID metadata. Cached, refreshed when a day old
/// and when a token names an unknown key (the keys roll over), but at most every few minutes so
/// made-up key ids cannot flood the metadata endpoint. A failed refresh keeps the last good keys.
/// </summary>
public sealed class BotFrameworkKeys(IHttpClientFactory http, IOptions<TeamsOptions> options, TimeProvider clock, ILogger<BotFrameworkKeys> log) : IDisposable
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromHours(24);
    public static readonly TimeSpan MinRefreshGap = TimeSpan.FromMinutes(5);

    private readonly SemaphoreSlim _gate = new(1, 1);
    private IReadOnlyDictionary<string, SigningKey>? _keys;
    private DateTimeOffset _fetchedAt;
    private DateTimeOffset? _lastAttempt;

    /// <summary>The key with this id, or null when the metadata does not name it even after a refresh.</summary>
    public async Task<SigningKey?> FindAsync(string kid, CancellationToken ct)
    {
        var keys = _keys;
        if (keys is null || clock.GetUtcNow() - _fetchedAt >= MaxAge)
        {
            keys = await RefreshAsync(keys, ct);
        }

        if (keys?.GetValueOrDefault(kid) is { } key)
        {
            return key;
        }

        keys = await RefreshAsync(keys, ct);
        return keys?.GetValueOrDefault(kid);
    }

    private async Task<IReadOnlyDictionary<string, SigningKey>?> RefreshAsync(IReadOnlyDictionary<string, SigningKey>? seen, CancellationToken ct)
    {
        await _gate.WaitAsync(ct);
        try
        {
            // Another request refreshed while this one waited.
            if (!ReferenceEquals(_keys, seen) && _keys is not null)
            {
                return _keys;
            }

            var now = clock.GetUtcNow();
            if (_lastAttempt is { } last && now - last < MinRefreshGap)
            {
                return _keys;
            }

            _lastAttempt = now;
            try
            {
                _keys = await FetchAsync(ct);
                _fetchedAt = now;
                log.LogInformation("Bot Framework signing keys loaded: {Count} keys", _keys.Count);
            }
            catch (HttpRequestException e)
            {
                log.LogWarning(e, "Could not refresh the Bot Framework signing keys; keeping the {Count} last good keys", _keys?.Count ?? 0);
            }
            catch (JsonException e)
            {
                log.LogWarning(e, "The Bot Framework OpenID metadata or keys are not valid JSON; keeping the {Count} last good keys", _keys?.Count ?? 0);
            }
            catch (TaskCanceledException e) when (!ct.IsCancellationRequested)
            {
                log.LogWarning(e, "Fetching the Bot Framework signing keys timed out; keeping the {Count} last good keys", _keys?.Count ?? 0);
            }

            return _keys;
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<IReadOnlyDictionary<string, SigningKey>> FetchAsync(CancellationToken ct)
    {
        var client = http.CreateClient(TeamsSetup.HttpClientName);
        using var metadata = JsonDocument.Parse(await client.GetStringAsync(new Uri(options.Value.OpenIdMetadataUrl), ct));
        var jwksUri = metadata.RootElement.TryGetProperty("jwks_uri", out var uri) ? uri.GetString() : null;
        if (!Uri.TryCreate(jwksUri, UriKind.Absolute, out var jwks))
        {
            throw new JsonException("The OpenID metadata has no jwks_uri.");
        }

        using var document = JsonDocument.Parse(await client.GetStringAsync(jwks, ct));
        var keys = new Dictionary<string, SigningKey>(StringComparer.Ordinal);
        foreach (var element in document.RootElement.GetProperty("keys").EnumerateArray())
        {
            if (!element.TryGetProperty("kid", out var kid) || kid.GetString() is not { Length: > 0 } id)
            {
                continue;
            }

            // The endorsements list is a Bot Framework extension of JWKS: the channels a key may sign for.
            var endorsements = element.TryGetProperty("endorsements", out var list) && list.ValueKind == JsonValueKind.Array
                ? list.EnumerateArray().Select(e => e.GetString()).OfType<string>().ToHashSet(StringComparer.OrdinalIgnoreCase)
                : new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            keys[id] = new SigningKey(new JsonWebKey(element.GetRawText()), endorsements);
        }

        return keys;
    }

    public void Dispose()
    {
        _gate.Dispose();
    }
}
