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
                log.LogWarning(e, "The Bot Framework OpenID metadata or keys are not what they should be; keeping the {Count} last good keys", _keys?.Count ?? 0);
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

    /// <summary>
    /// The keys now published. A document of the wrong shape, or one with no usable key, throws
    /// <see cref="JsonException"/>, so the last good keys stay; a single key that cannot be read is
    /// skipped.
    /// </summary>
    private async Task<IReadOnlyDictionary<string, SigningKey>> FetchAsync(CancellationToken ct)
    {
        var client = http.CreateClient(TeamsSetup.HttpClientName);
        using var metadata = JsonDocument.Parse(await client.GetStringAsync(new Uri(options.Value.OpenIdMetadataUrl), ct));
        if (!Uri.TryCreate(Text(metadata.RootElement, "jwks_uri"), UriKind.Absolute, out var jwks))
        {
            throw new JsonException("The OpenID metadata has no jwks_uri.");
        }

        using var document = JsonDocument.Parse(await client.GetStringAsync(jwks, ct));
        if (document.RootElement.ValueKind != JsonValueKind.Object
            || !document.RootElement.TryGetProperty("keys", out var list) || list.ValueKind != JsonValueKind.Array)
        {
            throw new JsonException("The signing keys document has no keys array.");
        }

        var keys = new Dictionary<string, SigningKey>(StringComparer.Ordinal);
        foreach (var element in list.EnumerateArray())
        {
            if (Read(element) is { } key)
            {
                keys[key.Kid] = key.Key;
            }
        }

        return keys.Count > 0 ? keys : throw new JsonException("The signing keys document has no usable key.");
    }

    private (string Kid, SigningKey Key)? Read(JsonElement element)
    {
        if (Text(element, "kid") is not { Length: > 0 } kid)
        {
            log.LogWarning("A Bot Framework signing key without a kid was skipped");
            return null;
        }

        // The endorsements list is a Bot Framework extension of JWKS: the channels a key may sign for.
        var endorsements = element.TryGetProperty("endorsements", out var list) && list.ValueKind == JsonValueKind.Array
            ? list.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!).ToHashSet(StringComparer.OrdinalIgnoreCase)
            : new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        try
        {
            return (kid, new SigningKey(new JsonWebKey(element.GetRawText()), endorsements));
        }
        catch (ArgumentException e)
        {
            log.LogWarning(e, "Bot Framework signing key {Kid} could not be read; skipped", kid);
            return null;
        }
    }

    private static string? Text(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    public void Dispose()
    {
        _gate.Dispose();
    }
}
