using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using ProductOps.Bot.Outbox;
using ProductOps.Bot.Slack;
using ProductOps.Bot.Slack.Api;
using ProductOps.Bot.Slack.Rendering;
using ProductOps.Bot.Tests.Slack.TestKit;
using ProductOps.Skills.Conversation;

namespace ProductOps.Bot.Tests.Slack;

/// <summary>The Web API client and the outbox sender against the fake Slack: pacing, 429s, 5xx, timeouts and error codes.</summary>
public sealed class SlackApiClientTests : IAsyncLifetime
{
    private FakeSlack _slack = null!;

    public async Task InitializeAsync() => _slack = await FakeSlack.StartAsync();

    public async Task DisposeAsync() => await _slack.DisposeAsync();

    [Fact]
    public async Task Call_WriteMethod_SendsJsonWithBotToken()
    {
        using var http = Http();
        var api = Client(http);

        var call = await api.PostMessageAsync("C1", new SlackMessageBody("hi", []), "1.2", CancellationToken.None);

        Assert.True(call.Ok);
        var sent = Assert.Single(_slack.Calls);
        Assert.Equal("chat.postMessage", sent.Method);
        Assert.Equal("Bearer " + SlackFactory.BotToken, sent.Authorization);
        Assert.StartsWith("application/json", sent.ContentType, StringComparison.Ordinal);
        Assert.Equal(("C1", "hi", "1.2"), (sent.Arg("channel"), sent.Arg("text"), sent.Arg("thread_ts")));
    }

