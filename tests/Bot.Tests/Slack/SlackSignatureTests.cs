using System.Text;
using System.Text.Json;
using ProductOps.Bot.Slack.Requests;
using ProductOps.Bot.Tests.Slack.TestKit;

namespace ProductOps.Bot.Tests.Slack;

public sealed class SlackSignatureTests
{
    private static readonly JsonElement Vector = SlackFixture.Json("signature_test_vector.json");
    private static readonly string Secret = Vector.GetProperty("signing_secret").GetString()!;
    private static readonly string Timestamp = Vector.GetProperty("x_slack_request_timestamp").GetString()!;
    private static readonly string Signature = Vector.GetProperty("x_slack_signature").GetString()!;
    private static readonly byte[] Body = SlackFixture.Bytes("slash_command.signing_example.form.txt");
    private static readonly DateTimeOffset SignedAt = DateTimeOffset.FromUnixTimeSeconds(long.Parse(Timestamp, System.Globalization.CultureInfo.InvariantCulture));

    [Fact]
    public void Verify_PublishedExample_IsValid()
    {
        var check = SlackSignature.Verify(Secret, Timestamp, Signature, Body, SignedAt);

        Assert.Equal(SignatureCheck.Valid, check);
        Assert.Equal(Vector.GetProperty("body").GetString(), Encoding.UTF8.GetString(Body));
    }

    [Fact]
    public void Compute_PublishedExample_MatchesExpectedSignature()
    {
        var signature = SlackSignature.Compute(Secret, Timestamp, Body);

        Assert.Equal(Signature, Encoding.ASCII.GetString(signature));
    }

    [Fact]
    public void Verify_WrongSecret_IsMismatch()
    {
        var check = SlackSignature.Verify("8f742231b10e8888abcd99yyyzzz85a6", Timestamp, Signature, Body, SignedAt);

        Assert.Equal(SignatureCheck.Mismatch, check);
    }

    [Fact]
    public void Verify_ChangedBody_IsMismatch()
    {
        var changed = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(Body).Replace("text=", "text=hi", StringComparison.Ordinal));

        var check = SlackSignature.Verify(Secret, Timestamp, Signature, changed, SignedAt);

        Assert.Equal(SignatureCheck.Mismatch, check);
    }

    [Theory]
    [InlineData(301)]
    [InlineData(-301)]
    [InlineData(86_400)]
    public void Verify_TimestampOverFiveMinutesAway_IsStale(int secondsFromSigning)
    {
        var check = SlackSignature.Verify(Secret, Timestamp, Signature, Body, SignedAt.AddSeconds(secondsFromSigning));

        Assert.Equal(SignatureCheck.Stale, check);
    }

    [Theory]
    [InlineData(299)]
    [InlineData(-299)]
    public void Verify_TimestampWithinFiveMinutes_IsValid(int secondsFromSigning)
    {
        var check = SlackSignature.Verify(Secret, Timestamp, Signature, Body, SignedAt.AddSeconds(secondsFromSigning));

        Assert.Equal(SignatureCheck.Valid, check);
    }

    [Theory]
    [InlineData(null, "v0=abc")]
    [InlineData("1531420618", null)]
    [InlineData("", "")]
    public void Verify_MissingHeader_IsRefused(string? timestamp, string? signature)
    {
        var check = SlackSignature.Verify(Secret, timestamp, signature, Body, SignedAt);

        Assert.Equal(SignatureCheck.MissingHeaders, check);
    }

    [Fact]
    public void Verify_V1Signature_IsUnknownVersion()
    {
        var check = SlackSignature.Verify(Secret, Timestamp, "v1=" + Signature[3..], Body, SignedAt);

        Assert.Equal(SignatureCheck.UnknownVersion, check);
    }

    [Theory]
    [InlineData("soon")]
    [InlineData("-1531420618")]
    [InlineData("99999999999999999999")]
    public void Verify_TimestampNotUnixSeconds_IsBadTimestamp(string timestamp)
    {
        var check = SlackSignature.Verify(Secret, timestamp, Signature, Body, SignedAt);

        Assert.Equal(SignatureCheck.BadTimestamp, check);
    }
}
