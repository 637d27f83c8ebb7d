using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using ProductOps.Bot.Tests.Slack.TestKit;
using ProductOps.Skills.Accounts;
using ProductOps.Skills.Admin;
using ProductOps.Skills.Conversation;
using ProductOps.Skills.Feedback;

namespace ProductOps.Bot.Tests.Slack;

/// <summary>
/// "@ProductOps feedback …" as a reply in a Slack thread, through the whole app against a fake Slack:
/// the thread's first message is read with conversations.replies in the background turn and becomes
/// the customer's words, with its author and permalink as the source.
/// </summary>
public sealed class SlackThreadFeedbackTests : IAsyncLifetime
{
    private const string Thread = "1482960137.003543";
    private FakeSlack _slack = null!;

    public async Task InitializeAsync() => _slack = await FakeSlack.StartAsync();

    public async Task DisposeAsync() => await _slack.DisposeAsync();

    [Fact]
    public async Task MentionInThread_WithAreaAndAccount_StoresFirstMessageWithAuthorAndPermalink()
    {
        using var factory = new SlackFactory(_slack);
        var client = await StartedAsync(factory);
        _slack.Users["U061F7AUR"] = ("Dana Reyes", null, null);
        _slack.Script("conversations.replies", Recorded("conversations_replies.json"));

        await client.SendAsync(SlackFactory.Json("/slack/events", SlackPayloads.Mention("EvT1", "feedback account:\"Acme Health\" area:payments type:churn-risk", threadTs: Thread)));

        Assert.Contains("Saved as #1: Payments · Acme Health", await AnswerAsync());
        var read = Assert.Single(_slack.CallsOf("conversations.replies"));
        Assert.Equal((SlackPayloads.Channel, Thread, "1"), (read.Arg("channel"), read.Arg("ts"), read.Arg("limit")));
        var item = (await factory.Services.GetRequiredService<IFeedbackStore>().FindAsync(1, CancellationToken.None))!.Item;
        Assert.Equal(("island", "Dana Reyes"), (item.Verbatim, item.SourceAuthor));
        Assert.Equal($"https://test.slack.com/archives/{SlackPayloads.Channel}/p1482960137003543", item.SourceLink);
    }

    [Fact]
    public async Task MentionInThread_WithoutAccount_OffersTheFormPrefilledWithFirstMessage()
    {
        using var factory = new SlackFactory(_slack);
        var client = await StartedAsync(factory);
        _slack.Script("conversations.replies", Recorded("conversations_replies.json"));

        await client.SendAsync(SlackFactory.Json("/slack/events", SlackPayloads.Mention("EvT2", "feedback #payments", threadTs: Thread)));

        // A mention has no trigger to open a modal with, so the form waits behind an "Open" button.
        Assert.Contains("opens in a form", await AnswerAsync());
        Assert.Null(await factory.Services.GetRequiredService<IFeedbackStore>().FindAsync(1, CancellationToken.None));
        Assert.Single(_slack.CallsOf("conversations.replies"));
    }

    [Fact]
    public async Task MentionInThread_FirstMessageDeleted_SaysSoAndStoresNothing()
    {
        using var factory = new SlackFactory(_slack);
        var client = await StartedAsync(factory);
        _slack.Script("conversations.replies", Recorded("conversations_replies_tombstone.json"));

        await client.SendAsync(SlackFactory.Json("/slack/events", SlackPayloads.Mention("EvT3", "feedback account:acme area:payments", threadTs: Thread)));

        Assert.Contains("I could not capture the first message of this thread: it was deleted. Nothing was saved.", await AnswerAsync());
        Assert.Null(await factory.Services.GetRequiredService<IFeedbackStore>().FindAsync(1, CancellationToken.None));
        Assert.Empty(_slack.CallsOf("chat.getPermalink"));
    }

