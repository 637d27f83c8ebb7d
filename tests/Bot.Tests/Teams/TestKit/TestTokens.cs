using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using ProductOps.Bot.Teams.Auth;

namespace ProductOps.Bot.Tests.Teams.TestKit;

/// <summary>
/// A fake Bot Framework token issuer: RSA keys generated here, published as JWKS with the Bot
/// Framework's <c>endorsements</c>, and tokens signed with them.
/// </summary>
public sealed class TestTokens : IDisposable
{
    public const string AppId = "6f1e3a52-9f0c-4c1e-8b7d-2a4f5e6d7c8b";
    public const string EndorsedKid = "endorsed-key";
    public const string UnendorsedKid = "unendorsed-key";

    private readonly RSA _endorsed = RSA.Create(2048);
    private readonly RSA _unendorsed = RSA.Create(2048);
    private readonly RSA _rogue = RSA.Create(2048);

    public enum Signer
    {
        Endorsed,
        Unendorsed,

        /// <summary>A key nobody published, under the endorsed key's id: a bad signature.</summary>
        Rogue,

        /// <summary>A key under an id the metadata does not name.</summary>
        Unknown,
    }

    public JsonObject Jwks() => new()
    {
        ["keys"] = new JsonArray(Jwk(_endorsed, EndorsedKid, "msteams"), Jwk(_unendorsed, UnendorsedKid)),
    };

    public string Issue(
        string serviceUrl,
        string audience = AppId,
        string issuer = TeamsAuthenticator.Issuer,
        DateTimeOffset? notBefore = null,
        DateTimeOffset? expires = null,
        Signer signer = Signer.Endorsed)
    {
        var now = TimeProvider.System.GetUtcNow();
        var (rsa, kid) = signer switch
        {
            Signer.Unendorsed => (_unendorsed, UnendorsedKid),
            Signer.Rogue => (_rogue, EndorsedKid),
            Signer.Unknown => (_rogue, "never-published"),
            _ => (_endorsed, EndorsedKid),
        };
        var start = notBefore ?? now.AddMinutes(-1);
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            NotBefore = start.UtcDateTime,
            IssuedAt = start.UtcDateTime,
            Expires = (expires ?? now.AddHours(1)).UtcDateTime,
            Claims = new Dictionary<string, object> { [TeamsAuthenticator.ServiceUrlClaim] = serviceUrl },
            SigningCredentials = new SigningCredentials(new RsaSecurityKey(rsa) { KeyId = kid }, SecurityAlgorithms.RsaSha256),
        });
    }

    public void Dispose()
    {
        _endorsed.Dispose();
        _unendorsed.Dispose();
        _rogue.Dispose();
    }

    private static JsonObject Jwk(RSA rsa, string kid, params string[] endorsements)
    {
        var key = rsa.ExportParameters(false);
        return new JsonObject
        {
            ["kty"] = "RSA",
            ["use"] = "sig",
            ["kid"] = kid,
            ["n"] = Base64UrlEncoder.Encode(key.Modulus),
            ["e"] = Base64UrlEncoder.Encode(key.Exponent),
            ["endorsements"] = new JsonArray([.. endorsements.Select(e => (JsonNode)e)]),
        };
    }
}
