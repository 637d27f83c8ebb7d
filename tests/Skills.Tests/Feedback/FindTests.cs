using Moq;
using ProductOps.Skills.Conversation;
using ProductOps.Skills.Feedback;
using ProductOps.Skills.Importing;
using ProductOps.Skills.Tests.TestKit;

namespace ProductOps.Skills.Tests.Feedback;

public sealed class FindTests
{
    [Fact]
    public async Task Search_WithAreaFilter_RanksMatchesWithSnippetsInThatAreaOnly()
    {
        await using var f = await FeedbackChat.StartAsync();
        await f.ItemAsync(f.Tom, f.Payments, "acme", "Invoices need a cost centre split");
        await f.ItemAsync(f.Tom, f.Reporting, "acme", "Invoices report is slow");
        await f.ItemAsync(f.Tom, f.Payments, "globex", "Card retries");

        var response = await f.SendAsync(f.Aisha, "/feedback search invoices area:Payments");

        var text = TestChat.PlainText(response);
        Assert.StartsWith("Results for \"invoices\": 1", text);
        Assert.Contains("#1 · Payments · Acme Health", text);
        Assert.Contains(response.Replies.SelectMany(r => r.Blocks).OfType<SectionBlock>().SelectMany(s => s.Text.Spans), s => s is BoldSpan { Text: "Invoices" });
    }

    [Fact]
    public async Task Search_ManyResults_PagesWithAMoreButton()
    {
        await using var f = await FeedbackChat.StartAsync();
        for (var i = 0; i < 12; i++)
        {
            f.Chat.Clock.Advance(TimeSpan.FromMinutes(2));
            await f.ItemAsync(f.Tom, f.Payments, "acme", $"Refunds request number {i}");
        }

        var first = await f.SendAsync(f.Aisha, "/feedback search refunds");
        var more = FeedbackChat.Buttons(first).Single();
        var second = TestChat.PlainText(await f.PressAsync(f.Aisha, more));

        Assert.Contains("Page 1 of 2.", TestChat.PlainText(first));
        Assert.Equal("/feedback search refunds page:2", more.Value);
        Assert.Contains("Page 2 of 2.", second);
        Assert.Equal(2, second.Split('\n').Count(l => l.StartsWith('#')));
    }

    [Fact]
    public async Task Search_SinceAndTypeFilters_KeepOnlyRecentOfThatType()
    {
        await using var f = await FeedbackChat.StartAsync();
        await f.ItemAsync(f.Tom, f.Payments, "acme", "Old refunds ask");
        f.Chat.Clock.Advance(TimeSpan.FromDays(60));
        await f.SayAsync(f.Tom, "/feedback New refunds ask area:Payments account:acme type:churn-risk");

        var recent = await f.SayAsync(f.Tom, "/feedback search refunds since:30d");
        var churn = await f.SayAsync(f.Tom, "/feedback search type:churn");
        var bad = await f.SayAsync(f.Tom, "/feedback search refunds since:yesterday");

        Assert.StartsWith("Results for \"refunds\": 1", recent);
        Assert.Contains("#2 · Payments", recent);
        Assert.StartsWith("Feedback: 1", churn);
        Assert.Contains("since:yesterday is not a time.", bad);
    }

    [Fact]
    public async Task Mine_ListsOnlyMyItemsWithTheirThemeStatus()
    {
        await using var f = await FeedbackChat.StartAsync();
        var mine = await f.ItemAsync(f.Tom, f.Payments, "acme", "ACH payments");
        await f.ItemAsync(f.Aisha, f.Payments, "globex", "Something else");
        await f.ThemeAsync("ACH", f.Payments, mine);
        await f.SayAsync(f.Priya, "/feedback status T1 planned");

        var text = await f.SayAsync(f.Tom, "/feedback mine");

        Assert.StartsWith("Your feedback: 1", text);
        Assert.Contains("#1 · Payments · Acme Health · Feature request", text);
        Assert.Contains("T1 ACH (Planned)", text);
    }

    [Fact]
    public async Task Show_Item_ShowsItsFieldsAndTheme()
    {
        await using var f = await FeedbackChat.StartAsync();
        await f.SayAsync(f.Tom, "/feedback Pay by ACH area:Payments account:acme urgency:important");

        var text = await f.SayAsync(f.Lena, "/feedback show #1");

        Assert.StartsWith("Feedback #1", text);
        Assert.Contains("“Pay by ACH”", text);
        Assert.Contains("Account: Acme Health ($1.2M ARR)", text);
        Assert.Contains("Urgency: Important", text);
        Assert.Contains("Theme: none yet", text);
    }

    [Fact]
    public async Task Show_HashWithoutANumber_SaysHowItemsAndThemesAreWritten()
    {
        await using var f = await FeedbackChat.StartAsync();

        var text = await f.SayAsync(f.Lena, "/feedback show #abc");

        Assert.StartsWith("#abc is not a feedback item: items are numbers like #123; themes are like T7, or a title in \"quotes\".", text);
    }

