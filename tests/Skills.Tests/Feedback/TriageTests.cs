using ProductOps.Skills.Conversation;
using ProductOps.Skills.Feedback;
using ProductOps.Skills.Tests.TestKit;

namespace ProductOps.Skills.Tests.Feedback;

public sealed class TriageTests
{
    [Fact]
    public async Task SubmitSuggestLinkStatus_WholeConversation_SendsExactlyOneDmPerRightPerson()
    {
        await using var f = await FeedbackChat.StartAsync();
        var first = await f.ItemAsync(f.Tom, f.Payments, "Globex Insurance", "Finance wants invoices split across cost centres");
        var second = await f.ItemAsync(f.Tom, f.Payments, "Willow Creek Clinic", "Split the invoice per cost centre, please");
        var quiet = await f.ItemAsync(f.Aisha, f.Payments, null, "Cost centre invoice splitting for finance", keepPosted: false);
        var theme = await f.ThemeAsync("Split invoices across cost centres", f.Payments, first, second, quiet);

        var receipt = await f.SendAsync(f.Aisha, "/feedback Their finance team needs invoices split by cost centre area:Payments account:acme");
        var sameAs = FeedbackChat.Buttons(receipt).First(b => b.ActionId == FeedbackCapture.SameAsAction);
        var linked = TestChat.PlainText(await f.PressAsync(f.Aisha, sameAs));
        var status = await f.SayAsync(f.Priya, "/feedback status T1 planned \"Next quarter\"");

        Assert.Equal("Same as T1: Split invoices across cost centres", sameAs.Label);
        Assert.Equal("Linked #4 to T1. Adding Acme Health ($1.2M ARR) brings Split invoices across cost centres to $1.4M across 3 accounts.", linked);
        Assert.Contains("T1 Split invoices across cost centres is now Planned. Telling 3 people by DM", status);
        var dms = (await f.OutboxAsync()).Where(m => m.Key.StartsWith("feedback:status:", StringComparison.Ordinal)).ToArray();
        Assert.Equal(
            new[] { f.Tom.Id, f.Aisha.Id, f.Noah.Id }.Order(),
            dms.Select(m => ((PersonRecipient)m.To).PersonId).Order());
        var toTom = dms.Single(m => m.To == new PersonRecipient(f.Tom.Id)).Reply.Fallback;
        Assert.Contains("Update on T1 Split invoices across cost centres: now Planned.", toTom);
        Assert.Contains("“Next quarter” — @Priya Patel", toTom);
        Assert.Contains("You raised it for Globex Insurance, Willow Creek Clinic.", toTom);
        Assert.Contains("Your accounts asked for it: Acme Health, Globex Insurance.", dms.Single(m => m.To == new PersonRecipient(f.Noah.Id)).Reply.Fallback);
        Assert.Contains("You raised it for Acme Health.", dms.Single(m => m.To == new PersonRecipient(f.Aisha.Id)).Reply.Fallback);
        Assert.Equal("planned", (await f.Themes.FindAsync(theme.Id, CancellationToken.None))!.Status);
        Assert.Contains(await f.Chat.Audit.LatestAsync(5, CancellationToken.None), e => e.Action == FeedbackAudit.Status && e.After == "planned: Next quarter");
    }

    [Fact]
    public async Task SameAsAnUnthemedItem_StartsAThemeNamedAfterItsWordsAndSaysHowToRenameIt()
    {
        await using var f = await FeedbackChat.StartAsync();
        var earlier = await f.ItemAsync(f.Tom, f.Payments, "Globex Insurance", "Invoices per cost centre for finance");
        await f.SendAsync(f.Aisha, "/feedback Finance needs invoices split by cost centre area:Payments account:acme");

        var text = TestChat.PlainText(await f.PressAsync(f.Aisha, new Button("Same as #1", FeedbackCapture.SameAsAction, $"2:#{earlier.Id}")));

        Assert.StartsWith("Linked #2 to T1.", text);
        Assert.EndsWith("T1 is a new theme, named after the words of #1 for now; the area's PM can give it a proper name with /feedback rename T1 \"<title>\".", text);
        Assert.Equal("Invoices per cost centre for finance", (await f.Themes.FindAsync(1, CancellationToken.None))!.Title);
    }

