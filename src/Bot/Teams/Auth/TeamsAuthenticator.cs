using System.Collections.Concurrent;
using System.Net;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace ProductOps.Bot.Teams.Auth;

/// <summary>A validated channel token: the service URL it was issued for and the channels its key is endorsed for.</summary>
public sealed record ChannelToken(string? ServiceUrl, IReadOnlySet<string> Endorsements);

/// <summary>
/// Checks the bearer token Teams sends with every activity, as the Bot Framework requires: signed
/// by a key from the OpenID metadata, issued by the Bot Framework for this bot, within its lifetime
/// (5 minutes' skew), the key endorsed for the activity's channel, and issued for the activity's
/// service URL. Reasons are for the log only; the caller answers 401 without them.
/// The Bot Framework sends the same token with every activity until it nears expiry, so a token
/// whose signature, issuer and audience were checked is remembered (by its exact text) with its
/// lifetime and key: later activities with it check only the lifetime against the clock and that
/// the metadata still names the same key, instead of verifying the RSA signature again.
/// </summary>
public sealed class TeamsAuthenticator(BotFrameworkKeys keys, IOptions<TeamsOptions> options, TimeProvider clock)
{
    public const string Issuer = "https://api.botframework.com";
    public const string ServiceUrlClaim = "serviceurl";
    public static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);

    /// <summary>Validated tokens remembered at most; a few per channel are live at any time.</summary>
    public const int MaxRemembered = 1024;

    private static readonly JsonWebTokenHandler Handler = new() { MapInboundClaims = false };

    private readonly ConcurrentDictionary<string, Validated> _validated = new(StringComparer.Ordinal);

    /// <summary>Validates the Authorization header; returns the token or the reason it was refused.</summary>
    public async Task<(ChannelToken? Token, string? Reason)> ValidateAsync(string? authorization, CancellationToken ct)
    {
        if (authorization is null || !authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return (null, "no bearer token");
        }

        var raw = authorization["Bearer ".Length..].Trim();
        if (_validated.TryGetValue(raw, out var seen))
        {
            if (!WithinLifetime(seen.NotBefore, seen.Expires))
            {
                _validated.TryRemove(raw, out _);
                return (null, "SecurityTokenInvalidLifetimeException");
            }

            // The same key object while the metadata is unchanged; a refresh that drops or replaces it validates afresh.
            if (await keys.FindAsync(seen.Kid, ct) is { } current && ReferenceEquals(current, seen.Key))
            {
                return (seen.Token, null);
            }

            _validated.TryRemove(raw, out _);
        }

        if (!Handler.CanReadToken(raw))
        {
            return (null, "malformed token");
        }

        var jwt = Handler.ReadJsonWebToken(raw);
        var kid = jwt.Kid;
        if (string.IsNullOrEmpty(kid) || await keys.FindAsync(kid, ct) is not { } key)
        {
            return (null, "unknown signing key");
        }

        var result = await Handler.ValidateTokenAsync(raw, new TokenValidationParameters
        {
            ValidIssuer = Issuer,
            ValidAudience = options.Value.AppId,
            IssuerSigningKey = key.Key,
            ValidAlgorithms = [SecurityAlgorithms.RsaSha256, SecurityAlgorithms.RsaSha384, SecurityAlgorithms.RsaSha512],
            RequireSignedTokens = true,
            RequireExpirationTime = true,
            ValidateLifetime = true,
            ClockSkew = ClockSkew,
            LifetimeValidator = WithinLifetime,
        });
        if (!result.IsValid)
        {
            return (null, result.Exception?.GetType().Name ?? "invalid token");
        }

        var token = new ChannelToken(result.Claims.TryGetValue(ServiceUrlClaim, out var url) ? url as string : null, key.Endorsements);
        if (_validated.Count >= MaxRemembered)
        {
            _validated.Clear();
        }

        _validated[raw] = new Validated(token, kid, key, NullIfUnset(jwt.ValidFrom), NullIfUnset(jwt.ValidTo));
        return (token, null);
    }

    // Lifetime against the app's clock (tests move it), with the Bot Framework's 5 minutes' skew.
    private bool WithinLifetime(DateTime? notBefore, DateTime? expires, SecurityToken token, TokenValidationParameters parameters) =>
        WithinLifetime(notBefore, expires);

    private bool WithinLifetime(DateTime? notBefore, DateTime? expires)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        return expires is { } exp && now - ClockSkew <= exp && (notBefore is not { } nbf || nbf <= now + ClockSkew);
    }

    // JsonWebToken reports a missing nbf/exp as DateTime.MinValue; the validator saw them as absent.
    private static DateTime? NullIfUnset(DateTime value) => value == DateTime.MinValue ? null : value;

    private sealed record Validated(ChannelToken Token, string Kid, SigningKey Key, DateTime? NotBefore, DateTime? Expires);

    /// <summary>The activity-bound checks: the key is endorsed for the activity's channel and the token was issued for its service URL.</summary>
    public static string? Mismatch(ChannelToken token, Activity activity)
    {
        if (string.IsNullOrEmpty(activity.ChannelId) || !token.Endorsements.Contains(activity.ChannelId))
        {
            return "signing key not endorsed for the channel";
        }

        if (token.ServiceUrl is null || !string.Equals(token.ServiceUrl, activity.ServiceUrl, StringComparison.OrdinalIgnoreCase))
        {
            return "serviceurl claim does not match the activity";
        }

        return null;
    }

    /// <summary>Development mode: no app id, the explicit setting, and a request from this machine.</summary>
    public static bool AllowsAnonymous(TeamsOptions options, IPAddress? remote) =>
        !options.HasCredentials && options.AllowUnauthenticatedLoopback && remote is not null && IPAddress.IsLoopback(remote);
}
