using System.Globalization;
using System.Security.Cryptography;
using System.Text;

var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.ClearProviders();
var app = builder.Build();
var secret = Encoding.UTF8.GetBytes(Environment.GetEnvironmentVariable("SLACK_SIGNING_SECRET") ?? "");
var clock = TimeProvider.System;

app.MapPost("/slack/commands", async (HttpRequest request) =>
{
    using var buffer = new MemoryStream();
    await request.Body.CopyToAsync(buffer);
    var timestamp = request.Headers["X-Slack-Request-Timestamp"].ToString();
    var signature = request.Headers["X-Slack-Signature"].ToString();
    if (!long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
        || Math.Abs(clock.GetUtcNow().ToUnixTimeSeconds() - seconds) > 300)
    {
        return Results.Unauthorized();
    }

    var signed = Encoding.UTF8.GetBytes($"v0:{timestamp}:").Concat(buffer.ToArray()).ToArray();
    var expected = Encoding.ASCII.GetBytes("v0=" + Convert.ToHexStringLower(HMACSHA256.HashData(secret, signed)));
    return CryptographicOperations.FixedTimeEquals(expected, Encoding.ASCII.GetBytes(signature))
        ? Results.Text("{\"ok\":true}", "application/json")
        : Results.Unauthorized();
});

await app.RunAsync();
