using System.Net.Http.Headers;
using System.Text;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using ProductOps.Bot.Slack.Requests;
using ProductOps.Bot.Tests.TestKit;
using ProductOps.Skills.Admin;
using ProductOps.Skills.Conversation;
using ProductOps.Storage.People;

namespace ProductOps.Bot.Tests.Slack.TestKit;

/// <summary>
/// The real app with Slack switched on against a <see cref="FakeSlack"/>, over a temp SQLite file.
/// People come from the real SQL store, so chat users are resolved and linked by e-mail as in production.
/// </summary>
public sealed class SlackFactory(FakeSlack slack, params (string Key, string Value)[] settings)
    : ProductOpsFactory([("Slack:ApiBaseUrl", slack.ApiBaseUrl), ("SLACK_SIGNING_SECRET", Secret), ("SLACK_BOT_TOKEN", BotToken), .. settings])
{
    public const string Secret = "8f742231b10e8888abcd99yyyzzz85a5";
    public const string BotToken = "xoxb-test-token";

    public FakeSlack Slack => slack;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services =>
        {
            services.RemoveAll<IPeopleStore>();
            services.RemoveAll<IPersonResolver>();
            services.AddSingleton<IPeopleStore>(sp => sp.GetRequiredService<SqlPeopleStore>());
            services.AddSingleton<IPersonResolver>(sp => sp.GetRequiredService<SqlPeopleStore>());
        });
    }

    /// <summary>A request signed as Slack signs it, at the current time unless told otherwise.</summary>
    public static HttpRequestMessage SignedRequest(string path, string body, string contentType, DateTimeOffset? at = null, string secret = Secret)
    {
        var timestamp = (at ?? TimeProvider.System.GetUtcNow()).ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        var bytes = Encoding.UTF8.GetBytes(body);
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new ByteArrayContent(bytes) };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        request.Headers.Add(SlackSignature.TimestampHeader, timestamp);
        request.Headers.Add(SlackSignature.SignatureHeader, Encoding.ASCII.GetString(SlackSignature.Compute(secret, timestamp, bytes)));
        return request;
    }

    public static HttpRequestMessage Form(string path, IEnumerable<(string Key, string Value)> fields) =>
        SignedRequest(path, string.Join("&", fields.Select(f => $"{Uri.EscapeDataString(f.Key)}={Uri.EscapeDataString(f.Value)}")), "application/x-www-form-urlencoded");

    public static HttpRequestMessage Json(string path, string json) => SignedRequest(path, json, "application/json");
}