    [Fact]
    public async Task SameAsAnItem_AfterTheSubmittersOwnFirstLink_IsRefusedAndStartsNoTheme()
    {
        await using var f = await FeedbackChat.StartAsync();
        var linked = await f.ItemAsync(f.Tom, f.Payments, "acme", "Split invoices across cost centres");
        await f.ThemeAsync("Split invoices across cost centres", f.Payments, linked);
        var unthemed = await f.ItemAsync(f.Tom, f.Payments, "Globex Insurance", "Invoices per cost centre for finance");
        await f.SendAsync(f.Aisha, "/feedback Finance needs invoices split by cost centre area:Payments account:acme");
        await f.PressAsync(f.Aisha, new Button("Same as T1", FeedbackCapture.SameAsAction, "3:T1"));

        var refused = TestChat.PlainText(await f.PressAsync(f.Aisha, new Button("Same as #2", FeedbackCapture.SameAsAction, $"3:#{unthemed.Id}")));

        Assert.Contains("Only @Priya Patel (PM of Payments) or an admin can link feedback to themes", refused);
        Assert.Null((await f.Items.FindAsync(unthemed.Id, CancellationToken.None))!.Item.ThemeId);
        Assert.Null(await f.Themes.FindAsync(2, CancellationToken.None));
        Assert.Equal(1L, (await f.Items.FindAsync(3, CancellationToken.None))!.Item.ThemeId);
    }

