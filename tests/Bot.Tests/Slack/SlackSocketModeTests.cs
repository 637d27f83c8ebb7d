using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using ProductOps.Bot.Pipeline;
using ProductOps.Bot.Slack;
using ProductOps.Bot.Slack.Api;
using ProductOps.Bot.Slack.SocketMode;
using ProductOps.Bot.Tests.Slack.TestKit;
using ProductOps.Bot.Tests.TestKit;

namespace ProductOps.Bot.Tests.Slack;

/// <summary>Socket Mode against a fake Socket Mode server on loopback: the recorded frames, acknowledgements and reconnects.</summary>
public sealed class SlackSocketModeTests : IAsyncLifetime
{
    private FakeSlack _slack = null!;

    public async Task InitializeAsync() => _slack = await FakeSlack.StartAsync();

    public async Task DisposeAsync() => await _slack.DisposeAsync();

    [Fact]
    public async Task Connection_EnvelopesAcknowledgedByIdAndDisconnectReconnects()
    {
        var acks = new ConcurrentQueue<JsonElement>();
        var second = new TaskCompletionSource();
        var release = new TaskCompletionSource();
        _slack.Socket = async (socket, number) =>
        {
            await FakeSlack.SendAsync(socket, SlackFixture.Text("socket_mode_hello.json"));
            if (number > 1)
            {
                second.TrySetResult();
                await release.Task;
                return;
            }

            await FakeSlack.SendAsync(socket, Command());
            acks.Enqueue((await FakeSlack.ReceiveAsync(socket))!.Value);
            await FakeSlack.SendAsync(socket, Submission());
            acks.Enqueue((await FakeSlack.ReceiveAsync(socket))!.Value);
            await FakeSlack.SendAsync(socket, SlackFixture.Text("socket_mode_disconnect_too_many_websockets.json"));
            await FakeSlack.ReceiveAsync(socket);
        };
        using var factory = new SlackFactory(_slack, ("SLACK_APP_TOKEN", "xapp-test-token"));
        _ = factory.Services;

        await second.Task.WaitAsync(TimeSpan.FromSeconds(15));
        release.SetResult();

        Assert.Equal(2, _slack.CallsOf("apps.connections.open").Count);
        Assert.All(_slack.CallsOf("apps.connections.open"), c => Assert.Equal("Bearer xapp-test-token", c.Authorization));
        var command = acks.First();
        Assert.Equal("cmd-1", command.GetProperty("envelope_id").GetString());
        Assert.False(command.TryGetProperty("payload", out _));
        var submission = acks.Last();
        Assert.Equal("view-1", submission.GetProperty("envelope_id").GetString());
        Assert.Equal("errors", submission.GetProperty("payload").GetProperty("response_action").GetString());
        Assert.Equal("Title is required.", submission.GetProperty("payload").GetProperty("errors").GetProperty("title").GetString());
        var reply = Assert.Single(await _slack.WaitForAsync(c => c.Any(x => x.Method == "respond/sm1")), c => c.Method == "respond/sm1");
        Assert.Equal("Press it.", reply.Arg("text"));
    }

    [Fact]
    public async Task Connection_DroppedWithoutDisconnect_ReconnectsAfterPause()
    {
        var second = new TaskCompletionSource();
        _slack.Socket = async (socket, number) =>
        {
            if (number > 1)
            {
                second.TrySetResult();
            }

            await FakeSlack.SendAsync(socket, SlackFixture.Text("socket_mode_hello.json"));
            if (number == 1)
            {
                return; // the server closes the socket
            }

            await Task.Delay(TimeSpan.FromSeconds(5));
        };
        using var factory = new SlackFactory(_slack, ("SLACK_APP_TOKEN", "xapp-test-token"));
        _ = factory.Services;

        await second.Task.WaitAsync(TimeSpan.FromSeconds(15));

        Assert.Equal(2, _slack.CallsOf("apps.connections.open").Count);
    }

    [Fact]
    public async Task Open_AppTokenRefused_StopsWithoutConnecting()
    {
        _slack.Script("apps.connections.open", FakeAnswer.Error("invalid_auth"));
        using var factory = new SlackFactory(_slack, ("SLACK_APP_TOKEN", "xapp-revoked"));
        _ = factory.Services;

        await _slack.WaitForAsync(c => c.Any(x => x.Method == "apps.connections.open"));
        await Task.Delay(1500);

        Assert.Single(_slack.CallsOf("apps.connections.open"));
        Assert.Equal(0, _slack.SocketConnections);
    }