    [Fact]
    public async Task Export_Csv_RoundTripsThroughTheCsvReader()
    {
        await using var f = await FeedbackChat.StartAsync();
        var tricky = "She said: \"we'd pay\", twice,\nthen =SUM(A1) on a new line";
        await f.ItemAsync(f.Tom, f.Payments, "acme", tricky);
        await f.ItemAsync(f.Tom, null, "Unknown Co", "Plain words");
        var items = (await f.Items.SearchAsync(new FeedbackQuery(PageSize: 100), CancellationToken.None)).Items;

        using var writer = new StringWriter();
        await FeedbackCsv.WriteAsync(writer, items, CancellationToken.None);
        var (rows, problem) = await CsvTable.ReadAsync(new StringReader(writer.ToString()), FeedbackCsv.Columns, ["id"], "", CancellationToken.None);

        Assert.Null(problem);
        Assert.Equal(2, rows.Count);
        var acme = rows.Single(r => r["account"] == "Acme Health");
        Assert.Equal(tricky, acme["verbatim"]);
        Assert.Equal("enterprise", acme["segment"]);
        Assert.Equal("1200000", acme["revenue_at_stake"]);
        Assert.Equal("no", rows.Single(r => r["account"] == "Unknown Co")["account_in_catalogue"]);
    }

    [Fact]
    public async Task Export_Command_GivesAOneTimeLinkThatRedeemsOnceAndExpires()
    {
        await using var f = await FeedbackChat.StartAsync();
        await f.ItemAsync(f.Tom, f.Payments, "acme", "ACH payments");
        var links = f.Chat.Services.Get<IExportLinkStore>();

        var response = await f.SendAsync(f.Tom, "/feedback export area:Payments");
        var link = response.Replies.SelectMany(r => r.Blocks).OfType<SectionBlock>().SelectMany(s => s.Text.Spans).OfType<LinkSpan>().Single();
        var token = link.Url[(link.Url.LastIndexOf('/') + 1)..];

        Assert.StartsWith("http://localhost:5000/feedback/export/", link.Url);
        Assert.Contains("The link works once, for 15 minutes.", TestChat.PlainText(response));
        Assert.Equal(f.Payments.Id, (await links.RedeemAsync(ExportFeedbackHandler.TokenHash(token), CancellationToken.None))!.AreaId);
        Assert.Null(await links.RedeemAsync(ExportFeedbackHandler.TokenHash(token), CancellationToken.None));
        var later = await f.SendAsync(f.Tom, "/feedback export");
        var laterToken = later.Replies.SelectMany(r => r.Blocks).OfType<SectionBlock>().SelectMany(s => s.Text.Spans).OfType<LinkSpan>().Single().Url.Split('/')[^1];
        f.Chat.Clock.Advance(TimeSpan.FromMinutes(16));
        Assert.Null(await links.RedeemAsync(ExportFeedbackHandler.TokenHash(laterToken), CancellationToken.None));
    }

    [Fact]
    public async Task Export_WherePlatformTakesFiles_SendsTheCsvByDmInsteadOfALink()
    {
        await using var f = await FeedbackChat.StartAsync();
        await f.ItemAsync(f.Tom, f.Payments, "acme", "ACH payments");
        FileForPerson? sent = null;
        f.Files.Setup(s => s.CanSend(It.IsAny<ChatUser>())).Returns(true);
        f.Files.Setup(s => s.SendAsync(It.IsAny<ChatUser>(), It.IsAny<FileForPerson>(), It.IsAny<CancellationToken>()))
            .Callback<ChatUser, FileForPerson, CancellationToken>((_, file, _) => sent = file)
            .ReturnsAsync(FileSent.Sent);

        var text = await f.SayAsync(f.Tom, "/feedback export area:Payments");

        Assert.Equal("Sent feedback.csv with 1 item to you as a direct message.", text);
        var csv = System.Text.Encoding.UTF8.GetString(sent!.Content);
        Assert.StartsWith(string.Join(',', FeedbackCsv.Columns) + "\r\n", csv, StringComparison.Ordinal);
        Assert.Contains("ACH payments", csv, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Export_WherePlatformAsksToAcceptFiles_SaysToAcceptTheOfferInsteadOfALink()
    {
        await using var f = await FeedbackChat.StartAsync();
        await f.ItemAsync(f.Tom, f.Payments, "acme", "ACH payments");
        f.Files.Setup(s => s.CanSend(It.IsAny<ChatUser>())).Returns(true);
        f.Files.Setup(s => s.SendAsync(It.IsAny<ChatUser>(), It.IsAny<FileForPerson>(), It.IsAny<CancellationToken>())).ReturnsAsync(FileSent.Offered);

        var text = await f.SayAsync(f.Tom, "/feedback export");

        Assert.Equal("Offered you feedback.csv with 1 item in a direct message: accept it there to receive the file.", text);
    }

    [Fact]
    public async Task Export_FileUploadFails_FallsBackToALinkAndSaysWhy()
    {
        await using var f = await FeedbackChat.StartAsync();
        await f.ItemAsync(f.Tom, f.Payments, "acme", "ACH payments");
        f.Files.Setup(s => s.CanSend(It.IsAny<ChatUser>())).Returns(true);
        f.Files.Setup(s => s.SendAsync(It.IsAny<ChatUser>(), It.IsAny<FileForPerson>(), It.IsAny<CancellationToken>())).ReturnsAsync(FileSent.Failed);

        var text = await f.SayAsync(f.Tom, "/feedback export");

        Assert.StartsWith("I could not post the file to you, so here is a link instead. Your CSV of 1 item is ready: download feedback.csv (http://localhost:5000/feedback/export/", text, StringComparison.Ordinal);
    }
}
