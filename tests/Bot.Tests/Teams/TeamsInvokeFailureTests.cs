using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using ProductOps.Bot.Teams;
using ProductOps.Bot.Tests.Teams.TestKit;

namespace ProductOps.Bot.Tests.Teams;

/// <summary>
/// Invokes that fail outside their turn, with a bot of its own so the scripted failure meets no one
/// else's call. A new sender's first call is the member lookup; an answer that is not JSON fails it.
/// </summary>
public sealed partial class TeamsInvokeFailureTests : IClassFixture<TeamsFactory>
{
    private readonly TeamsFactory _factory;

    public TeamsInvokeFailureTests(TeamsFactory factory)
    {
        _factory = factory;
    }

    [Fact]
    public async Task Execute_SenderCannotBeRemembered_AnswersAMessageWithTheLoggedReference()
    {
        var invoke = TeamsFixture.Json("invoke_adaptiveCard_action.json");
        invoke["id"] = "failing-execute-1";
        invoke["from"] = new JsonObject { ["id"] = "29:failing-execute", ["name"] = "Fay", ["aadObjectId"] = "aad-failing-execute" };
        _factory.BotFramework.Answer(HttpStatusCode.OK, "<html>not a member</html>");

        using var response = await _factory.PostAsync(invoke);
        var answer = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(200, (int?)answer["statusCode"]);
        Assert.Equal("application/vnd.microsoft.activity.message", (string?)answer["type"]);
        await AssertLoggedAsync((string?)answer["value"], "failing-execute-1");
    }

    [Fact]
    public async Task SendToProduct_SenderCannotBeRemembered_AnswersATaskMessageWithTheLoggedReference()
    {
        var fetch = TeamsFixture.Json("invoke_composeExtension_fetchTask_groupchat.json");
        fetch["id"] = "failing-fetch-1";
        fetch["channelId"] = "msteams";
        fetch["serviceUrl"] = "https://smba.trafficmanager.net/amer/";
        fetch["from"] = new JsonObject { ["id"] = "29:failing-fetch", ["name"] = "Finn", ["aadObjectId"] = "aad-failing-fetch" };
        fetch["value"]!["commandId"] = "sendToProduct";
        fetch["value"]!["commandContext"] = "message";
        fetch["value"]!["messagePayload"] = new JsonObject { ["body"] = new JsonObject { ["contentType"] = "text", ["content"] = "Export is slow" } };
        _factory.BotFramework.Answer(HttpStatusCode.OK, "<html>not a member</html>");

        using var response = await _factory.PostAsync(fetch);
        var answer = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("message", (string?)answer["task"]!["type"]);
        await AssertLoggedAsync((string?)answer["task"]!["value"], "failing-fetch-1");
    }

    [Theory]
    [InlineData("task/fetch")]
    [InlineData("task/submit")]
    [InlineData("composeExtension/submitAction")]
    public void Failed_DialogInvoke_IsATaskMessage(string name)
    {
        var answer = TeamsInvokes.Failed(new Activity { Type = "invoke", Name = name }, "0A1B2C3D");

        Assert.Equal(200, answer.Status);
        Assert.Equal("message", (string?)answer.Body!["task"]!["type"]);
        Assert.Contains("0A1B2C3D", (string?)answer.Body!["task"]!["value"], StringComparison.Ordinal);
    }

    [Fact]
    public void Failed_InvokeThatShowsNothing_IsAnEmpty200()
    {
        var answer = TeamsInvokes.Failed(new Activity { Type = "invoke", Name = "composeExtension/query" }, "0A1B2C3D");

        Assert.Equal(InvokeAnswer.Empty, answer);
    }

    private async Task AssertLoggedAsync(string? told, string activityId)
    {
        var reference = Reference().Match(told ?? "");
        Assert.True(reference.Success, told);
        var logged = await _factory.Logs.WaitForAsync(e => e.Level == LogLevel.Error && e.Message.Contains(reference.Groups[1].Value, StringComparison.Ordinal));
        Assert.Contains(activityId, logged.Message, StringComparison.Ordinal);
    }

    [GeneratedRegex("reference ([0-9A-F]{8})")]
    private static partial Regex Reference();
}