    [Fact]
    public async Task Envelope_WorkQueueFull_IsNotAcknowledgedSoSlackSendsItAgain()
    {
        // One worker, held by the first turn (Slack is slow to describe its user), and room for one turn.
        _slack.Script("users.info", FakeAnswer.Hang(TimeSpan.FromSeconds(3)));
        var acks = new List<string?>();
        var done = new TaskCompletionSource();
        _slack.Socket = async (socket, number) =>
        {
            await FakeSlack.SendAsync(socket, SlackFixture.Text("socket_mode_hello.json"));
            await FakeSlack.SendAsync(socket, Command("cmd-1"));
            acks.Add((await FakeSlack.ReceiveAsync(socket))!.Value.GetProperty("envelope_id").GetString());
            await FakeSlack.SendAsync(socket, Event("evt-busy"));
            await FakeSlack.SendAsync(socket, Command("cmd-busy"));
            acks.Add((await FakeSlack.ReceiveAsync(socket))!.Value.GetProperty("envelope_id").GetString());
            done.TrySetResult();
            await FakeSlack.ReceiveAsync(socket);
        };
        using var factory = new SlackFactory(_slack, ("SLACK_APP_TOKEN", "xapp-test-token"), ("Slack:Workers", "1"), ("Slack:QueueCapacity", "1"));
        _ = factory.Services;

        await done.Task.WaitAsync(TimeSpan.FromSeconds(15));

        // The busy command is answered "very busy" (to the person); the event is left for Slack to send again.
        Assert.Equal(["cmd-1", "cmd-busy"], acks);
    }

    [Fact]
    public async Task Frame_NotJson_IsSkippedAndTheConnectionStaysOpen()
    {
        JsonElement? ack = null;
        var done = new TaskCompletionSource();
        _slack.Socket = async (socket, number) =>
        {
            await FakeSlack.SendAsync(socket, SlackFixture.Text("socket_mode_hello.json"));
            await FakeSlack.SendAsync(socket, "<html>502 Bad Gateway</html>");
            await FakeSlack.SendAsync(socket, "[]");
            await FakeSlack.SendAsync(socket, Command("cmd-after"));
            ack = await FakeSlack.ReceiveAsync(socket);
            done.TrySetResult();
            await FakeSlack.ReceiveAsync(socket);
        };
        using var factory = new SlackFactory(_slack, ("SLACK_APP_TOKEN", "xapp-test-token"));
        _ = factory.Services;

        await done.Task.WaitAsync(TimeSpan.FromSeconds(15));

        Assert.Equal("cmd-after", ack?.GetProperty("envelope_id").GetString());
        Assert.Equal(1, _slack.SocketConnections);
    }

    [Fact]
    public async Task Envelope_NullPayload_IsAcknowledgedAndSkippedAndTheServiceLivesOn()
    {
        JsonElement? skipped = null;
        JsonElement? after = null;
        var done = new TaskCompletionSource();
        _slack.Socket = async (socket, number) =>
        {
            await FakeSlack.SendAsync(socket, SlackFixture.Text("socket_mode_hello.json"));
            if (number == 1)
            {
                await FakeSlack.SendAsync(socket, """{"envelope_id":"null-1","type":"slash_commands","payload":null,"accepts_response_payload":true}""");
                skipped = await FakeSlack.ReceiveAsync(socket, 5);
                return; // the server closes the socket: the service must connect again
            }

            await FakeSlack.SendAsync(socket, Command("cmd-after"));
            after = await FakeSlack.ReceiveAsync(socket);
            done.TrySetResult();
            await FakeSlack.ReceiveAsync(socket);
        };
        using var factory = new SlackFactory(_slack, ("SLACK_APP_TOKEN", "xapp-test-token"));
        _ = factory.Services;

        await done.Task.WaitAsync(TimeSpan.FromSeconds(15));

        Assert.Equal("null-1", skipped?.GetProperty("envelope_id").GetString());
        Assert.Equal("cmd-after", after?.GetProperty("envelope_id").GetString());
    }

