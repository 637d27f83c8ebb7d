using ProductOps.Skills.Conversation;
using ProductOps.Skills.Feedback;
using ProductOps.Skills.Tests.TestKit;

namespace ProductOps.Skills.Tests.Feedback;

public sealed class CaptureTests
{
    [Fact]
    public async Task QuickCapture_WithAreaAndAccount_StoresRoutesAndGivesReceiptWithId()
    {
        await using var f = await FeedbackChat.StartAsync();

        var text = await f.SayAsync(f.Tom, "/feedback Acme wants SSO for admins area:Payments account:\"Acme Health\" type:churn-risk arr:120k");

        Assert.Contains("Saved as #1: Payments · Acme Health ($120k ARR) · Churn risk · Nice to have.", text);
        Assert.Contains("Sent to #payments-feedback.", text);
        var stored = (await f.Items.FindAsync(1, CancellationToken.None))!;
        Assert.Equal("Acme wants SSO for admins", stored.Item.Verbatim);
        Assert.Equal(120_000m, stored.Item.Arr);
        var card = Assert.Single(await f.OutboxAsync());
        Assert.Equal(new ChannelRecipient("payments-feedback"), card.To);
        Assert.Equal(["Link to theme", "Set status", "Move"], card.Reply.Blocks.OfType<ButtonsBlock>().Single().Buttons.Select(b => b.Label));
    }

    [Fact]
    public async Task QuickCapture_HashAreaWithoutAccount_OpensFormPrefilled()
    {
        await using var f = await FeedbackChat.StartAsync();

        var response = await f.SendAsync(f.Tom, "/feedback #billing Invoices should split by cost centre urgency:important");

        var form = Assert.IsType<Form>(response.Form);
        Assert.Equal(FeedbackForm.Id, form.FormId);
        Assert.Equal(["Payments"], form.Inputs.OfType<SelectInput>().Single(i => i.Id == "area").Initial);
        Assert.Equal(["important"], form.Inputs.OfType<SelectInput>().Single(i => i.Id == "urgency").Initial);
        Assert.Equal("Invoices should split by cost centre", form.Inputs.OfType<TextInput>().Single(i => i.Id == "verbatim").Initial);
        Assert.Equal(0, (await f.Items.SearchAsync(new FeedbackQuery(), CancellationToken.None)).Total);
    }

    [Fact]
    public async Task Form_SubmittedWithKnownAccountAndNoRevenue_UsesTheAccountsArr()
    {
        await using var f = await FeedbackChat.StartAsync();
        var form = (await f.SendAsync(f.Tom, "/feedback")).Form!;

        var response = await f.SubmitAsync(f.Tom, form, ("account", "globex"), ("area", "Reporting"), ("type", "feature-request"), ("urgency", "nice-to-have"), ("verbatim", "Scheduled report emails"), ("keep_posted", "true"));

        Assert.Contains("Saved as #1: Reporting · Globex Insurance ($200k ARR)", TestChat.PlainText(response));
        Assert.Equal(200_000m, (await f.Items.FindAsync(1, CancellationToken.None))!.Item.Arr);
    }

    [Fact]
    public async Task Form_EmptyVerbatim_KeepsFormOpenAndStoresNothing()
    {
        await using var f = await FeedbackChat.StartAsync();
        var form = (await f.SendAsync(f.Tom, "/feedback")).Form!;

        var response = await f.SubmitAsync(f.Tom, form, ("area", "Payments"), ("type", "bug"), ("urgency", "important"), ("verbatim", "   "));

        Assert.Equal("The customer's words is required.", response.FieldErrors["verbatim"]);
        Assert.Equal(0, (await f.Items.SearchAsync(new FeedbackQuery(), CancellationToken.None)).Total);
    }

