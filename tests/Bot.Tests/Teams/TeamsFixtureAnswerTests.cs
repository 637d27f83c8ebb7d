using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using ProductOps.Bot.Teams;
using ProductOps.Bot.Tests.Teams.TestKit;
using ProductOps.Skills.Admin;
using ProductOps.Skills.Conversation;
using ProductOps.Storage.Teams;

namespace ProductOps.Bot.Tests.Teams;

/// <summary>Every recorded Teams payload, posted as Teams would, gets the answer Teams expects.</summary>
public sealed class TeamsFixtureAnswerTests : IClassFixture<TeamsFactory>
{
    private readonly TeamsFactory _factory;

    public TeamsFixtureAnswerTests(TeamsFactory factory)
    {
        _factory = factory;
    }

    [Fact]
    public void Fixtures_EveryFileIsCoveredHere()
    {
        var covered = new[]
        {
            "auth_openid_metadata.example.json", "auth_token_response.example.json", // served by FakeBotFramework
            "conversationUpdate_bot_added_to_team.json", "conversationUpdate_channel_created.json", "conversationUpdate_personal_install.json",
            "graph_channel_message.json", // served by FakeGraph
            "invoke_adaptiveCard_action.json", "invoke_card_action_legacy.json", "invoke_composeExtension_fetchTask_groupchat.json",
            "invoke_composeExtension_submitAction.json", "invoke_response_composeExtension_result.json", "invoke_response_task_continue.json",
            "message_channel_mention.json", "message_mention_docs.json", "message_messageBack.json",
            "outbound_create_conversation_1to1.request.json", "outbound_create_conversation_1to1.response.json", "outbound_reply_to_activity.request.json",
        };

        Assert.Equal(covered.Order(StringComparer.Ordinal), TeamsFixture.Names);
    }

