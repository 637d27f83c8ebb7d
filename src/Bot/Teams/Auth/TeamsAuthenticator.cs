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
/// </summary>
public sealed class TeamsAuthenticator(BotFrameworkKeys keys, IOptions<TeamsOptions> options, TimeProvider clock)
{
    public const string Issuer = "https://api.botframework.com";
    public const string ServiceUrlClaim = "serviceurl";
    public static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);

    private static readonly JsonWebTokenHandler Handler = new() { MapInboundClaims = false };

    /// <summary>Validates the Authorization header; returns the token or the reason it was refused.</summary>
    public async Task<(ChannelToken? Token, string? Reason)> ValidateAsync(string? authorization, CancellationToken ct)
    {
        if (authorization is null || !authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return (null, "no bearer token");
        }

        var raw = authorization["Bearer ".Length..].Trim();
        if (!Handler.CanReadToken(raw))
        {
            return (null, "malformed token");
        }

        var kid = Handler.ReadJsonWebToken(raw).Kid;
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

        return (new ChannelToken(result.Claims.TryGetValue(ServiceUrlClaim, out var url) ? url as string : null, key.Endorsements), null);
    }

    // Lifetime against the app's clock (tests move it), with the Bot Framework's 5 minutes' skew.
    private bool WithinLifetime(DateTime? notBefore, DateTime? expires, SecurityToken token, TokenValidationParameters parameters)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        return expires is { } exp && now - ClockSkew <= exp && (notBefore is not { } nbf || nbf <= now + ClockSkew);
    }

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