    [Fact]
    public async Task Form_OverLongVerbatimAndBadLink_StatesTheLimitAndStoresNothing()
    {
        await using var f = await FeedbackChat.StartAsync();
        var form = (await f.SendAsync(f.Tom, "/feedback")).Form!;

        var response = await f.SubmitAsync(f.Tom, form, ("area", "Payments"), ("type", "bug"), ("urgency", "important"), ("verbatim", new string('x', 3001)), ("link", "javascript:alert(1)"));

        Assert.Equal("The customer's words is 3001 characters long; the limit is 3000.", response.FieldErrors["verbatim"]);
        Assert.Empty(response.Replies);
        var again = await f.SubmitAsync(f.Tom, form, ("area", "Payments"), ("type", "bug"), ("urgency", "important"), ("verbatim", "ok"), ("link", "javascript:alert(1)"));
        Assert.StartsWith("The source link must be a web address", again.FieldErrors["link"]);
        Assert.Equal(0, (await f.Items.SearchAsync(new FeedbackQuery(), CancellationToken.None)).Total);
    }

    [Theory]
    [InlineData("/feedback SSO area:Paymnts account:acme", "There is no product area called \"Paymnts\". Did you mean Payments? The areas are: Payments, Reporting.")]
    [InlineData("/feedback SSO area:Payments account:acme arr:12x", "\"12x\" is not an amount. Write revenue at stake like 120000, 120k or 1.2M.")]
    [InlineData("/feedback SSO area:Payments account:acme arr:999999999999999999999", "\"999999999999999999999\" is more than $1000B, the most ProductOps takes; check the digits.")]
    [InlineData("/feedback SSO area:Payments account:acme arr:99999999999999999999999999b", "\"99999999999999999999999999b\" is more than $1000B, the most ProductOps takes; check the digits.")]
    [InlineData("/feedback SSO area:Payments account:acme account:\"Globex Insurance\"", "account: is given more than once; give it once.")]
    [InlineData("/feedback SSO area:Payments account:acme type:wish", "\"wish\" is not a feedback type. Use one of: feature-request, bug, churn-risk, lost-deal, praise, competitive.")]
    [InlineData("/feedback SSO area:Payments account:acme urgency:asap", "\"asap\" is not an urgency. Use one of: nice-to-have, important, critical.")]
    public async Task QuickCapture_BadInput_ExplainsAndStoresNothing(string command, string message)
    {
        await using var f = await FeedbackChat.StartAsync();

        var text = await f.SayAsync(f.Tom, command);

        Assert.Contains(message, text);
        Assert.Contains("Nothing was saved.", text);
        Assert.Equal(0, (await f.Items.SearchAsync(new FeedbackQuery(), CancellationToken.None)).Total);
        Assert.Empty(await f.OutboxAsync());
    }

    [Fact]
    public async Task QuickCapture_OverLongWords_StatesTheLimit()
    {
        await using var f = await FeedbackChat.StartAsync();

        var text = await f.SayAsync(f.Tom, "/feedback " + new string('x', 3500) + " area:Payments account:acme");

        Assert.Contains("The customer's words are 3,500 characters long; the limit is 3,000.", text);
        Assert.Equal(0, (await f.Items.SearchAsync(new FeedbackQuery(), CancellationToken.None)).Total);
    }

    [Fact]
    public async Task Submit_SameWordsTwiceWithinAMinute_StoredOnce()
    {
        await using var f = await FeedbackChat.StartAsync();
        await f.SayAsync(f.Tom, "/feedback Excel export please area:Reporting account:acme");
        f.Chat.Clock.Advance(TimeSpan.FromSeconds(20));

        var again = await f.SayAsync(f.Tom, "/feedback excel  EXPORT please area:Reporting account:acme");
        f.Chat.Clock.Advance(TimeSpan.FromMinutes(2));
        await f.SayAsync(f.Tom, "/feedback Excel export please area:Reporting account:acme");

        Assert.Contains("saved once, as #1", again);
        Assert.Equal(2, (await f.Items.SearchAsync(new FeedbackQuery(), CancellationToken.None)).Total);
        Assert.Equal(2, (await f.OutboxAsync()).Count);
    }

