using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using ProductOps.Bot.Slack;
using ProductOps.Bot.Slack.Api;
using ProductOps.Bot.Tests.Slack.TestKit;
using ProductOps.Skills.Conversation;

namespace ProductOps.Bot.Tests.Slack;

/// <summary>Files sent to a person's DM through Slack's external upload, against the fake Slack.</summary>
public sealed class SlackFileSenderTests : IAsyncLifetime
{
    private static readonly ChatIdentity Tom = new(Platforms.Slack, "T111", "U123");

    private static readonly FileForPerson Csv = new("feedback.csv", "Feedback export", Encoding.UTF8.GetBytes("id,verbatim\r\n1,ACH payments\r\n"), "Feedback export: 1 item.");

    private FakeSlack _slack = null!;

    public async Task InitializeAsync() => _slack = await FakeSlack.StartAsync();

    public async Task DisposeAsync() => await _slack.DisposeAsync();

    [Fact]
    public async Task Send_ReservesUploadsThenSharesInTheDm()
    {
        using var http = Http();

        var sent = await Sender(http).SendAsync(Tom, Csv, CancellationToken.None);

        Assert.Equal(FileSent.Sent, sent);
        Assert.Equal(["conversations.open", "files.getUploadURLExternal", "upload/F1", "files.completeUploadExternal"], _slack.Calls.Select(c => c.Method));
        var reserve = _slack.CallsOf("files.getUploadURLExternal")[0];
        Assert.StartsWith("application/x-www-form-urlencoded", reserve.ContentType, StringComparison.Ordinal);
        Assert.Equal(("feedback.csv", Csv.Content.Length.ToString(System.Globalization.CultureInfo.InvariantCulture)), (reserve.Arg("filename"), reserve.Arg("length")));
        Assert.Equal("id,verbatim\r\n1,ACH payments\r\n", _slack.CallsOf("upload/F1")[0].Arg("body"));
        Assert.Null(_slack.CallsOf("upload/F1")[0].Authorization);
        var complete = _slack.CallsOf("files.completeUploadExternal")[0];
        Assert.Equal(("DU123", "Feedback export: 1 item."), (complete.Arg("channel_id"), complete.Arg("initial_comment")));
        Assert.Equal(("F1", "Feedback export"), ((string?)complete.Args["files"]![0]!["id"], (string?)complete.Args["files"]![0]!["title"]));
    }

    [Theory]
    [InlineData("conversations.open")]
    [InlineData("files.getUploadURLExternal")]
    [InlineData("files.completeUploadExternal")]
    public async Task Send_AnyStepRefused_ReportsFailedAndStops(string method)
    {
        _slack.Script(method, FakeAnswer.Error("missing_scope"));
        using var http = Http();

        var sent = await Sender(http).SendAsync(Tom, Csv, CancellationToken.None);

        Assert.Equal(FileSent.Failed, sent);
        Assert.Equal(method, _slack.Calls[^1].Method);
    }

    private HttpClient Http() => new() { BaseAddress = new Uri(_slack.ApiBaseUrl), Timeout = TimeSpan.FromSeconds(10) };

    private static SlackFileSender Sender(HttpClient http)
    {
        var options = Options.Create(new SlackOptions { BotToken = SlackFactory.BotToken });
        var api = new SlackApiClient(http, new SlackPacer(TimeProvider.System), options, TimeProvider.System, NullLogger<SlackApiClient>.Instance);
        return new SlackFileSender(api, new SlackDirectMessages(api), options, NullLogger<SlackFileSender>.Instance);
    }
}
