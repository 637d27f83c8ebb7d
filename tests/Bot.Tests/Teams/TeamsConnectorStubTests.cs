using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using ProductOps.Bot.Teams;
using ProductOps.Bot.Teams.Connector;
using ProductOps.Bot.Tests.Teams.TestKit;

namespace ProductOps.Bot.Tests.Teams;

/// <summary>
/// manifest/teams/connector_stub.py, the Bot Connector the README's local test posts against
/// (it needs python3, which CI installs): the bot's own client gets the answers it expects.
/// </summary>
public sealed partial class TeamsConnectorStubTests : IAsyncLifetime
{
    private static readonly string Script = Path.Combine(Path.GetDirectoryName(Here())!, "..", "..", "..", "manifest", "teams", "connector_stub.py");

    private readonly ConcurrentQueue<string> _printed = new();
    private Process _stub = null!;
    private string _serviceUrl = "";

    public async Task InitializeAsync()
    {
        _stub = Process.Start(new ProcessStartInfo("python3", [Script, "0"]) { RedirectStandardOutput = true })!;
        var listening = Listening().Match(await _stub.StandardOutput.ReadLineAsync() ?? "");
        Assert.True(listening.Success, "The stub did not say where it listens.");
        _serviceUrl = listening.Groups[1].Value;
        _ = Task.Run(async () =>
        {
            while (await _stub.StandardOutput.ReadLineAsync() is { } line)
            {
                _printed.Enqueue(line);
            }
        });
    }

    public Task DisposeAsync()
    {
        _stub.Kill();
        _stub.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Stub_TheCallsOfATurn_AreAnsweredAsTheBotConnectorDoesAndPrinted()
    {
        var trusted = new TrustedServiceUrls();
        trusted.Trust(_serviceUrl);
        using var handler = new HttpClientHandler();
        var http = new FakeHttpClients(handler);
        var options = Options.Create(new TeamsOptions());
        var pacing = new ConnectorPacing(TimeProvider.System);
        var connector = new ConnectorClient(http, new BotTokenProvider(http, options, TimeProvider.System, NullLogger<BotTokenProvider>.Instance), trusted, pacing, NullLogger<ConnectorClient>.Instance);
        var answer = new ProductOps.Bot.Teams.Activity { Type = "message", Summary = "Hello from the local bot" };

        var member = await connector.GetMemberAsync(_serviceUrl, "19:channel@thread.tacv2", "29:local", CancellationToken.None);
        var reply = await connector.ReplyAsync(_serviceUrl, "19:channel@thread.tacv2;messageid=1", "1", answer, CancellationToken.None);
        var chat = await connector.CreateConversationAsync(
            _serviceUrl, new ConversationParameters(new ChannelAccount("28:bot"), [new ChannelAccount("29:local")], new TeamsChannelData()), CancellationToken.None);
        var team = await connector.GetTeamAsync(_serviceUrl, "19:team@thread.tacv2", CancellationToken.None);

        Assert.Equal("29:local", member?.Id);
        Assert.True(reply.IsSuccess && reply.Id is not null, reply.Error);
        Assert.True(chat.IsSuccess && chat.Id is not null, chat.Error);
        Assert.Null(team);
        await WaitForPrintedAsync("Hello from the local bot");
        Assert.Contains("POST /v3/conversations/19:channel@thread.tacv2;messageid=1/activities/1", _printed);
    }

    private async Task WaitForPrintedAsync(string text)
    {
        for (var i = 0; i < 100 && !_printed.Any(l => l.Contains(text, StringComparison.Ordinal)); i++)
        {
            await Task.Delay(50);
        }

        Assert.Contains(_printed, l => l.Contains(text, StringComparison.Ordinal));
    }

    [GeneratedRegex("on (http://127\\.0\\.0\\.1:\\d+/)")]
    private static partial Regex Listening();

    private static string Here([CallerFilePath] string path = "") => path;
}