    [Fact]
    public async Task Call_ReadMethod_SendsForm()
    {
        using var http = Http();
        var api = Client(http);

        var call = await api.UserInfoAsync("U1", CancellationToken.None);

        Assert.Equal("u1", call.Text("user.name"));
        Assert.StartsWith("application/x-www-form-urlencoded", Assert.Single(_slack.Calls).ContentType, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Replies_ReadMethod_SendsForm()
    {
        using var http = Http();
        var api = Client(http);

        await api.RepliesAsync("C1", "1700000000.000100", 1, CancellationToken.None);

        var sent = Assert.Single(_slack.Calls);
        Assert.StartsWith("application/x-www-form-urlencoded", sent.ContentType, StringComparison.Ordinal);
        Assert.Equal(("C1", "1700000000.000100", "1"), (sent.Arg("channel"), sent.Arg("ts"), sent.Arg("limit")));
    }

    [Fact]
    public async Task Call_RateLimited_WaitsRetryAfterThenSucceeds()
    {
        _slack.Script("views.open", FakeAnswer.RateLimited(1));
        using var http = Http();
        var api = Client(http);

        var call = await api.OpenViewAsync("t", [], CancellationToken.None);

        Assert.True(call.Ok);
        var calls = _slack.CallsOf("views.open");
        Assert.Equal(2, calls.Count);
        Assert.True(calls[1].At - calls[0].At >= TimeSpan.FromSeconds(1));
    }

    [Fact]
    public async Task Respond_RateLimited_WaitsRetryAfterThenSucceeds()
    {
        _slack.Script("respond/r1", FakeAnswer.RateLimited(1));
        using var http = Http();
        var api = Client(http);

        var call = await api.RespondAsync(_slack.ResponseUrl("r1"), new JsonObject { ["text"] = "hi" }, CancellationToken.None);

        Assert.True(call.Ok);
        AssertRetriedOnceAfterASecond("respond/r1");
    }

    [Fact]
    public async Task Upload_RateLimited_WaitsRetryAfterThenSucceeds()
    {
        _slack.Script("upload/F1", FakeAnswer.RateLimited(1));
        using var http = Http();
        var api = Client(http);

        var call = await api.UploadAsync(_slack.BaseUrl + "upload/F1", "a,b\n1,2"u8.ToArray(), CancellationToken.None);

        Assert.True(call.Ok);
        AssertRetriedOnceAfterASecond("upload/F1");
    }

    [Fact]
    public async Task Call_RetryAfterOverAMinute_HandsTheWaitBackInsteadOfHolding()
    {
        _slack.Script("chat.postMessage", FakeAnswer.RateLimited(3600));
        using var http = Http();
        var api = Client(http);

        var call = await api.PostMessageAsync("C1", new SlackMessageBody("hi", []), null, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal("ratelimited", call.Error);
        Assert.Equal(TimeSpan.FromHours(1), call.RetryAfter);
        Assert.Single(_slack.CallsOf("chat.postMessage"));
    }

    [Fact]
    public async Task Call_ServerErrorThenOk_IsRetried()
    {
        _slack.Script("chat.update", FakeAnswer.HttpStatus(500), FakeAnswer.HttpStatus(503));
        using var http = Http();
        var api = Client(http);

        var call = await api.UpdateMessageAsync("C1", "1.2", new SlackMessageBody("edited", []), CancellationToken.None);

        Assert.True(call.Ok);
        Assert.Equal(3, _slack.CallsOf("chat.update").Count);
    }

    [Fact]
    public async Task Call_AlwaysServerError_GivesUpAsTransient()
    {
        _slack.Script("users.lookupByEmail", Enumerable.Repeat(FakeAnswer.HttpStatus(500), 10).ToArray());
        using var http = Http();
        var api = Client(http);

        var call = await api.LookupByEmailAsync("a@b.test", CancellationToken.None);

        Assert.False(call.Ok);
        Assert.Equal("http_500", call.Error);
        Assert.True(call.IsTransient);
        Assert.Equal(4, _slack.CallsOf("users.lookupByEmail").Count);
    }

    [Fact]
    public async Task Call_Timeout_IsRetried()
    {
        _slack.Script("views.update", FakeAnswer.Hang(TimeSpan.FromSeconds(5)));
        using var http = Http(TimeSpan.FromSeconds(1));
        var api = Client(http);

        var call = await api.UpdateViewAsync("V1", [], "h1", CancellationToken.None);

        Assert.True(call.Ok);
        Assert.Equal(2, _slack.CallsOf("views.update").Count);
        Assert.Equal("h1", _slack.CallsOf("views.update")[1].Arg("hash"));
    }

    [Fact]
    public async Task Call_OkFalse_ReturnsTheCodeWithoutRetrying()
    {
        _slack.Script("chat.postEphemeral", FakeAnswer.Error("user_not_in_channel"));
        using var http = Http();
        var api = Client(http);

        var call = await api.PostEphemeralAsync("C1", "U1", new SlackMessageBody("x", []), null, CancellationToken.None);

        Assert.Equal("user_not_in_channel", call.Error);
        Assert.False(call.IsTransient);
        Assert.Single(_slack.Calls);
    }

    [Fact]
    public async Task Respond_MrkdwnEntitiesAndNonAsciiText_AreSentAsTheyAre()
    {
        using var http = Http();
        var api = Client(http);

        await api.RespondAsync(_slack.ResponseUrl("x"), new JsonObject { ["text"] = "R&amp;D &lt;beta&gt; \"café\"" }, CancellationToken.None);

        var sent = Assert.Single(_slack.Calls);
        Assert.Contains("\"text\":\"R&amp;D &lt;beta&gt; \\\"café\\\"\"", sent.Body, StringComparison.Ordinal);
        Assert.Equal("R&amp;D &lt;beta&gt; \"café\"", sent.Arg("text"));
    }

    [Fact]
    public async Task Respond_ResponseUrl_CarriesNoToken()
    {
        using var http = Http();
        var api = Client(http);

        var call = await api.RespondAsync(_slack.ResponseUrl("x"), new JsonObject { ["text"] = "hi" }, CancellationToken.None);

        Assert.True(call.Ok);
        Assert.Null(Assert.Single(_slack.Calls).Authorization);
    }

    [Fact]
    public async Task PostMessage_SameChannelTwice_PacedAboutOneSecondApart()
    {
        using var http = Http();
        var api = Client(http);
        // The first call opens the connection, which on a busy machine can take longer than the pacing itself.
        await api.PostMessageAsync("C0", new SlackMessageBody("warm-up", []), null, CancellationToken.None);

        await Task.WhenAll(
            api.PostMessageAsync("C1", new SlackMessageBody("one", []), null, CancellationToken.None),
            api.PostMessageAsync("C1", new SlackMessageBody("two", []), null, CancellationToken.None),
            api.PostMessageAsync("C2", new SlackMessageBody("other", []), null, CancellationToken.None));

        var c1 = _slack.Calls.Where(c => c.Arg("channel") == "C1").ToList();
        var c2 = Assert.Single(_slack.Calls, c => c.Arg("channel") == "C2");
        Assert.True(c1[1].At - c1[0].At >= TimeSpan.FromMilliseconds(950), $"{(c1[1].At - c1[0].At).TotalMilliseconds} ms apart");
        Assert.True(c2.At - c1[0].At < TimeSpan.FromMilliseconds(500));
    }

    [Fact]
    public async Task Call_WithoutBotToken_IsNotConfiguredAndSendsNothing()
    {
        using var http = Http();
        var api = new SlackApiClient(http, new SlackPacer(TimeProvider.System), Options.Create(new SlackOptions()), TimeProvider.System, NullLogger<SlackApiClient>.Instance);

        var call = await api.AuthTestAsync(CancellationToken.None);

        Assert.Equal("not_configured", call.Error);
        Assert.Empty(_slack.Calls);
    }

    [Fact]
    public async Task Describe_UserInfoWithEmailAndTimeZone_FillsTheChatUserOnceCached()
    {
        _slack.Users["U5"] = ("Ann", "ann@example.com", "Europe/Paris");
        using var http = Http();
        var users = Users(http);
        var user = new ChatUser(new ChatIdentity(Platforms.Slack, "T1", "U5"), "ann.k");

        var first = await users.DescribeAsync(user, CancellationToken.None);
        var second = await users.DescribeAsync(user, CancellationToken.None);

        Assert.Equal(user with { DisplayName = "Ann", Email = "ann@example.com", TimeZone = "Europe/Paris" }, first);
        Assert.Equal(first, second);
        Assert.Single(_slack.CallsOf("users.info"));
    }

    [Theory]
    [InlineData("missing_scope")]
    [InlineData(null)]
    public async Task Describe_UserInfoRefusedOrMalformed_KeepsThePayloadName(string? error)
    {
        _slack.Script("users.info", error is null ? FakeAnswer.Ok(new JsonObject { ["user"] = "not-an-object" }) : FakeAnswer.Error(error));
        using var http = Http();
        var user = new ChatUser(new ChatIdentity(Platforms.Slack, "T1", "U6"), "bob");

        var described = await Users(http).DescribeAsync(user, CancellationToken.None);

        Assert.Equal(user, described);
    }

    [Fact]
    public async Task Send_ToPerson_OpensDirectMessageAndPosts()
    {
        using var http = Http();
        var sender = Sender(http);

        var result = await sender.SendAsync(new Delivery("k1", new PersonRecipient(7), new ChatIdentity(Platforms.Slack, "T1", "U7"), Reply.Say("Check-in due")), CancellationToken.None);

        Assert.Equal(SendOutcome.Sent, result.Outcome);
        Assert.Equal(["conversations.open", "chat.postMessage"], _slack.Calls.Select(c => c.Method));
        Assert.Equal("DU7", _slack.CallsOf("chat.postMessage")[0].Arg("channel"));
    }

    [Fact]
    public async Task Send_LongReplyWhoseSecondPartFailsForNow_RetryPostsOnlyTheRest()
    {
        _slack.Script("chat.postMessage", FakeAnswer.Ok(), FakeAnswer.Error("fatal_error"), FakeAnswer.Error("fatal_error"), FakeAnswer.Error("fatal_error"), FakeAnswer.Error("fatal_error"));
        using var http = Http();
        var sender = Sender(http);
        var builder = new ReplyBuilder();
        for (var i = 0; i < 60; i++)
        {
            builder.Section(Markup.Of($"Line {i}"));
        }

        var delivery = new Delivery("k-long", new ChannelRecipient("C0DIGEST1"), null, builder.Build());

        var first = await sender.SendAsync(delivery, CancellationToken.None);
        var retry = await sender.SendAsync(delivery, CancellationToken.None);

        Assert.Equal((SendOutcome.Retry, SendOutcome.Sent), (first.Outcome, retry.Outcome));
        var blocks = _slack.CallsOf("chat.postMessage").Select(c => c.Args["blocks"]!.ToJsonString()).ToArray();
        Assert.Single(blocks, b => b.Contains("\"Line 0\"", StringComparison.Ordinal));
        Assert.Contains("\"Line 59\"", blocks[^1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Send_ToTheSamePersonAgain_ReusesTheirDmChannel()
    {
        using var http = Http();
        var sender = Sender(http);
        var priya = new ChatIdentity(Platforms.Slack, "T1", "U7");

        await sender.SendAsync(new Delivery("k8", new PersonRecipient(7), priya, Reply.Say("Nudge")), CancellationToken.None);
        await sender.SendAsync(new Delivery("k9", new PersonRecipient(7), priya, Reply.Say("Reminder")), CancellationToken.None);

        Assert.Equal(["conversations.open", "chat.postMessage", "chat.postMessage"], _slack.Calls.Select(c => c.Method));
    }

    [Fact]
    public async Task Send_ToChannelByName_PostsToThatChannel()
    {
        using var http = Http();
        var sender = Sender(http);

        var result = await sender.SendAsync(new Delivery("k2", new ChannelRecipient("#product-health"), null, Reply.Say("Digest")), CancellationToken.None);

        Assert.Equal(SendOutcome.Sent, result.Outcome);
        Assert.Equal(["conversations.list", "chat.postMessage"], _slack.Calls.Select(c => c.Method));
        Assert.Equal("product-health", _slack.CallsOf("chat.postMessage")[0].Arg("channel"));
    }

    [Fact]
    public async Task Send_ToPrivateChannelByName_PostsToItsIdFromTheListedPages()
    {
        _slack.Channels["alpha"] = "C0000ALPHA";
        _slack.Channels["beta"] = "C00000BETA";
        _slack.Channels["product-rollup"] = "G0PRIVATE1";
        using var http = Http();
        var sender = Sender(http);

        var first = await sender.SendAsync(new Delivery("k6", new ChannelRecipient("#product-rollup"), null, Reply.Say("Digest")), CancellationToken.None);
        var second = await sender.SendAsync(new Delivery("k7", new ChannelRecipient("product-rollup"), null, Reply.Say("Digest")), CancellationToken.None);

        Assert.Equal((SendOutcome.Sent, SendOutcome.Sent), (first.Outcome, second.Outcome));
        Assert.Equal(["G0PRIVATE1", "G0PRIVATE1"], _slack.CallsOf("chat.postMessage").Select(c => c.Arg("channel")));
        Assert.Equal([null, "2"], _slack.CallsOf("conversations.list").Select(c => c.Arg("cursor")));
    }

    [Theory]
    [InlineData("channel_not_found", "invite it")]
    [InlineData("not_in_channel", "/invite")]
    [InlineData("account_inactive", "deactivated")]
    [InlineData("some_new_error", "some_new_error")]
    public async Task Send_PermanentError_FailsWithExplanation(string code, string explained)
    {
        _slack.Script("chat.postMessage", FakeAnswer.Error(code));
        using var http = Http();
        var sender = Sender(http);

        var result = await sender.SendAsync(new Delivery("k3", new ChannelRecipient("C9"), null, Reply.Say("x")), CancellationToken.None);

        Assert.Equal(SendOutcome.Failed, result.Outcome);
        Assert.Contains(code, result.Error, StringComparison.Ordinal);
        Assert.Contains(explained, result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Send_SlackDown_AsksForRetry()
    {
        _slack.Script("conversations.open", Enumerable.Repeat(FakeAnswer.HttpStatus(502), 4).ToArray());
        using var http = Http();
        var sender = Sender(http);

        var result = await sender.SendAsync(new Delivery("k4", new PersonRecipient(7), new ChatIdentity(Platforms.Slack, "T1", "U7"), Reply.Say("x")), CancellationToken.None);

        Assert.Equal(SendOutcome.Retry, result.Outcome);
        Assert.Equal("Slack: http_502", result.Error);
    }

    [Fact]
    public async Task Send_PersonWithoutSlackIdentity_Fails()
    {
        using var http = Http();
        var sender = Sender(http);

        var result = await sender.SendAsync(new Delivery("k5", new PersonRecipient(7), null, Reply.Say("x")), CancellationToken.None);

        Assert.Equal(SendOutcome.Failed, result.Outcome);
        Assert.Empty(_slack.Calls);
    }

    private void AssertRetriedOnceAfterASecond(string method)
    {
        var calls = _slack.CallsOf(method);
        Assert.Equal(2, calls.Count);
        Assert.True(calls[1].At - calls[0].At >= TimeSpan.FromSeconds(1), $"retried after {(calls[1].At - calls[0].At).TotalMilliseconds} ms");
    }

    private HttpClient Http(TimeSpan? timeout = null) => new() { BaseAddress = new Uri(_slack.ApiBaseUrl), Timeout = timeout ?? TimeSpan.FromSeconds(10) };

    private static SlackOptions Options1() => new() { BotToken = SlackFactory.BotToken };

    private static SlackApiClient Client(HttpClient http) =>
        new(http, new SlackPacer(TimeProvider.System), Options.Create(Options1()), TimeProvider.System, NullLogger<SlackApiClient>.Instance);

    private static SlackUsers Users(HttpClient http) =>
        new(Client(http), Options.Create(Options1()), TimeProvider.System, NullLogger<SlackUsers>.Instance);

    private static SlackSender Sender(HttpClient http)
    {
        var api = Client(http);
        return new(api, new SlackChannels(api, TimeProvider.System, NullLogger<SlackChannels>.Instance), new SlackDirectMessages(api), Options.Create(Options1()));
    }
}
