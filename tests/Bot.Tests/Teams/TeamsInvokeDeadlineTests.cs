using System.Diagnostics;
using System.Text.Json.Nodes;
using ProductOps.Bot.Tests.Teams.TestKit;

namespace ProductOps.Bot.Tests.Teams;

public sealed class TeamsInvokeDeadlineTests
{
    [Fact]
    public async Task Execute_TurnSlowerThanBudget_AnswersPlaceholderThenPostsResult()
    {
        using var factory = TeamsFactory.WithInvokeBudget(0.3);
        var invoke = TeamsFixture.Json("invoke_adaptiveCard_action.json");
        invoke["value"]!["action"] = new JsonObject
        {
            ["type"] = "Action.Execute",
            ["verb"] = SlowSkill.WaitAction,
            ["data"] = new JsonObject { ["productops"] = new JsonObject { ["action"] = SlowSkill.WaitAction } },
        };
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
}
