using System.Diagnostics;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using ProductOps.Bot.Slack;
using ProductOps.Bot.Slack.Requests;
using ProductOps.Bot.Tests.Slack.TestKit;
using ProductOps.Bot.Tests.TestKit;
using ProductOps.Skills.Admin;
using ProductOps.Skills.Conversation;
using ProductOps.Storage.Inbound;

namespace ProductOps.Bot.Tests.Slack;

/// <summary>Signed recorded payloads through the whole app (WebApplicationFactory, real SQLite, real people store) against a fake Slack.</summary>
public sealed class SlackEndToEndTests : IAsyncLifetime
{
    private FakeSlack _slack = null!;

    public async Task InitializeAsync() => _slack = await FakeSlack.StartAsync();

    public async Task DisposeAsync() => await _slack.DisposeAsync();

    [Fact]
    public async Task SlashCommand_Signed_AcknowledgedFastAndReplyReachesResponseUrl()
    {
        using var factory = new SlackFactory(_slack);
        var client = await StartedAsync(factory);

        var watch = Stopwatch.StartNew();
        var ack = await client.SendAsync(SlackFactory.Form("/slack/commands", SlackPayloads.Command("/productops", TestSkill.ButtonsCommand, _slack.ResponseUrl("r1"))));
        watch.Stop();

        Assert.Equal(HttpStatusCode.OK, ack.StatusCode);
        Assert.Equal("", await ack.Content.ReadAsStringAsync());
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(1), $"acknowledged after {watch.ElapsedMilliseconds} ms");
        var reply = Assert.Single(await _slack.WaitForAsync(c => c.Any(x => x.Method == "respond/r1")), c => c.Method == "respond/r1");
        Assert.Null(reply.Authorization);
        Assert.Equal("ephemeral", reply.Arg("response_type"));
        Assert.Equal("test.ping", (string?)reply.Args["blocks"]![1]!["elements"]![0]!["action_id"]);
        Assert.Equal("Press it.", reply.Arg("text"));
    }

    [Fact]
    public async Task SlashCommand_OpeningForm_OpensModalWithItsTrigger()
    {
        using var factory = new SlackFactory(_slack);
        var client = await StartedAsync(factory);

        await client.SendAsync(SlackFactory.Form("/slack/commands", SlackPayloads.Command("/productops", TestSkill.FormCommand, _slack.ResponseUrl("r2"), trigger: "trigger-42")));

        var open = Assert.Single(await _slack.WaitForAsync(c => c.Any(x => x.Method == "views.open")), c => c.Method == "views.open");
        Assert.Equal("trigger-42", open.Arg("trigger_id"));
        Assert.Equal("Bearer " + SlackFactory.BotToken, open.Authorization);
        var view = open.Args["view"]!;
        Assert.Equal("productops.form", (string?)view["callback_id"]);
        Assert.Equal(TestSkill.Form.Inputs.Select(i => i.Id), view["blocks"]!.AsArray().Select(b => (string?)b!["block_id"]));
    }

    [Fact]
    public async Task ViewSubmission_MissingRequiredField_AnswersErrorsInline()
    {
        using var factory = new SlackFactory(_slack);
        var client = await StartedAsync(factory);
        var payload = SlackPayloads.Submission(TestSkill.FormId, "state-1", SlackPayloads.Channel, ("title", SlackPayloads.TextValue(null)), ("score", new JsonObject { ["type"] = "number_input", ["value"] = "11" }));

        var ack = await client.SendAsync(SlackFactory.Form("/slack/interactions", [("payload", payload.ToJsonString())]));

        Assert.Equal(HttpStatusCode.OK, ack.StatusCode);
        var body = JsonNode.Parse(await ack.Content.ReadAsStringAsync())!;
        Assert.Equal("errors", (string?)body["response_action"]);
        Assert.Equal("Title is required.", (string?)body["errors"]!["title"]);
        Assert.Equal("Score must be between 0 and 10.", (string?)body["errors"]!["score"]);
    }

    [Fact]
    public async Task ViewSubmission_Valid_ClearsModalAndRepliesWhereTheFormWasOpened()
    {
        using var factory = new SlackFactory(_slack);
        var client = await StartedAsync(factory);
        var payload = SlackPayloads.Submission(TestSkill.FormId, "state-1", SlackPayloads.Channel, ("title", SlackPayloads.TextValue("Checkout <b>")));

        var ack = await client.SendAsync(SlackFactory.Form("/slack/interactions", [("payload", payload.ToJsonString())]));

        Assert.Equal("""{"response_action":"clear"}""", await ack.Content.ReadAsStringAsync());
        var calls = await _slack.WaitForAsync(c => c.Any(x => x.Method == "chat.postEphemeral") && c.Any(x => x.Method == "chat.postMessage"));
        var ephemeral = Assert.Single(calls, c => c.Method == "chat.postEphemeral");
        Assert.Equal(SlackPayloads.Channel, ephemeral.Arg("channel"));
        Assert.Equal("W111", ephemeral.Arg("user"));
        Assert.Contains("*Checkout &lt;b&gt;*", (string?)ephemeral.Args["blocks"]![0]!["text"]!["text"], StringComparison.Ordinal);
        Assert.Equal("W111", Assert.Single(calls, c => c.Method == "conversations.open").Arg("users"));
        Assert.Equal("DW111", Assert.Single(calls, c => c.Method == "chat.postMessage").Arg("channel"));
    }

    [Fact]
    public async Task ViewSubmission_FailingAfterTheBudget_ClosesTheFormAndTellsThePerson()
    {
        using var slack = new SlackFactory(_slack);
        using var factory = slack.WithWebHostBuilder(web => web.ConfigureTestServices(services =>
        {
            services.RemoveAll<IPersonResolver>();
            services.AddSingleton<IPersonResolver, SlowBrokenPeople>();
        }));
        var client = factory.CreateClient();
        var payload = SlackPayloads.Submission(TestSkill.FormId, "state-1", SlackPayloads.Channel,
            ("title", SlackPayloads.TextValue("Checkout")), ("owner", new JsonObject { ["type"] = "users_select", ["selected_user"] = "U42" }));

        var ack = await client.SendAsync(SlackFactory.Form("/slack/interactions", [("payload", payload.ToJsonString())]));

        Assert.Equal("""{"response_action":"clear"}""", await ack.Content.ReadAsStringAsync());
        var told = Assert.Single(await _slack.WaitForAsync(c => c.Any(x => x.Method == "chat.postEphemeral")), c => c.Method == "chat.postEphemeral");
        Assert.Equal(("C111", "W111"), (told.Arg("channel"), told.Arg("user")));
        Assert.Contains("Something went wrong", told.Arg("text"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Event_DeliveredThreeTimes_RepliesOnce()
    {
        using var factory = new SlackFactory(_slack);
        var client = await StartedAsync(factory);
        var body = SlackPayloads.Mention("Ev3", $"productops {TestSkill.AnnounceCommand} launch day");

        for (var retry = 0; retry < 3; retry++)
        {
            var request = SlackFactory.Json("/slack/events", body);
            if (retry > 0)
            {
                request.Headers.Add("X-Slack-Retry-Num", retry.ToString(System.Globalization.CultureInfo.InvariantCulture));
                request.Headers.Add("X-Slack-Retry-Reason", "http_timeout");
            }

            Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(request)).StatusCode);
        }

        var post = Assert.Single(await _slack.WaitForAsync(c => c.Any(x => x.Method == "chat.postMessage")), c => c.Method == "chat.postMessage");
        await Task.Delay(500);
        Assert.Single(_slack.CallsOf("chat.postMessage"));
        Assert.Equal(SlackPayloads.Channel, post.Arg("channel"));
        Assert.Contains("says launch day", post.Arg("text"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Event_RepeatedAfterRestart_IsStillSkipped()
    {
        using var database = new TempDatabase();
        var body = SlackPayloads.Mention("Ev-restart", $"productops {TestSkill.AnnounceCommand} once");
        var sameDatabase = ("ConnectionStrings:ProductOps", database.ConnectionString);
        using (var first = new SlackFactory(_slack, sameDatabase))
        {
            var client = await StartedAsync(first);
            await client.SendAsync(SlackFactory.Json("/slack/events", body));
            await _slack.WaitForAsync(c => c.Any(x => x.Method == "chat.postMessage"));
        }

        using var second = new SlackFactory(_slack, sameDatabase);
        var again = await StartedAsync(second);
        var retry = SlackFactory.Json("/slack/events", body);
        retry.Headers.Add("X-Slack-Retry-Num", "3");
        await again.SendAsync(retry);

        await Task.Delay(750);
        Assert.Single(_slack.CallsOf("chat.postMessage"));
    }

    [Fact]
    public async Task SlashCommand_AcknowledgedBeforeACrash_RunsAfterTheRestart()
    {
        using var database = new TempDatabase();
        var store = new SqlInboundBacklog(await database.MigrateAsync(), TimeProvider.System);
        var command = SlashCommand.FromForm(SlackPayloads.Command("/productops", TestSkill.ButtonsCommand, _slack.ResponseUrl("crashed")).ToDictionary(f => f.Key, f => f.Value));
        await store.AddAsync(SlackInbox.Queue, JsonSerializer.Serialize(new StoredSlackRequest(Command: command), SlackJson.Options), CancellationToken.None);

        using var restarted = new SlackFactory(_slack, ("ConnectionStrings:ProductOps", database.ConnectionString));
        await StartedAsync(restarted);

        var reply = await _slack.WaitForAsync(c => c.Any(x => x.Method == "respond/crashed"));
        Assert.Single(reply, c => c.Method == "respond/crashed");
        Assert.Empty(await PendingOnceRemovedAsync(store));
    }

    [Fact]
    public async Task SlashCommand_Handled_LeavesNothingStored()
    {
        using var database = new TempDatabase();
        using var factory = new SlackFactory(_slack, ("ConnectionStrings:ProductOps", database.ConnectionString));
        var client = await StartedAsync(factory);

        await client.SendAsync(SlackFactory.Form("/slack/commands", SlackPayloads.Command("/productops", TestSkill.ButtonsCommand, _slack.ResponseUrl("r-done"))));
        await _slack.WaitForAsync(c => c.Any(x => x.Method == "respond/r-done"));

        Assert.Empty(await PendingOnceRemovedAsync(new SqlInboundBacklog(database.Database, TimeProvider.System)));
    }

    [Fact]
    public async Task Reply_RateLimited_WaitsRetryAfterAndArrivesOnce()
    {
        _slack.Script("chat.postMessage", FakeAnswer.RateLimited(1));
        using var factory = new SlackFactory(_slack);
        var client = await StartedAsync(factory);

        await client.SendAsync(SlackFactory.Json("/slack/events", SlackPayloads.Mention("Ev429", $"productops {TestSkill.AnnounceCommand} patience")));

        var posts = (await _slack.WaitForAsync(c => c.Count(x => x.Method == "chat.postMessage") >= 2)).Where(c => c.Method == "chat.postMessage").ToList();
        Assert.True(posts[1].At - posts[0].At >= TimeSpan.FromSeconds(1), $"retried after {(posts[1].At - posts[0].At).TotalMilliseconds} ms");
        await Task.Delay(500);
        Assert.Equal(2, _slack.CallsOf("chat.postMessage").Count);
    }

    [Fact]
    public async Task SlashCommand_FromUserWithKnownEmail_LinksToThePersonWithThatEmail()
    {
        using var factory = new SlackFactory(_slack);
        var client = await StartedAsync(factory);
        var people = factory.Services.GetRequiredService<IPeopleStore>();
        var priya = await people.AddAsync(new NewPerson("Priya Patel", "priya", "priya@example.com", null, new HashSet<Role> { Role.Pm }, []), CancellationToken.None);
        _slack.Users["U200"] = ("Priya P", "priya@example.com", "Europe/Berlin");

        await client.SendAsync(SlackFactory.Form("/slack/commands", SlackPayloads.Command("/productops", "whoami", _slack.ResponseUrl("r3"), user: "U200")));
        await _slack.WaitForAsync(c => c.Any(x => x.Method == "respond/r3"));

        var linked = await people.FindByIdentityAsync(new ChatIdentity(Platforms.Slack, SlackPayloads.Team, "U200"), CancellationToken.None);
        Assert.Equal(priya.Id, linked?.Id);
        Assert.Equal("Europe/Berlin", linked!.TimeZone);
        Assert.Contains(Role.Pm, linked.Roles);
        Assert.Single(_slack.CallsOf("users.info"));
    }

    [Fact]
    public async Task MessageShortcut_SendToProduct_OpensTheFeedbackFormPrefilledWithTheMessage()
    {
        using var factory = new SlackFactory(_slack);
        var client = await StartedAsync(factory);
        var payload = JsonNode.Parse(SlackFixture.Text("message_action.json"))!;
        payload["callback_id"] = SlackInbound.SendToProduct;
        payload["response_url"] = _slack.ResponseUrl("r4");

        var ack = await client.SendAsync(SlackFactory.Form("/slack/interactions", [("payload", payload.ToJsonString())]));

        Assert.Equal(HttpStatusCode.OK, ack.StatusCode);
        var calls = await _slack.WaitForAsync(c => c.Any(x => x.Method == "views.open"));
        var link = Assert.Single(calls, c => c.Method == "chat.getPermalink");
        Assert.Equal(("C111", "1583636382.000300"), (link.Arg("channel"), link.Arg("message_ts")));
        var view = Assert.Single(calls, c => c.Method == "views.open").Args["view"]!.ToJsonString();
        Assert.Contains("test", view, StringComparison.Ordinal);
        Assert.Contains("feedback", view, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Mention_OpeningForm_OffersButtonThatOpensTheModal()
    {
        using var factory = new SlackFactory(_slack);
        var client = await StartedAsync(factory);

        await client.SendAsync(SlackFactory.Json("/slack/events", SlackPayloads.Mention("EvForm", $"productops {TestSkill.FormCommand}")));
        var offer = Assert.Single(await _slack.WaitForAsync(c => c.Any(x => x.Method == "chat.postEphemeral")), c => c.Method == "chat.postEphemeral");
        var button = offer.Args["blocks"]![1]!["elements"]![0]!;
        var click = JsonNode.Parse(SlackFixture.Text("block_actions.json"))!;
        click["user"]!["id"] = "U100";
        click["trigger_id"] = "trigger-click";
        click["response_url"] = _slack.ResponseUrl("r5");
        click["actions"]![0]!["action_id"] = (string?)button["action_id"];
        click["actions"]![0]!["value"] = (string?)button["value"];
        await client.SendAsync(SlackFactory.Form("/slack/interactions", [("payload", click.ToJsonString())]));

        var open = Assert.Single(await _slack.WaitForAsync(c => c.Any(x => x.Method == "views.open")), c => c.Method == "views.open");
        Assert.Equal("trigger-click", open.Arg("trigger_id"));
        Assert.Equal(PendingForms.OpenAction, (string?)button["action_id"]);
    }

    [Theory]
    [InlineData("wrong-secret", 0)]
    [InlineData(SlackFactory.Secret, -600)]
    [InlineData(SlackFactory.Secret, 600)]
    public async Task Request_BadSignatureOrTimestamp_Is401AndNothingRuns(string secret, int offsetSeconds)
    {
        using var factory = new SlackFactory(_slack);
        var client = await StartedAsync(factory);
        var at = TimeProvider.System.GetUtcNow().AddSeconds(offsetSeconds);

        var response = await client.SendAsync(SlackFactory.SignedRequest("/slack/events", SlackPayloads.Mention("EvBad", $"productops {TestSkill.AnnounceCommand} x"), "application/json", at, secret));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        await Task.Delay(300);
        Assert.DoesNotContain(_slack.Calls, c => c.Method != "auth.test");
        var deliveries = factory.Services.GetRequiredService<ProductOps.Storage.Deliveries.SqlDeliveryLog>();
        Assert.True(await deliveries.FirstSeenAsync("slack:event:EvBad", CancellationToken.None));
    }

    [Fact]
    public async Task Request_MissingSignatureHeaders_Is401()
    {
        using var factory = new SlackFactory(_slack);
        var client = await StartedAsync(factory);

        var response = await client.PostAsync("/slack/commands", new StringContent("command=%2Fproductops&text=help", System.Text.Encoding.UTF8, "application/x-www-form-urlencoded"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Request_WithoutSigningSecret_Is404()
    {
        using var factory = new SlackFactory(_slack, ("SLACK_SIGNING_SECRET", ""));
        var client = await StartedAsync(factory);

        var response = await client.SendAsync(SlackFactory.Form("/slack/commands", SlackPayloads.Command("/productops", "help", _slack.ResponseUrl("r6"))));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Request_BodyOverOneMegabyte_Is413()
    {
        using var factory = new SlackFactory(_slack);
        var client = await StartedAsync(factory);

        var response = await client.SendAsync(SlackFactory.Form("/slack/commands", SlackPayloads.Command("/productops", new string('x', 1_100_000), _slack.ResponseUrl("r7"))));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task SslCheck_Unsigned_Answers200AndRunsNothing()
    {
        using var factory = new SlackFactory(_slack);
        var client = await StartedAsync(factory);

        var response = await client.PostAsync("/slack/commands", new StringContent("ssl_check=1&token=x&command=%2Fproductops", System.Text.Encoding.UTF8, "application/x-www-form-urlencoded"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await Task.Delay(200);
        Assert.DoesNotContain(_slack.Calls, c => c.Method != "auth.test");
    }

    [Fact]
    public async Task UrlVerification_Signed_EchoesTheChallenge()
    {
        using var factory = new SlackFactory(_slack);
        var client = await StartedAsync(factory);

        var response = await client.SendAsync(SlackFactory.Json("/slack/events", SlackFixture.Text("url_verification.json")));

        Assert.Equal("3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Startup_BotToken_AsksSlackWhoTheBotIs()
    {
        using var factory = new SlackFactory(_slack);
        await StartedAsync(factory);

        var call = Assert.Single(await _slack.WaitForAsync(c => c.Any(x => x.Method == "auth.test")));
        Assert.Equal("Bearer " + SlackFactory.BotToken, call.Authorization);
        await WaitAsync(() => factory.Services.GetRequiredService<SlackBot>().UserId == FakeSlack.BotUserId);
    }

    /// <summary>People picked in a form cannot be resolved, and finding that out takes longer than Slack waits.</summary>
    private sealed class SlowBrokenPeople : IPersonResolver
    {
        public async Task<Person> ResolveAsync(ChatUser user, CancellationToken ct)
        {
            await Task.Delay(SlackIngress.SubmissionBudget + TimeSpan.FromMilliseconds(500), ct);
            throw new InvalidOperationException("The people store is unavailable.");
        }
    }

    private static async Task<HttpClient> StartedAsync(SlackFactory factory)
    {
        var client = factory.CreateClient();
        // The first request pays for start-up; acknowledgement times are measured after it.
        (await client.GetAsync("/healthz")).Dispose();
        return client;
    }

    /// <summary>
    /// What the queue still holds once handled turns' removals are in: a removal is committed with
    /// others up to 10 ms after its turn, so it can land just after the reply.
    /// </summary>
    private static async Task<IReadOnlyList<QueuedInbound>> PendingOnceRemovedAsync(SqlInboundBacklog store)
    {
        var pending = await store.PendingAsync(SlackInbox.Queue, CancellationToken.None);
        for (var i = 0; i < 200 && pending.Count > 0; i++)
        {
            await Task.Delay(25);
            pending = await store.PendingAsync(SlackInbox.Queue, CancellationToken.None);
        }

        return pending;
    }

    private static async Task WaitAsync(Func<bool> done)
    {
        for (var i = 0; i < 200 && !done(); i++)
        {
            await Task.Delay(25);
        }

        Assert.True(done());
    }
}
