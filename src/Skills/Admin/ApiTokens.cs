using System.Security.Cryptography;
using System.Text;

namespace ProductOps.Skills.Admin;

/// <summary>
/// Makes and checks API tokens. A token is 32 random bytes, so a plain SHA-256 hash is enough to
/// store it safely (no salt or slow hash needed against guessing); the prefix lets admins tell
/// tokens apart without revealing them.
/// </summary>
public static class ApiTokens
{
    public const string Scheme = "po_";

    public static (string Token, string Hash, string Prefix) New()
    {
        var token = Scheme + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))
            .TrimEnd('=').Replace('+', '-').Replace('/', '_');
        return (token, Hash(token), token[..(Scheme.Length + 6)]);
    }

    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token.Trim())));
}