    [Fact]
    public async Task Submit_SameWordsForAnotherAccountWithinAMinute_StoredForEach()
    {
        await using var f = await FeedbackChat.StartAsync();
        await f.SayAsync(f.Tom, "/feedback Dark mode please area:Reporting account:acme");
        f.Chat.Clock.Advance(TimeSpan.FromSeconds(20));

        var second = await f.SayAsync(f.Tom, "/feedback Dark mode please area:Reporting account:\"Globex Insurance\"");

        Assert.StartsWith("Thanks! Saved as #2", second);
        Assert.Equal(2, (await f.Items.SearchAsync(new FeedbackQuery(), CancellationToken.None)).Total);
    }

    [Fact]
    public async Task Submit_UnknownAccount_IsKeptAsTypedAndCanBeLinkedToTheCatalogue()
    {
        await using var f = await FeedbackChat.StartAsync();

        var receipt = await f.SendAsync(f.Tom, "/feedback Needs ACH payments area:Payments account:\"Acme Hlth\"");
        var itsAcme = FeedbackChat.Buttons(receipt).Single(b => b.ActionId == FeedbackCapture.AccountAction);
        var linked = TestChat.PlainText(await f.PressAsync(f.Tom, itsAcme));

        Assert.Contains("Acme Hlth is not in the account catalogue, so it is kept as typed. Is it one of these?", TestChat.PlainText(receipt));
        Assert.Equal("It's Acme Health", itsAcme.Label);
        Assert.Equal("#1 is now counted for Acme Health.", linked);
        Assert.Equal("Acme Health", (await f.Items.FindAsync(1, CancellationToken.None))!.AccountName);
    }

    [Fact]
    public async Task Submit_Critical_PostsCardAndDmsTheAreaOwnerOnce()
    {
        await using var f = await FeedbackChat.StartAsync();

        var text = await f.SayAsync(f.Aisha, "/feedback Renewal blocked on invoice export area:pay account:globex urgency:critical");

        Assert.Contains("As it is critical, @Priya Patel was told directly.", text);
        var sent = await f.OutboxAsync();
        Assert.Equal(2, sent.Count);
        Assert.Contains(sent, m => m.To == new ChannelRecipient("payments-feedback"));
        Assert.Contains(sent, m => m.To == new PersonRecipient(f.Priya.Id) && m.Reply.Visibility == Visibility.DirectMessage);
    }

    [Fact]
    public async Task Submit_NotSureOfArea_GoesToTheProductOpsChannel()
    {
        await using var f = await FeedbackChat.StartAsync();
        var form = (await f.SendAsync(f.Tom, "/feedback")).Form!;

        var response = await f.SubmitAsync(f.Tom, form, ("account", "willow"), ("area", FeedbackInput.NotSure), ("type", "praise"), ("urgency", "nice-to-have"), ("verbatim", "They love the new calendar"));

        Assert.Contains("With no area, it went to product ops in #product-ops-triage.", TestChat.PlainText(response));
        Assert.Equal(new ChannelRecipient("product-ops-triage"), Assert.Single(await f.OutboxAsync()).To);
    }

    [Fact]
    public async Task SendToProduct_SharedMessage_OpensFormWithItsWordsAuthorAndLink()
    {
        await using var f = await FeedbackChat.StartAsync();

        var response = await f.ShareAsync(f.Tom, new SharedMessage("We'd pay more for SSO", "Dana (Acme)", "U9", "https://acme.slack.com/archives/C1/p1"));
        var form = Assert.IsType<Form>(response.Form);
        var saved = await f.SubmitAsync(f.Tom, form, ("account", "acme"), ("area", "Payments"), ("type", "feature-request"), ("urgency", "important"), ("verbatim", "We'd pay more for SSO"), ("link", "https://acme.slack.com/archives/C1/p1"));

        Assert.Equal("We'd pay more for SSO", form.Inputs.OfType<TextInput>().Single(i => i.Id == "verbatim").Initial);
        Assert.Equal("https://acme.slack.com/archives/C1/p1", form.Inputs.OfType<TextInput>().Single(i => i.Id == "link").Initial);
        Assert.Contains("Saved as #1", TestChat.PlainText(saved));
        Assert.Equal("Dana (Acme)", (await f.Items.FindAsync(1, CancellationToken.None))!.Item.SourceAuthor);
    }
}