    [Fact]
    public async Task Post_AdaptiveCardActionFixture_AnswersCardSayingButtonIsUnknown()
    {
        var answer = await _factory.InvokeAsync(TeamsFixture.Json("invoke_adaptiveCard_action.json"));

        Assert.Equal(200, (int?)answer["statusCode"]);
        Assert.Equal(AdaptiveCardRenderer.ContentType, (string?)answer["type"]);
        Assert.Contains("That button no longer does anything here", answer["value"]!.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_LegacyCardActionFixture_Answers200Empty()
    {
        var response = await _factory.PostAsync(TeamsFixture.Json("invoke_card_action_legacy.json"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Post_UnknownInvokeName_Answers200Empty()
    {
        var invoke = TeamsFixture.Json("invoke_card_action_legacy.json");
        invoke["id"] = "unknown-invoke";
        invoke["name"] = "composeExtension/query";

        var response = await _factory.PostAsync(invoke);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Post_PeopleSearchFromAPicker_AnswersMatchingPeople()
    {
        await _factory.Services.GetRequiredService<IPeopleStore>().AddAsync(
            new NewPerson("Quinn Searchable", "quinn", "quinn@contoso.test", null, new HashSet<Role>(), []), CancellationToken.None);
        var search = TeamsFixture.Json("invoke_card_action_legacy.json");
        search["id"] = "people-search-1";
        search["name"] = TeamsPeopleSearch.Invoke;
        search["value"] = new JsonObject { ["queryText"] = "searchab", ["queryOptions"] = new JsonObject { ["skip"] = 0, ["top"] = 15 }, ["dataset"] = TeamsPeopleSearch.Dataset };

        var answer = await _factory.InvokeAsync(search);

        Assert.Contains(answer["value"]!["results"]!.AsArray(), r => (string?)r!["title"] == "Quinn Searchable (@quinn)");
    }

    [Fact]
    public async Task Post_FetchTaskFixtureForUnknownCommand_AnswersTaskMessage()
    {
        var fetch = TeamsFixture.Json("invoke_composeExtension_fetchTask_groupchat.json");

        // The documentation sample leaves out the fields every activity carries.
        fetch["channelId"] = "msteams";
        fetch["serviceUrl"] = "https://smba.trafficmanager.net/amer/";

        var answer = await _factory.InvokeAsync(fetch);

        Assert.Equal("message", (string?)answer["task"]!["type"]);
        Assert.Contains("\"Test\"", (string?)answer["task"]!["value"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_SubmitActionFixtureForUnknownCommand_AnswersTaskMessage()
    {
        var submit = TeamsFixture.Json("invoke_composeExtension_submitAction.json");

        // "Shortened to the relevant fields" in the documentation: type and channel are added.
        submit["type"] = "invoke";
        submit["channelId"] = "msteams";

        var answer = await _factory.InvokeAsync(submit);

        Assert.Equal("message", (string?)answer["task"]!["type"]);
        Assert.Contains("giveKudos", (string?)answer["task"]!["value"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_BotAddedToTeamFixture_WelcomesInChannelAndStoresIt()
    {
        var response = await _factory.PostAsync(TeamsFixture.Json("conversationUpdate_bot_added_to_team.json"));
        var welcome = await _factory.BotFramework.WaitForAsync(c =>
            c.Uri.AbsolutePath.EndsWith("/v3/conversations/19%3A0b7f32667e064dd9b25d7969801541f4%40thread.tacv2/activities", StringComparison.Ordinal));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Mention me with a command", welcome.Body, StringComparison.Ordinal);
        var channel = await _factory.Services.GetRequiredService<SqlTeamsReferences>()
            .FindChannelAsync("19:0b7f32667e064dd9b25d7969801541f4@thread.tacv2", CancellationToken.None);
        Assert.Equal("f3ec8cd2-e704-4344-8c47-9a3a21d683c0", channel?.AadGroupId);
    }

    [Fact]
    public async Task Post_ChannelCreatedFixture_Acknowledges()
    {
        var response = await _factory.PostAsync(TeamsFixture.Json("conversationUpdate_channel_created.json"));
        await Task.Delay(300);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain(_factory.BotFramework.ConnectorCalls, c => c.Uri.AbsolutePath.Contains("efa9296d959346209fea44151c742e73", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Post_InstallationUpdate_Acknowledges()
    {
        var update = TeamsFixture.Json("conversationUpdate_personal_install.json");
        update["type"] = "installationUpdate";
        update["id"] = "installation-1";
        update["action"] = "add";

        var response = await _factory.PostAsync(update);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public void Dialog_Answer_HasTheShapeOfTheTaskContinueFixture()
    {
        var expected = TeamsFixture.Json("invoke_response_task_continue.json");
        var form = new ProductOps.Skills.Conversation.Form("f", "Title", [new ProductOps.Skills.Conversation.TextInput("t", "Text")]);
        var card = AdaptiveCardRenderer.RenderDialog(form, [], ProductOps.Skills.Conversation.FormValues.None, new Dictionary<string, string>(), []);
        var ours = new JsonObject
        {
            ["task"] = new JsonObject
            {
                ["type"] = "continue",
                ["value"] = new JsonObject { ["title"] = "Title", ["height"] = "medium", ["width"] = "medium", ["card"] = new JsonObject { ["content"] = card.AsNode() } },
            },
        };

        Assert.Equal((string?)expected["task"]!["type"], (string?)ours["task"]!["type"]);
        foreach (var key in new[] { "title", "height", "width" })
        {
            Assert.NotNull(ours["task"]!["value"]![key]);
            Assert.NotNull(expected["task"]!["value"]![key]);
        }
    }

    [Fact]
    public void ComposeExtensionResultFixture_IsAShapeTeamsAcceptsButProductOpsAnswersWithDialogs()
    {
        var result = TeamsFixture.Json("invoke_response_composeExtension_result.json");

        // Recorded for reference: "Send to product" answers in its dialog instead of inserting a card into the compose box.
        Assert.Equal("result", (string?)result["composeExtension"]!["type"]);
    }

    [Fact]
    public void ReplyActivity_HasTheFieldsOfTheReplyFixture()
    {
        var expected = TeamsFixture.Json("outbound_reply_to_activity.request.json");
        var origin = TeamsFixture.Activity("message_channel_mention.json");
        var reply = TeamsReplies.Message(ProductOps.Skills.Conversation.Reply.Say("Hi")) with
        {
            Conversation = origin.Conversation,
            From = origin.Recipient,
            Recipient = origin.From,
            ReplyToId = origin.Id,
        };

        var ours = JsonSerializer.SerializeToNode(reply, TeamsJson.Options)!.AsObject();

        foreach (var key in expected.Select(p => p.Key).Where(k => k != "text"))
        {
            Assert.True(ours.ContainsKey(key), $"The reply has no \"{key}\".");
        }
    }
}
