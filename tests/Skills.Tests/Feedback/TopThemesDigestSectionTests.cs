using ProductOps.Skills.Feedback;

namespace ProductOps.Skills.Tests.Feedback;

public sealed class TopThemesDigestSectionTests
{
    [Fact]
    public async Task Section_RanksOpenThemesByArr_CountingEachAccountOnce()
    {
        await using var f = await FeedbackChat.StartAsync();
        var globex = await f.ItemAsync(f.Tom, f.Payments, "Globex Insurance", "Split invoices per cost centre");
        var globexAgain = await f.ItemAsync(f.Aisha, f.Payments, "Globex Insurance", "Invoices per cost centre, again");
        var willow = await f.ItemAsync(f.Tom, f.Payments, "Willow Creek Clinic", "Cost centre invoices");
        await f.ThemeAsync("Cost centre invoices", f.Payments, globex, globexAgain, willow);
        await f.ThemeAsync("Scheduled exports", f.Reporting, await f.ItemAsync(f.Tom, f.Reporting, "Acme Health", "Export reports every Monday"));
        await f.ThemeAsync("ACH payments", f.Payments, await f.ItemAsync(f.Aisha, f.Payments, "Acme Health", "Pay by ACH"));
        await f.SayAsync(f.Priya, "/feedback status T3 shipped \"Live\"");

        var section = await new TopThemesDigestSection(f.Chat.Services.Get<IThemeTotals>()).BuildAsync(f.Chat.Clock.GetUtcNow(), CancellationToken.None);

        Assert.Equal(
            "Top feedback themes by ARR, last 90 days\n" +
            "1. T2 Scheduled exports: 1 account, $1.2M ARR, 1 item · Open\n" +
            "2. T1 Cost centre invoices: 2 accounts, $224k ARR, 3 items · Open\n" +
            "/feedback themes ranks them all; /feedback show T<n> shows who asked.",
            section!.ToString());
    }

    [Fact]
    public async Task Section_WithNoRecentFeedback_IsLeftOut()
    {
        await using var f = await FeedbackChat.StartAsync();
        await f.ThemeAsync("Old request", f.Payments, await f.ItemAsync(f.Tom, f.Payments, "Acme Health", "Something from long ago"));
        f.Chat.Clock.Advance(TopThemesDigestSection.Window + TimeSpan.FromDays(1));

        var section = await new TopThemesDigestSection(f.Chat.Services.Get<IThemeTotals>()).BuildAsync(f.Chat.Clock.GetUtcNow(), CancellationToken.None);

        Assert.Null(section);
    }
}