    [Fact]
    public async Task Status_SameChangeTwice_TellsNobodyAgain()
    {
        await using var f = await FeedbackChat.StartAsync();
        var item = await f.ItemAsync(f.Tom, f.Payments, "acme", "ACH payments");
        await f.ThemeAsync("ACH payments", f.Payments, item);
        await f.SayAsync(f.Priya, "/feedback status T1 shipped \"Live\"");

        var again = await f.SayAsync(f.Priya, "/feedback status \"ACH payments\" shipped \"Live\"");

        Assert.Contains("is already Shipped with that note; nothing changed", again);
        Assert.Equal(2, (await f.OutboxAsync()).Count(m => m.Key.StartsWith("feedback:status:", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Status_ByAnotherAreasPm_IsRefusedNamingWhoCan()
    {
        await using var f = await FeedbackChat.StartAsync();
        var item = await f.ItemAsync(f.Tom, f.Payments, "acme", "ACH payments");
        await f.ThemeAsync("ACH payments", f.Payments, item);

        var text = await f.SayAsync(f.Lena, "/feedback status T1 declined");

        Assert.Equal("Only @Priya Patel (PM of Payments) or an admin can set the status of themes in Payments. Ask them, or use /feedback show to read it.", text);
        Assert.Equal(FeedbackVocabulary.Open, (await f.Themes.FindAsync(1, CancellationToken.None))!.Status);
        Assert.Empty(await f.OutboxAsync());
    }

    [Theory]
    [InlineData("/feedback status T1 done", "done is not a status. Use one of: planned, in-progress, shipped, declined, needs-info. Nothing changed.")]
    [InlineData("/feedback status T9 planned", "There is no theme T9. /feedback themes lists them.")]
    [InlineData("/feedback link #99 T1", "There is no feedback #99.")]
    [InlineData("/feedback move #1 area:Mobile", "There is no product area called \"Mobile\".")]
    [InlineData("/feedback merge T1 T1", "Write it as: merge <theme> into <theme>.")]
    public async Task Triage_BadInput_ExplainsAndChangesNothing(string command, string message)
    {
        await using var f = await FeedbackChat.StartAsync();
        var item = await f.ItemAsync(f.Tom, f.Payments, "acme", "ACH payments");
        await f.ThemeAsync("ACH payments", f.Payments, item);

        var text = await f.SayAsync(f.Maya, command);

        Assert.Contains(message, text);
        Assert.Equal(FeedbackVocabulary.Open, (await f.Themes.FindAsync(1, CancellationToken.None))!.Status);
        Assert.Equal(f.Payments.Id, (await f.Items.FindAsync(item.Id, CancellationToken.None))!.Item.AreaId);
    }

    [Fact]
    public async Task Link_ByGtm_IsRefusedButNewThemeByOwnerWorks()
    {
        await using var f = await FeedbackChat.StartAsync();
        await f.ItemAsync(f.Tom, f.Payments, "acme", "ACH payments");

        var refused = await f.SayAsync(f.Aisha, "/feedback link #1 new \"ACH\"");
        var created = await f.SayAsync(f.Priya, "/feedback link #1 new \"Pay by ACH\"");

        Assert.StartsWith("Only @Priya Patel (PM of Payments) or an admin can start themes in Payments.", refused);
        Assert.Equal("Linked #1 to T1. Adding Acme Health ($1.2M ARR) brings Pay by ACH to $1.2M across 1 account.", created);
    }

    [Fact]
    public async Task Merge_MovesItemsAndCountsAnAccountOnce()
    {
        await using var f = await FeedbackChat.StartAsync();
        var a = await f.ItemAsync(f.Tom, f.Payments, "acme", "ACH payments");
        var b = await f.ItemAsync(f.Aisha, f.Payments, "acme", "Bank transfer for invoices");
        var c = await f.ItemAsync(f.Aisha, f.Payments, "globex", "Bank transfer please");
        await f.ThemeAsync("ACH", f.Payments, a);
        await f.ThemeAsync("Bank transfers", f.Payments, b, c);

        var text = await f.SayAsync(f.Priya, "/feedback merge T2 into T1");
        var show = await f.SayAsync(f.Priya, "/feedback show T2");

        Assert.Equal("Merged T2 Bank transfers into T1: 2 items moved. T1 ACH: 2 accounts, $1.4M ARR, 3 items.", text);
        Assert.StartsWith("T1 ACH", show);
        Assert.Contains("By segment: enterprise 2 accounts, $1.4M", show);
    }

    [Fact]
    public async Task Move_ByOwner_ReroutesToTheNewAreasChannel()
    {
        await using var f = await FeedbackChat.StartAsync();
        await f.SayAsync(f.Tom, "/feedback Weekly report emails area:Payments account:acme");

        var text = await f.SayAsync(f.Priya, "/feedback move #1 area:reports");

        Assert.Equal("Moved #1 from Payments to Reporting; it is on its way to #reporting-feedback.", text);
        Assert.Equal(
            [new ChannelRecipient("payments-feedback"), new ChannelRecipient("reporting-feedback")],
            (await f.OutboxAsync()).Select(m => m.To));
        Assert.Contains(await f.Chat.Audit.LatestAsync(5, CancellationToken.None), e => e.Action == FeedbackAudit.Move && e.Before == "Payments" && e.After == "Reporting");
    }

    [Fact]
    public async Task CardButtons_OwnerSetsStatusThroughTheForm()
    {
        await using var f = await FeedbackChat.StartAsync();
        var item = await f.ItemAsync(f.Tom, f.Payments, "acme", "ACH payments");
        await f.ThemeAsync("ACH payments", f.Payments, item);
        var button = new Button("Set status", FeedbackReplies.StatusAction, "1");

        var refused = TestChat.PlainText(await f.PressAsync(f.Tom, button));
        var form = (await f.PressAsync(f.Priya, button)).Form!;
        var done = TestChat.PlainText(await f.SubmitAsync(f.Priya, form, ("status", "in-progress"), ("note", "Started")));

        Assert.StartsWith("Only @Priya Patel (PM of Payments) or an admin can triage feedback", refused);
        Assert.Equal("T1 ACH payments is now In progress. Telling 2 people by DM: @Tom Becker, @Noah Williams.", done);
    }

    [Fact]
    public async Task CardLinkForm_ThemeAndNewTitleBoth_AsksForOneAndChangesNothing()
    {
        await using var f = await FeedbackChat.StartAsync();
        var themed = await f.ItemAsync(f.Tom, f.Payments, "acme", "ACH payments");
        await f.ThemeAsync("ACH payments", f.Payments, themed);
        var loose = await f.ItemAsync(f.Tom, f.Payments, "Globex Insurance", "Slow invoices");
        var form = (await f.PressAsync(f.Priya, new Button("Link", FeedbackReplies.LinkAction, loose.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)))).Form!;

        var response = await f.SubmitAsync(f.Priya, form, ("theme", "T1"), ("new_title", "Slow invoices"));

        Assert.Equal("Choose an existing theme or give a title for a new one, not both.", response.FieldErrors["theme"]);
        Assert.Equal(response.FieldErrors["theme"], response.FieldErrors["new_title"]);
        Assert.Null((await f.Items.FindAsync(loose.Id, CancellationToken.None))!.Item.ThemeId);
        Assert.Null(await f.Themes.FindAsync(2, CancellationToken.None));
    }

    [Fact]
    public async Task AreaRemove_StillHoldingFeedback_NeedsConfirmThenLeavesItWithNoArea()
    {
        await using var f = await FeedbackChat.StartAsync();
        var item = await f.ItemAsync(f.Tom, f.Payments, "acme", "ACH payments");
        await f.ThemeAsync("ACH payments", f.Payments, item);
        await f.ItemAsync(f.Tom, f.Payments, "Globex Insurance", "Invoice export");

        var asked = await f.SayAsync(f.Maya, "/productops area remove Payments");
        var kept = (await f.Items.FindAsync(item.Id, CancellationToken.None))!.Item.AreaId;
        var removed = await f.SayAsync(f.Maya, "/productops area remove Payments confirm");

        Assert.Equal(
            "Payments still holds 2 feedback items and 1 theme. Removed, it would leave them with no area, for product ops to triage. "
            + "Move them first (/feedback move), or remove it anyway with /productops area remove \"Payments\" confirm. Nothing changed.",
            asked);
        Assert.Equal(f.Payments.Id, kept);
        Assert.Equal("Removed the area Payments. It held 2 feedback items and 1 theme; they now have no area, for product ops to triage.", removed);
        Assert.Null((await f.Items.FindAsync(item.Id, CancellationToken.None))!.Item.AreaId);
    }

    [Fact]
    public async Task Rename_ByTheAreasPm_RetitlesTheThemeFoundByItsNewTitleAndAudits()
    {
        await using var f = await FeedbackChat.StartAsync();
        var item = await f.ItemAsync(f.Tom, f.Payments, "acme", "Their admin says: each clinic lead wants their own invoice");
        await f.ThemeAsync("Their admin says: each clinic lead wants…", f.Payments, item);

        var refused = await f.SayAsync(f.Tom, "/feedback rename T1 \"Invoices per clinic\"");
        var renamed = await f.SayAsync(f.Priya, "/feedback rename T1 \"Invoices per clinic\"");
        var shown = await f.SayAsync(f.Priya, "/feedback show \"Invoices per clinic\"");

        Assert.StartsWith("Only @Priya Patel (PM of Payments) or an admin can rename themes in Payments.", refused);
        Assert.Equal("Renamed T1 from “Their admin says: each clinic lead wants…” to “Invoices per clinic”.", renamed);
        Assert.Contains("Invoices per clinic", shown);
        Assert.Contains(await f.Chat.Audit.LatestAsync(5, CancellationToken.None), e => e.Action == FeedbackAudit.Rename && e.After == "Invoices per clinic");
    }

    [Theory]
    [InlineData("/feedback rename T1", "Name the theme and its new title in \"quotes\".")]
    [InlineData("/feedback rename T9 \"New\"", "There is no theme T9.")]
    public async Task Rename_BadInput_ExplainsAndChangesNothing(string command, string message)
    {
        await using var f = await FeedbackChat.StartAsync();
        var item = await f.ItemAsync(f.Tom, f.Payments, "acme", "ACH payments");
        await f.ThemeAsync("ACH payments", f.Payments, item);

        var text = await f.SayAsync(f.Priya, command);

        Assert.StartsWith(message, text);
        Assert.Equal("ACH payments", (await f.Themes.FindAsync(1, CancellationToken.None))!.Title);
    }

    [Fact]
    public async Task Themes_RankByUniqueAccountsThenArr_CountingEachAccountOnce()
    {
        await using var f = await FeedbackChat.StartAsync();
        var many = new List<FeedbackItem>();
        for (var i = 0; i < 5; i++)
        {
            many.Add(await f.ItemAsync(f.Tom, f.Payments, "acme", $"ACH payments, ask {i}"));
        }

        await f.ThemeAsync("ACH", f.Payments, [.. many]);
        await f.ThemeAsync(
            "Refunds",
            f.Payments,
            await f.ItemAsync(f.Tom, f.Payments, "globex", "Partial refunds"),
            await f.ItemAsync(f.Tom, f.Payments, "willow", "Refund part of a payment"));

        var text = await f.SayAsync(f.Aisha, "/feedback themes pay");

        Assert.Contains("1. T2 Refunds: 2 accounts, $224k ARR, 2 items", text);
        Assert.Contains("2. T1 ACH: 1 account, $1.2M ARR, 5 items", text);
        var enterprise = await f.SayAsync(f.Tom, "/feedback themes segment=smb");
        Assert.Contains("1. T2 Refunds: 1 account, $24k ARR, 1 item", enterprise);
        Assert.DoesNotContain("T1 ACH", enterprise);
    }
}