    [Fact]
    public async Task Disconnect_WhileAFormAnswerIsWorkedOn_SendsTheAnswerBeforeClosing()
    {
        // Slack is slow to describe the person, so the submission is still being judged when the disconnect comes.
        _slack.Script("users.info", FakeAnswer.Hang(TimeSpan.FromMilliseconds(500)));
        JsonElement? ack = null;
        var done = new TaskCompletionSource();
        _slack.Socket = async (socket, number) =>
        {
            await FakeSlack.SendAsync(socket, SlackFixture.Text("socket_mode_hello.json"));
            if (number > 1)
            {
                return;
            }

            await FakeSlack.SendAsync(socket, Submission());
            await FakeSlack.SendAsync(socket, SlackFixture.Text("socket_mode_disconnect_too_many_websockets.json"));
            ack = await FakeSlack.ReceiveAsync(socket);
            done.TrySetResult();
            await FakeSlack.ReceiveAsync(socket);
        };
        using var factory = new SlackFactory(_slack, ("SLACK_APP_TOKEN", "xapp-test-token"));
        _ = factory.Services;

        await done.Task.WaitAsync(TimeSpan.FromSeconds(15));

        Assert.Equal("view-1", ack?.GetProperty("envelope_id").GetString());
        Assert.Equal("errors", ack?.GetProperty("payload").GetProperty("response_action").GetString());
    }

    [Fact]
    public async Task Refresh_BackToBack_PausesLongerEachTimeButNotAfterASteadyConnection()
    {
        var clock = new FakeClock();
        var fourth = new TaskCompletionSource();
        _slack.Socket = async (socket, number) =>
        {
            if (number == 4)
            {
                fourth.TrySetResult();
                return;
            }

            await FakeSlack.SendAsync(socket, SlackFixture.Text("socket_mode_hello.json"));
            if (number == 1)
            {
                clock.Advance(TimeSpan.FromMinutes(10)); // the first connection lived a while
            }

            await FakeSlack.SendAsync(socket, SlackFixture.Text("socket_mode_disconnect_too_many_websockets.json"));
            await FakeSlack.ReceiveAsync(socket);
        };
        using var factory = new SlackFactory(_slack);
        using var http = new HttpClient { BaseAddress = new Uri(_slack.ApiBaseUrl) };
        var options = Options.Create(new SlackOptions { BotToken = SlackFactory.BotToken, AppToken = "xapp-test-token" });
        var api = new SlackApiClient(http, new SlackPacer(TimeProvider.System), options, TimeProvider.System, NullLogger<SlackApiClient>.Instance);
        var log = new ListLogger<SlackSocketMode>();
        using var socketMode = new SlackSocketMode(api, factory.Services.GetRequiredService<SlackIngress>(), factory.Services.GetRequiredService<AcknowledgementsFirst>(), options, clock, log);

        await socketMode.StartAsync(CancellationToken.None);
        await fourth.Task.WaitAsync(TimeSpan.FromSeconds(15));
        await socketMode.StopAsync(CancellationToken.None);

        var opened = _slack.CallsOf("apps.connections.open").Select(c => c.At).ToArray();
        // No pause after the steady first connection: read from what the operator is told, as on a
        // loaded machine reconnecting itself may take a second.
        var pauses = log.Entries.Select(e => e.Message).Where(m => m.Contains("soon after connecting", StringComparison.Ordinal));
        Assert.Equal(["(attempt 1)", "(attempt 2)"], pauses.Select(m => m[m.LastIndexOf('(')..]));
        Assert.True(opened[2] - opened[1] >= TimeSpan.FromSeconds(1), $"reconnected after {(opened[2] - opened[1]).TotalMilliseconds} ms");
        Assert.True(opened[3] - opened[2] >= TimeSpan.FromSeconds(2), $"reconnected after {(opened[3] - opened[2]).TotalMilliseconds} ms");
    }

    private string Command(string envelopeId)
    {
        var envelope = JsonNode.Parse(Command())!;
        envelope["envelope_id"] = envelopeId;
        return envelope.ToJsonString();
    }

    private static string Event(string envelopeId)
    {
        var envelope = JsonNode.Parse(SlackFixture.Text("socket_mode_events_api_app_mention.json"))!;
        envelope["envelope_id"] = envelopeId;
        envelope["payload"]!["event_id"] = "Ev-" + envelopeId;
        return envelope.ToJsonString();
    }

    private string Command()
    {
        var envelope = JsonNode.Parse(SlackFixture.Text("socket_mode_slash_commands.json"))!;
        envelope["envelope_id"] = "cmd-1";
        envelope["payload"]!["command"] = "/productops";
        envelope["payload"]!["text"] = TestSkill.ButtonsCommand;
        envelope["payload"]!["response_url"] = _slack.ResponseUrl("sm1");
        return envelope.ToJsonString();
    }

    private static string Submission()
    {
        var envelope = new JsonObject
        {
            ["envelope_id"] = "view-1",
            ["type"] = "interactive",
            ["accepts_response_payload"] = true,
            ["payload"] = SlackPayloads.Submission(TestSkill.FormId, "state-1", null, ("title", SlackPayloads.TextValue(""))),
        };
        return envelope.ToJsonString();
    }
}
