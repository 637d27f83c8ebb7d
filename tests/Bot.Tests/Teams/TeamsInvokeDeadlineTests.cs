using System.Diagnostics;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using ProductOps.Bot.Teams;
using ProductOps.Bot.Tests.Teams.TestKit;

namespace ProductOps.Bot.Tests.Teams;

public sealed class TeamsInvokeDeadlineTests
{
    [Fact]
    public async Task Execute_TurnSlowerThanBudget_AnswersPlaceholderThenPostsResult()
    {
        using var factory = TeamsFactory.WithInvokeBudget(0.3);
        var invoke = SlowExecute("slow-1");
        var warmUp = TeamsFixture.Json("invoke_card_action_legacy.json");
        warmUp["serviceUrl"] = invoke["serviceUrl"]!.DeepClone();
        (await factory.PostAsync(warmUp)).Dispose();
        var watch = Stopwatch.StartNew();

        var answer = await factory.InvokeAsync(invoke);
        var answeredIn = watch.Elapsed;
        var late = await factory.BotFramework.WaitForAsync(c => c.Body.Contains("Finally done.", StringComparison.Ordinal));

        Assert.True(answeredIn < SlowSkill.Delay, $"Answered after {answeredIn}.");
        Assert.Equal("application/vnd.microsoft.activity.message", (string?)answer["type"]);
        Assert.Contains("Working on it", (string?)answer["value"], StringComparison.Ordinal);
        Assert.Contains("/v3/conversations/", late.Uri.AbsolutePath, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Execute_LateAnswerFailsUnexpectedly_IsLogged()
    {
        using var factory = TeamsFactory.WithInvokeBudget(0.3);

        // The same person pressed a button before, so the slow press makes no member lookup and its late answer is the next call.
        await factory.InvokeAsync(TeamsFixture.Json("invoke_adaptiveCard_action.json"));
        var answer = await factory.InvokeAsync(SlowExecute("slow-broken-1"));
        factory.BotFramework.Answer(HttpStatusCode.OK, "<html>not a resource response</html>");

        var logged = await factory.Logs.WaitForAsync(e => e.Category == typeof(TeamsInvokes).FullName && e.Level == LogLevel.Error);

        Assert.Contains("Working on it", (string?)answer["value"], StringComparison.Ordinal);
        Assert.Contains("slow-broken-1", logged.Message, StringComparison.Ordinal);
        Assert.IsAssignableFrom<JsonException>(logged.Exception);
    }

    private static JsonObject SlowExecute(string id)
    {
        var invoke = TeamsFixture.Json("invoke_adaptiveCard_action.json");
        invoke["id"] = id;
        invoke["value"]!["action"] = new JsonObject
        {
            ["type"] = "Action.Execute",
            ["verb"] = SlowSkill.WaitAction,
            ["data"] = new JsonObject { ["productops"] = new JsonObject { ["action"] = SlowSkill.WaitAction } },
        };
        return invoke;
    }
}
