using ProductOps.Skills.Conversation;
using ProductOps.Skills.Tests.TestKit;

namespace ProductOps.Skills.Tests.Feedback;

/// <summary>"@ProductOps feedback …" written as a reply in a thread captures the thread's first message.</summary>
public sealed class ThreadCaptureTests
{
    private static readonly SharedMessage FirstMessage =
        new("Acme can't export invoices to CSV and finance is furious", "Dana Reyes", "U9", "https://acme.slack.com/archives/C1/p1700000000000100");

    [Fact]
    public async Task MentionInThread_WithAreaAndAccount_CapturesFirstMessageWithItsAuthorAndLink()
    {
        await using var f = await FeedbackChat.StartAsync();
        f.Threads.Starts["1700000000.000100"] = ThreadRoot.Found(FirstMessage);

        var response = await f.MentionInThreadAsync(f.Tom, "feedback account:\"Acme Health\" area:payments type:churn-risk", "1700000000.000100");

        Assert.Contains("Saved as #1: Payments · Acme Health", TestChat.PlainText(response));
        var stored = (await f.Items.FindAsync(1, CancellationToken.None))!.Item;
        Assert.Equal((FirstMessage.Text, FirstMessage.AuthorName, FirstMessage.Link), (stored.Verbatim, stored.SourceAuthor, stored.SourceLink));
        Assert.Equal("churn-risk", stored.Type);
        Assert.Equal([(Place.Channel("C-general", "general"), "1700000000.000100")], f.Threads.Reads);
    }

    [Fact]
    public async Task MentionInThread_WithoutAccount_OpensFormPrefilledWithFirstMessage()
    {
        await using var f = await FeedbackChat.StartAsync();
        f.Threads.Starts["1700000000.000100"] = ThreadRoot.Found(FirstMessage);

        var response = await f.MentionInThreadAsync(f.Tom, "feedback #payments", "1700000000.000100");

        var form = Assert.IsType<Form>(response.Form);
        Assert.Equal(FirstMessage.Text, form.Inputs.OfType<TextInput>().Single(i => i.Id == "verbatim").Initial);
        Assert.Equal(FirstMessage.Link, form.Inputs.OfType<TextInput>().Single(i => i.Id == "link").Initial);
        Assert.Equal(["Payments"], form.Inputs.OfType<SelectInput>().Single(i => i.Id == "area").Initial);
        Assert.Null(await f.Items.FindAsync(1, CancellationToken.None));
    }

    [Fact]
    public async Task MentionInThread_FirstMessageDeleted_SaysSoAndStoresNothing()
    {
        await using var f = await FeedbackChat.StartAsync();

        var text = TestChat.PlainText(await f.MentionInThreadAsync(f.Tom, "feedback account:acme area:payments", "1700000000.000999"));

        Assert.Equal(
            "I could not capture the first message of this thread: it was deleted. Nothing was saved. Try \"Send to product\" on that message instead.",
            text);
        Assert.Null(await f.Items.FindAsync(1, CancellationToken.None));
        Assert.Empty(await f.OutboxAsync());
    }

    [Fact]
    public async Task MentionInThread_FirstMessageUnreachableWithWords_CapturesThemAndSaysWhy()
    {
        await using var f = await FeedbackChat.StartAsync();
        f.Threads.Starts["1700000000.000100"] = ThreadRoot.Unreachable("ProductOps may not read this team's messages");

        var text = TestChat.PlainText(await f.MentionInThreadAsync(f.Tom, "feedback Needs CSV export account:acme area:payments", "1700000000.000100"));

        Assert.StartsWith(
            "I could not capture the first message of this thread: ProductOps may not read this team's messages. I took the words you wrote after \"feedback\" instead.",
            text);
        Assert.Contains("Saved as #1", text);
        var stored = (await f.Items.FindAsync(1, CancellationToken.None))!.Item;
        Assert.Equal(("Needs CSV export", null), (stored.Verbatim, stored.SourceLink));
    }

    [Fact]
    public async Task MentionInThread_FirstMessageWithoutWords_SaysSoAndStoresNothing()
    {
        await using var f = await FeedbackChat.StartAsync();
        f.Threads.Starts["1700000000.000100"] = ThreadRoot.Found(FirstMessage with { Text = "  " });

        var text = TestChat.PlainText(await f.MentionInThreadAsync(f.Tom, "feedback account:acme area:payments", "1700000000.000100"));

        Assert.Contains("first message of this thread: it has no words. Nothing was saved.", text);
        Assert.Null(await f.Items.FindAsync(1, CancellationToken.None));
    }

    [Fact]
    public async Task MentionInThread_PlatformCannotReadThreadsAndNoWords_ExplainsSendToProduct()
    {
        await using var f = await FeedbackChat.StartAsync();
        f.ThreadReaders.Clear();

        var text = TestChat.PlainText(await f.MentionInThreadAsync(f.Tom, "feedback account:acme area:payments", "1700000000.000100"));

        Assert.Contains("I can't read the first message of a thread here. To send it, use \"Send to product\"", text);
        Assert.EndsWith("Nothing was saved.", text);
        Assert.Null(await f.Items.FindAsync(1, CancellationToken.None));
    }

    [Fact]
    public async Task MentionInThread_PlatformCannotReadThreadsWithWords_CapturesThemAndSaysWhy()
    {
        await using var f = await FeedbackChat.StartAsync();
        f.ThreadReaders.Clear();

        var text = TestChat.PlainText(await f.MentionInThreadAsync(f.Tom, "feedback Needs CSV export account:acme area:payments", "1700000000.000100"));

        Assert.StartsWith("I can't read the first message of a thread here.", text);
        Assert.Contains("I took the words you wrote after \"feedback\" instead.", text);
        Assert.Contains("Saved as #1", text);
        Assert.Equal("Needs CSV export", (await f.Items.FindAsync(1, CancellationToken.None))!.Item.Verbatim);
    }

    [Fact]
    public async Task MentionOutsideThread_CapturesTheTypedWordsWithoutReadingAnyThread()
    {
        await using var f = await FeedbackChat.StartAsync();

        var text = await f.SayAsync(f.Tom, "feedback Needs CSV export account:acme area:payments");

        Assert.Contains("Saved as #1", text);
        Assert.Equal("Needs CSV export", (await f.Items.FindAsync(1, CancellationToken.None))!.Item.Verbatim);
        Assert.Empty(f.Threads.Reads);
    }
}
