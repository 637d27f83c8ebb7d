using System.Buffers;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;

namespace ProductOps.Bot.Slack.Requests;

public enum SignatureCheck
{
    Valid,
    MissingHeaders,
    UnknownVersion,
    BadTimestamp,
    Stale,
    Mismatch,
}

/// <summary>
/// Slack's v0 request signature: HMAC-SHA256 with the signing secret over <c>v0:{timestamp}:{raw body}</c>,
/// hex, prefixed <c>v0=</c>. Compared in constant time; timestamps more than five minutes away from
/// now, in either direction, are refused so a captured request cannot be replayed.
/// </summary>
public static class SlackSignature
{
    public const string SignatureHeader = "X-Slack-Signature";
    public const string TimestampHeader = "X-Slack-Request-Timestamp";

    public static readonly TimeSpan Window = TimeSpan.FromMinutes(5);

    private const string Version = "v0";

    private static SecretKey? _key;

    public static SignatureCheck Verify(string secret, string? timestamp, string? signature, ReadOnlySpan<byte> body, DateTimeOffset now)
    {
        if (string.IsNullOrEmpty(timestamp) || string.IsNullOrEmpty(signature))
        {
            return SignatureCheck.MissingHeaders;
        }

        if (!signature.StartsWith(Version + "=", StringComparison.Ordinal))
        {
            return SignatureCheck.UnknownVersion;
        }

        if (!long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            || seconds > DateTimeOffset.MaxValue.ToUnixTimeSeconds())
        {
            return SignatureCheck.BadTimestamp;
        }

        if ((now - DateTimeOffset.FromUnixTimeSeconds(seconds)).Duration() > Window)
        {
            return SignatureCheck.Stale;
        }

        return Matches(secret, timestamp, body, signature) ? SignatureCheck.Valid : SignatureCheck.Mismatch;
    }

    /// <summary>Whether <paramref name="signature"/> is this body's; built on the stack, as every request pays for it.</summary>
    private static bool Matches(string secret, string timestamp, ReadOnlySpan<byte> body, string signature)
    {
        // The timestamp parsed as digits only, so it is ASCII: one byte per character.
        var prefixLength = Version.Length + timestamp.Length + 2;
        var rented = ArrayPool<byte>.Shared.Rent(prefixLength + body.Length);
        Span<byte> hash = stackalloc byte[HMACSHA256.HashSizeInBytes];
        try
        {
            var message = rented.AsSpan(0, prefixLength + body.Length);
            var at = Encoding.ASCII.GetBytes($"{Version}:", message);
            at += Encoding.ASCII.GetBytes(timestamp, message[at..]);
            message[at++] = (byte)':';
            body.CopyTo(message[at..]);
            HMACSHA256.HashData(Key(secret), message, hash);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }

        Span<char> expected = stackalloc char[Version.Length + 1 + (HMACSHA256.HashSizeInBytes * 2)];
        $"{Version}=".CopyTo(expected);
        Convert.TryToHexStringLower(hash, expected[(Version.Length + 1)..], out _);
        return CryptographicOperations.FixedTimeEquals(MemoryMarshal.AsBytes(expected), MemoryMarshal.AsBytes(signature.AsSpan()));
    }

    /// <summary>The secret's bytes, kept while the secret stays the same.</summary>
    private static byte[] Key(string secret)
    {
        var key = Volatile.Read(ref _key);
        if (key is null || !ReferenceEquals(key.Secret, secret))
        {
            key = new SecretKey(secret, Encoding.UTF8.GetBytes(secret));
            Volatile.Write(ref _key, key);
        }

        return key.Bytes;
    }

    private sealed record SecretKey(string Secret, byte[] Bytes);

    /// <summary>The ASCII bytes of <c>v0=&lt;hex&gt;</c> for a body; tests sign their requests with it.</summary>
    public static byte[] Compute(string secret, string timestamp, ReadOnlySpan<byte> body)
    {
        var prefix = Encoding.UTF8.GetBytes($"{Version}:{timestamp}:");
        var message = new byte[prefix.Length + body.Length];
        prefix.CopyTo(message, 0);
        body.CopyTo(message.AsSpan(prefix.Length));
        var hash = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), message);
        return Encoding.ASCII.GetBytes(Version + "=" + Convert.ToHexStringLower(hash));
    }
}
