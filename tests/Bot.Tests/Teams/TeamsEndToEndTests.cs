using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using ProductOps.Bot.Tests.Teams.TestKit;
using ProductOps.Skills.Admin;
using ProductOps.Skills.Conversation;
using ProductOps.Skills.Feedback;
using ProductOps.Storage.Teams;

namespace ProductOps.Bot.Tests.Teams;

/// <summary>Whole turns through the real app: signed activities in, Bot Connector calls and invoke answers out.</summary>
public sealed partial class TeamsEndToEndTests : IClassFixture<TeamsFactory>
{
    private readonly TeamsFactory _factory;

    public TeamsEndToEndTests(TeamsFactory factory)
    {
        _factory = factory;
    }

    private FakeBotFramework BotFramework => _factory.BotFramework;

    [Theory]
    [InlineData("<at>ridotest</at> okr status")]
    [InlineData("<at>ridotest</at> /okr status")]
    public async Task Message_OkrStatusWithMention_RepliesWithCardInThread(string text)
    {
        var id = "okr-" + (text.Contains('/', StringComparison.Ordinal) ? "slash" : "plain");
        var message = Message(id, text);

        var response = await _factory.PostAsync(message);
        var reply = await BotFramework.WaitForAsync(c => c.Uri.AbsolutePath.EndsWith("/activities/" + id, StringComparison.Ordinal));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Bearer DUMMY.ACCESS.TOKEN", reply.Authorization);
        Assert.StartsWith("https://smba.trafficmanager.net/amer/50612dbb-0237-4969-b378-8d42590f9c00/v3/conversations/", reply.Uri.AbsoluteUri, StringComparison.Ordinal);
        var body = reply.Json;
        Assert.Equal("message", (string?)body["type"]);
        Assert.Equal(id, (string?)body["replyToId"]);
        Assert.Equal("application/vnd.microsoft.card.adaptive", (string?)body["attachments"]![0]!["contentType"]);
        Assert.Equal("1.5", (string?)body["attachments"]![0]!["content"]!["version"]);
        Assert.Contains("There are no objectives for", (string?)body["summary"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Message_FeedbackMentionInChannelThread_CapturesTheRootMessageReadFromGraph()
    {
        await ArrangeThreadAsync();

        // The fixture is a reply in a channel thread: its conversation names the root message.
        await _factory.PostAsync(Message("thread-feedback", "<at>ridotest</at> feedback account:acme area:payments"));
        var reply = await BotFramework.WaitForAsync(c => c.Uri.AbsolutePath.EndsWith("/activities/thread-feedback", StringComparison.Ordinal));

        var saved = SavedId().Match((string?)reply.Json["summary"] ?? "");
        Assert.True(saved.Success, reply.Body);
        var item = (await _factory.Services.GetRequiredService<IFeedbackStore>().FindAsync(long.Parse(saved.Groups[1].Value, CultureInfo.InvariantCulture), CancellationToken.None))!.Item;
        Assert.StartsWith("Acme Health can't export invoices to CSV & finance is furious.\nAsked by Sam Lee", item.Verbatim, StringComparison.Ordinal);
        Assert.Equal("Dana Reyes", item.SourceAuthor);
        Assert.StartsWith("https://teams.microsoft.com/l/message/19%3A6848757105754c8981c67612732d9aa7%40thread.tacv2/1759881511856?", item.SourceLink, StringComparison.Ordinal);
        var read = _factory.Graph.Reads.Last();
        Assert.EndsWith($"/teams/{FakeGraph.GroupId}/channels/19%3A6848757105754c8981c67612732d9aa7%40thread.tacv2/messages/1759881511856", read.Uri.AbsolutePath, StringComparison.Ordinal);
        Assert.Equal("Bearer GRAPH.50612dbb-0237-4969-b378-8d42590f9c00", read.Authorization);
    }

    [Fact]
    public async Task Message_FeedbackInChannelThreadWithoutPermission_SavesTheTypedWordsAndSaysWhoCanAllowIt()
    {
        await ArrangeThreadAsync();
        _factory.Graph.Answer(HttpStatusCode.Forbidden);

        await _factory.PostAsync(Message("thread-feedback-403", "<at>ridotest</at> feedback Invoices need a CSV export account:acme area:payments"));
        var why = await BotFramework.WaitForAsync(c =>
            c.Uri.AbsolutePath.EndsWith("/activities/thread-feedback-403", StringComparison.Ordinal) && c.Body.Contains("ChannelMessage.Read.Group", StringComparison.Ordinal));
        var saved = await BotFramework.WaitForAsync(c =>
            c.Uri.AbsolutePath.EndsWith("/activities/thread-feedback-403", StringComparison.Ordinal) && SavedId().IsMatch((string?)c.Json["summary"] ?? ""));

        Assert.StartsWith(
            "I could not capture the first message of this thread: ProductOps may not read this team's messages; a team owner can allow it",
            (string?)why.Json["summary"],
            StringComparison.Ordinal);
        var id = long.Parse(SavedId().Match((string)saved.Json["summary"]!).Groups[1].Value, CultureInfo.InvariantCulture);
        var item = (await _factory.Services.GetRequiredService<IFeedbackStore>().FindAsync(id, CancellationToken.None))!.Item;
        Assert.Equal("Invoices need a CSV export", item.Verbatim);
    }

    [Fact]
    public async Task FeedbackExport_InPersonalChat_OffersTheCsvWithAConsentCardThenUploadsItOnAccept()
    {
        await using var oneDrive = await FakeOneDrive.StartAsync();
        var exporter = new JsonObject { ["id"] = "29:exporter", ["name"] = "Ex Porter", ["aadObjectId"] = "aad-exporter" };
        BotFramework.MemberEmails["29:exporter"] = "exporter@contoso.test";
        var person = await _factory.Services.GetRequiredService<IPeopleStore>().ResolveAsync(
            new ChatUser(new ChatIdentity(Platforms.Teams, "50612dbb-0237-4969-b378-8d42590f9c00", "aad-exporter"), "Ex Porter"), CancellationToken.None);
        await _factory.Services.GetRequiredService<IFeedbackStore>().AddAsync(
            new NewFeedback(person.Id, null, null, "Acme", "feature-request", "important", null, "Wants quarterly zebra reports", null, null, true), TimeSpan.Zero, CancellationToken.None);
        var message = Message("export-1", "feedback export zebra");
        message["from"] = exporter;
        message["conversation"] = new JsonObject { ["id"] = "a:export-chat", ["conversationType"] = "personal", ["tenantId"] = "50612dbb-0237-4969-b378-8d42590f9c00" };

        await _factory.PostAsync(message);
        var consent = await BotFramework.WaitForAsync(c => c.Body.Contains("file.consent", StringComparison.Ordinal));
        var answer = await BotFramework.WaitForAsync(c => c.Uri.AbsolutePath.EndsWith("/activities/export-1", StringComparison.Ordinal));
        var card = consent.Json["attachments"]![0]!;
        var accept = FileConsentInvokes.Accept("export-accept-1", (string?)card["content"]!["acceptContext"]!["file"], oneDrive.SessionUrl("export"));
        accept["serviceUrl"] = message["serviceUrl"]!.DeepClone();
        accept["from"] = exporter.DeepClone();
        accept["conversation"] = message["conversation"]!.DeepClone();
        using var accepted = await _factory.PostAsync(accept);
        var upload = await oneDrive.WaitForAsync("export");
        var shown = await BotFramework.WaitForAsync(c => c.Body.Contains("file.info", StringComparison.Ordinal));

        Assert.EndsWith("/v3/conversations/a%3Aexport-chat/activities", consent.Uri.AbsolutePath, StringComparison.Ordinal);
        Assert.Equal(("application/vnd.microsoft.teams.card.file.consent", "feedback.csv"), ((string?)card["contentType"], (string?)card["name"]));
        Assert.Contains("Offered you feedback.csv with 1 item in a direct message", (string?)answer.Json["summary"], StringComparison.Ordinal);
        Assert.DoesNotContain(BotFramework.ConnectorCalls, c => c.Body.Contains(ExportFeedbackHandler.DownloadPath, StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        Assert.Equal("", await accepted.Content.ReadAsStringAsync());
        var csv = System.Text.Encoding.UTF8.GetString(upload.Bytes);
        Assert.StartsWith(string.Join(',', FeedbackCsv.Columns), csv, StringComparison.Ordinal);
        Assert.Contains("Wants quarterly zebra reports", csv, StringComparison.Ordinal);
        Assert.Equal((long)upload.Bytes.Length, (long?)card["content"]!["sizeInBytes"]);
        Assert.EndsWith("/v3/conversations/a%3Aexport-chat/activities", shown.Uri.AbsolutePath, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Message_SameActivityTwice_RunsOnce()
    {
        var message = Message("dup-1", "<at>ridotest</at> productops test-buttons");

        await _factory.PostAsync(message);
        await _factory.PostAsync(message);
        await BotFramework.WaitForAsync(c => c.Uri.AbsolutePath.EndsWith("/activities/dup-1", StringComparison.Ordinal));
        await Task.Delay(300);

        Assert.Single(BotFramework.ConnectorCalls, c => c.Uri.AbsolutePath.EndsWith("/activities/dup-1", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Message_SameIdInAnotherConversation_RunsInEach()
    {
        var inChannel = Message("shared-1", "<at>ridotest</at> productops test-buttons");
        var inOtherChannel = Message("shared-1", "<at>ridotest</at> productops test-buttons");
        inOtherChannel["conversation"]!["id"] = "19:other-channel@thread.tacv2;messageid=1759881511856";

        await _factory.PostAsync(inChannel);
        await _factory.PostAsync(inOtherChannel);
        await BotFramework.WaitForAsync(c => c.Uri.AbsolutePath.Contains("other-channel", StringComparison.Ordinal) && c.Uri.AbsolutePath.EndsWith("/activities/shared-1", StringComparison.Ordinal));
        await BotFramework.WaitForAsync(c => c.Uri.AbsolutePath.Contains("6848757105754c8981c67612732d9aa7", StringComparison.Ordinal) && c.Uri.AbsolutePath.EndsWith("/activities/shared-1", StringComparison.Ordinal));

        Assert.Equal(2, BotFramework.ConnectorCalls.Count(c => c.Uri.AbsolutePath.EndsWith("/activities/shared-1", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Execute_PingButton_AnswersUpdatedCard()
    {
        await _factory.PostAsync(Message("buttons-1", "<at>ridotest</at> productops test-buttons"));
        var card = (await BotFramework.WaitForAsync(c => c.Uri.AbsolutePath.EndsWith("/activities/buttons-1", StringComparison.Ordinal))).Json;
        var button = card["attachments"]![0]!["content"]!["body"]!.AsArray().Single(b => (string?)b!["type"] == "ActionSet")!["actions"]![0]!;
        var invoke = TeamsFixture.Json("invoke_adaptiveCard_action.json");
        invoke["id"] = "execute-1";
        invoke["value"]!["action"] = new JsonObject { ["type"] = "Action.Execute", ["verb"] = button["verb"]!.DeepClone(), ["data"] = button["data"]!.DeepClone() };

        var answer = await _factory.InvokeAsync(invoke);

        Assert.Equal("Action.Execute", (string?)button["type"]);
        Assert.Equal(200, (int?)answer["statusCode"]);
        Assert.Equal("application/vnd.microsoft.card.adaptive", (string?)answer["type"]);
        Assert.Contains("Pong 42 for Rido", answer["value"]!.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Message_ActionSubmitFallback_ReplacesTheCard()
    {
        var message = Message("submit-fallback-1", "");
        message["replyToId"] = "card-77";
        message["value"] = JsonNode.Parse("""{"productops":{"action":"test.ping","value":"7"}}""");

        await _factory.PostAsync(message);
        var update = await BotFramework.WaitForAsync(c => c.Method == HttpMethod.Put && c.Body.Contains("Pong 7", StringComparison.Ordinal));

        Assert.EndsWith("/activities/card-77", update.Uri.AbsolutePath, StringComparison.Ordinal);
        Assert.Contains("Pong 7 for rido", update.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Message_ChannelChatterWithoutMention_IsNotAnswered()
    {
        var chatter = Message("chatter-1", "productops test-buttons");
        chatter["entities"] = new JsonArray();
        var mention = Message("chatter-2", "<at>ridotest</at> productops test-buttons");

        var response = await _factory.PostAsync(chatter);
        await _factory.PostAsync(mention);
        await BotFramework.WaitForAsync(c => c.Uri.AbsolutePath.EndsWith("/activities/chatter-2", StringComparison.Ordinal));
        await Task.Delay(300);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain(BotFramework.ConnectorCalls, c => c.Uri.AbsolutePath.EndsWith("/activities/chatter-1", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Message_ActionSubmitInChannelWithoutMention_ReplacesTheCard()
    {
        var message = Message("submit-no-mention-1", "");
        message["entities"] = new JsonArray();
        message["replyToId"] = "card-78";
        message["value"] = JsonNode.Parse("""{"productops":{"action":"test.ping","value":"8"}}""");

        await _factory.PostAsync(message);
        var update = await BotFramework.WaitForAsync(c => c.Method == HttpMethod.Put && c.Uri.AbsolutePath.EndsWith("/activities/card-78", StringComparison.Ordinal));

        Assert.Contains("Pong 8 for rido", update.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TaskSubmit_BadField_ShowsErrorsInDialogThenSaves()
    {
        await _factory.PostAsync(Message("form-1", "<at>ridotest</at> productops test-form"));
        var launcher = (await BotFramework.WaitForAsync(c => c.Uri.AbsolutePath.EndsWith("/activities/form-1", StringComparison.Ordinal))).Json;
        var open = launcher["attachments"]![0]!["content"]!["actions"]![0]!;
        var dialog = await _factory.InvokeAsync(Invoke("fetch-1", "task/fetch", new JsonObject { ["data"] = open["data"]!.DeepClone() }));
        var submit = dialog["task"]!["value"]!["card"]!["content"]!["actions"]![0]!["data"]!.AsObject();

        var invalid = (JsonObject)submit.DeepClone();
        invalid["title"] = "";
        invalid["score"] = "99";
        var errors = await _factory.InvokeAsync(Invoke("submit-1", "task/submit", new JsonObject { ["data"] = invalid }));
        var valid = (JsonObject)submit.DeepClone();
        valid["title"] = "Checkout is slow";
        valid["tags"] = "bug,ux";
        var saved = await _factory.PostAsync(Invoke("submit-2", "task/submit", new JsonObject { ["data"] = valid }));
        var posted = await BotFramework.WaitForAsync(c => c.Body.Contains("Saved", StringComparison.Ordinal) && c.Body.Contains("Checkout is slow", StringComparison.Ordinal));

        Assert.Equal("task/fetch", (string?)open["data"]!["msteams"]!["type"]);
        Assert.Equal("continue", (string?)dialog["task"]!["type"]);
        Assert.Equal("Log a test item", (string?)dialog["task"]!["value"]!["title"]);
        Assert.Equal("continue", (string?)errors["task"]!["type"]);
        var errorCard = errors["task"]!["value"]!["card"]!["content"]!.ToJsonString();
        Assert.Contains("Title is required.", errorCard, StringComparison.Ordinal);
        Assert.Contains("Score must be between 0 and 10.", errorCard, StringComparison.Ordinal);
        Assert.Contains("\"value\":99", errorCard, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        Assert.Contains("Checkout is slow", posted.Body, StringComparison.Ordinal);
        Assert.Contains("state-1", posted.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TaskSubmit_TamperedForm_SaysExpired()
    {
        var answer = await _factory.InvokeAsync(Invoke("tampered-1", "task/submit", new JsonObject
        {
            ["data"] = new JsonObject { ["productops"] = new JsonObject { ["form"] = "not-a-protected-form" }, ["title"] = "x" },
        }));

        Assert.Equal("message", (string?)answer["task"]!["type"]);
        Assert.Contains("expired", (string?)answer["task"]!["value"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendToProduct_FetchTask_OpensTheFeedbackFormPrefilledInTheDialog()
    {
        var fetch = TeamsFixture.Json("invoke_composeExtension_fetchTask_groupchat.json");
        fetch["channelId"] = "msteams";
        fetch["serviceUrl"] = "https://smba.trafficmanager.net/amer/";
        fetch["recipient"] = new JsonObject { ["id"] = "28:" + TestTokens.AppId, ["name"] = "ProductOps" };
        fetch["value"]!["commandId"] = "sendToProduct";
        fetch["value"]!["commandContext"] = "message";
        fetch["value"]!["messagePayload"] = new JsonObject
        {
            ["id"] = "1720000000000",
            ["body"] = new JsonObject { ["contentType"] = "html", ["content"] = "<p>Customer says export is broken &amp; slow</p>" },
            ["from"] = new JsonObject { ["user"] = new JsonObject { ["id"] = "aad-1", ["displayName"] = "Jane Customer" } },
            ["linkToMessage"] = "https://teams.microsoft.com/l/message/19:abc/1720000000000",
        };

        var answer = await _factory.InvokeAsync(fetch);

        // The Feedback skill answers with its form, prefilled with the shared message, shown as the dialog.
        Assert.Equal("continue", (string?)answer["task"]!["type"]);
        var card = answer["task"]!["value"]!["card"]!.ToJsonString();
        Assert.Contains("Customer says export is broken", card, StringComparison.Ordinal);
        Assert.Contains("Input.Text", card, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Message_UserWithKnownEmail_LinksToExistingPerson()
    {
        // A Teams user of its own, so the other tests of this shared bot cannot have met them first.
        var people = _factory.Services.GetRequiredService<IPeopleStore>();
        var existing = await people.AddAsync(
            new NewPerson("Nora Existing", "nora", "nora@contoso.test", null, new HashSet<Role> { Role.Pm }, [new ChatIdentity(Platforms.Slack, "T1", "U77")]),
            CancellationToken.None);
        BotFramework.MemberEmails["29:nora"] = "nora@contoso.test";
        var message = Message("link-1", "<at>ridotest</at> help");
        message["from"] = new JsonObject { ["id"] = "29:nora", ["name"] = "Nora", ["aadObjectId"] = "aad-nora" };

        await _factory.PostAsync(message);
        await BotFramework.WaitForAsync(c => c.Uri.AbsolutePath.EndsWith("/activities/link-1", StringComparison.Ordinal));

        var linked = await people.FindByIdentityAsync(
            new ChatIdentity(Platforms.Teams, "50612dbb-0237-4969-b378-8d42590f9c00", "aad-nora"), CancellationToken.None);
        Assert.Equal(existing.Id, linked?.Id);
        Assert.Contains(BotFramework.ConnectorCalls, c => c.Method == HttpMethod.Get && c.Uri.AbsolutePath.Contains("/members/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RoleCommand_PersonNamedByMention_IsFoundByTheirAadObjectId()
    {
        const string tenant = "50612dbb-0237-4969-b378-8d42590f9c00";
        var people = _factory.Services.GetRequiredService<IPeopleStore>();
        await people.AddAsync(
            new NewPerson("Ada Admin", "ada-admin", "ada@contoso.test", null, new HashSet<Role> { Role.Admin }, [new ChatIdentity(Platforms.Teams, tenant, "aad-ada")]),
            CancellationToken.None);
        var mo = await people.AddAsync(
            new NewPerson("Mo Mentioned", "mo-m", "mo@contoso.test", null, new HashSet<Role>(), [new ChatIdentity(Platforms.Teams, tenant, "aad-mo")]),
            CancellationToken.None);

        // Mo talked to the bot before; a mention names only the bot-specific id Teams gave them.
        await _factory.Services.GetRequiredService<SqlTeamsReferences>().SeenAsync(
            new TeamsUser(tenant, "aad-mo", "29:mo", "aad-mo", "Mo Mentioned", "https://smba.trafficmanager.net/amer/"), CancellationToken.None);
        BotFramework.MemberEmails["29:ada"] = "ada@contoso.test";
        var message = Message("role-by-mention-1", "<at>ridotest</at> productops role <at>Mo Mentioned</at> pm");
        message["from"] = new JsonObject { ["id"] = "29:ada", ["name"] = "Ada Admin", ["aadObjectId"] = "aad-ada" };
        message["entities"]!.AsArray().Add(new JsonObject
        {
            ["type"] = "mention",
            ["mentioned"] = new JsonObject { ["id"] = "29:mo", ["name"] = "Mo Mentioned" },
            ["text"] = "<at>Mo Mentioned</at>",
        });

        await _factory.PostAsync(message);
        var reply = await BotFramework.WaitForAsync(c => c.Uri.AbsolutePath.EndsWith("/activities/role-by-mention-1", StringComparison.Ordinal));

        Assert.Contains("now has the", (string?)reply.Json["summary"], StringComparison.Ordinal);
        Assert.True((await people.FindAsync(mo.Id, CancellationToken.None))!.Has(Role.Pm));
    }

    [Fact]
    public async Task ConversationUpdate_PersonalInstallThenOutbox_WelcomesAndDeliversProactively()
    {
        var install = TeamsFixture.Json("conversationUpdate_personal_install.json");
        install["id"] = "install-1";
        install["conversation"] = new JsonObject { ["conversationType"] = "personal", ["id"] = "a:personal-install", ["tenantId"] = "tenant-install" };
        install["from"] = new JsonObject { ["id"] = "29:installer", ["aadObjectId"] = "aad-installer", ["name"] = "Ina Installer" };

        // The documentation sample has placeholders; the bot is the recipient that was added.
        install["recipient"]!["id"] = install["membersAdded"]![0]!["id"]!.DeepClone();

        var response = await _factory.PostAsync(install);
        var welcome = await BotFramework.WaitForAsync(c => c.Uri.AbsolutePath.EndsWith("/v3/conversations/a%3Apersonal-install/activities", StringComparison.Ordinal));
        var person = await _factory.Services.GetRequiredService<IPeopleStore>().ResolveAsync(
            new ChatUser(new ChatIdentity(Platforms.Teams, "tenant-install", "aad-installer"), "Ina Installer"), CancellationToken.None);
        await _factory.Services.GetRequiredService<IOutbox>().EnqueueAsync(
            new OutboundMessage("nudge-1", new PersonRecipient(person.Id), Reply.Say("Your check-in is due.")), CancellationToken.None);
        var proactive = await BotFramework.WaitForAsync(c => c.Body.Contains("Your check-in is due.", StringComparison.Ordinal));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Hi, I'm ProductOps", welcome.Body, StringComparison.Ordinal);
        Assert.EndsWith("/v3/conversations/a%3Apersonal-install/activities", proactive.Uri.AbsolutePath, StringComparison.Ordinal);
        var stored = await _factory.Services.GetRequiredService<SqlTeamsReferences>().FindConversationAsync("a:personal-install", CancellationToken.None);
        Assert.Equal("personal", stored?.Kind);
    }

    /// <summary>The fixture's channel in a team Teams gives the group id of, and the Payments area feedback goes to.</summary>
    private async Task ArrangeThreadAsync()
    {
        BotFramework.TeamGroups["19:66P469zibfbsGI-_a0aN_toLTZpyzS6u7CT3TsXdgPw1@thread.tacv2"] = FakeGraph.GroupId;
        _factory.Graph.Add(FakeGraph.GroupId, "19:6848757105754c8981c67612732d9aa7@thread.tacv2", "1759881511856");
        var areas = _factory.Services.GetRequiredService<IAreaStore>();
        if (await areas.FindAsync("Payments", CancellationToken.None) is null)
        {
            var pm = await _factory.Services.GetRequiredService<IPeopleStore>().ResolveAsync(
                new ChatUser(new ChatIdentity(Platforms.Teams, "50612dbb-0237-4969-b378-8d42590f9c00", "aad-payments-pm"), "Pat PM"), CancellationToken.None);
            await areas.AddAsync(new AreaDraft("Payments", [], pm.Id, "payments-feedback"), CancellationToken.None);
        }
    }

    private static JsonObject Message(string id, string text)
    {
        var message = TeamsFixture.Json("message_channel_mention.json");
        message["id"] = id;
        message["text"] = text;
        return message;
    }

    private static JsonObject Invoke(string id, string name, JsonObject value)
    {
        var invoke = TeamsFixture.Json("invoke_adaptiveCard_action.json");
        invoke["id"] = id;
        invoke["name"] = name;
        invoke["value"] = value;
        return invoke;
    }

    [GeneratedRegex(@"Saved as #(\d+)")]
    private static partial Regex SavedId();
}