    [Theory]
    [InlineData("thread_not_found", "it was deleted")]
    [InlineData("not_in_channel", "ProductOps is not in this channel")]
    [InlineData("missing_scope", "ProductOps may not read this channel's history")]
    public async Task MentionInThread_SlackRefusesTheRead_ExplainsAndStoresNothing(string error, string explained)
    {
        using var factory = new SlackFactory(_slack);
        var client = await StartedAsync(factory);
        _slack.Script("conversations.replies", FakeAnswer.Error(error));

        await client.SendAsync(SlackFactory.Json("/slack/events", SlackPayloads.Mention("EvT4-" + error, "feedback account:acme area:payments", threadTs: Thread)));

        var answer = await AnswerAsync();
        Assert.Contains("I could not capture the first message of this thread: " + explained, answer);
        Assert.Contains("Nothing was saved.", answer);
        Assert.Null(await factory.Services.GetRequiredService<IFeedbackStore>().FindAsync(1, CancellationToken.None));
    }

    [Fact]
    public async Task MentionInThread_SlowThreadRead_IsAcknowledgedFirst()
    {
        using var factory = new SlackFactory(_slack);
        var client = await StartedAsync(factory);
        _slack.Script("conversations.replies", FakeAnswer.Hang(TimeSpan.FromSeconds(2)), Recorded("conversations_replies.json"));

        var watch = Stopwatch.StartNew();
        var ack = await client.SendAsync(SlackFactory.Json("/slack/events", SlackPayloads.Mention("EvT5", "feedback account:acme area:payments", threadTs: Thread)));
        watch.Stop();

        Assert.Equal(HttpStatusCode.OK, ack.StatusCode);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(1), $"acknowledged after {watch.Elapsed.TotalMilliseconds} ms");
        await _slack.WaitForAsync(c => c.Any(x => x.Method == "conversations.replies"));
    }

    [Fact]
    public async Task MentionOutsideThread_CapturesTheTypedWordsWithoutReadingHistory()
    {
        using var factory = new SlackFactory(_slack);
        var client = await StartedAsync(factory);

        await client.SendAsync(SlackFactory.Json("/slack/events", SlackPayloads.Mention("EvT6", "feedback Needs CSV export account:acme area:payments")));

        Assert.Contains("Saved as #1", await AnswerAsync());
        Assert.Empty(_slack.CallsOf("conversations.replies"));
        Assert.Equal("Needs CSV export", (await factory.Services.GetRequiredService<IFeedbackStore>().FindAsync(1, CancellationToken.None))!.Item.Verbatim);
    }

    private static FakeAnswer Recorded(string fixture) =>
        FakeAnswer.Ok(JsonNode.Parse(SlackFixture.Text(fixture))!.AsObject());

    /// <summary>The text of ProductOps' answer to the asker (the triage card goes to the area's channel as a message).</summary>
    private async Task<string> AnswerAsync()
    {
        var calls = await _slack.WaitForAsync(c => c.Any(x => x.Method == "chat.postEphemeral"));
        return calls.First(c => c.Method == "chat.postEphemeral").Arg("text") ?? "";
    }

    /// <summary>Starts the app with the Payments area (owned by a PM) and Acme Health in the catalogue.</summary>
    private static async Task<HttpClient> StartedAsync(SlackFactory factory)
    {
        var client = factory.CreateClient();
        (await client.GetAsync("/healthz")).Dispose();
        var pm = await factory.Services.GetRequiredService<IPeopleStore>().AddAsync(
            new NewPerson("Priya Patel", "priya", "priya@example.com", null, new HashSet<Role> { Role.Pm }, []), CancellationToken.None);
        await factory.Services.GetRequiredService<IAreaStore>().AddAsync(new AreaDraft("Payments", [], pm.Id, "payments-feedback"), CancellationToken.None);
        await factory.Services.GetRequiredService<IAccountStore>().UpsertAsync(
            [new AccountData("Acme Health", ["acme"], "enterprise", 1_200_000m, null, null, "CRM-1")], CancellationToken.None);
        return client;
    }
}
