using Moq;
using ProductOps.Skills.Conversation;
using ProductOps.Skills.Metrics;

namespace ProductOps.Skills.Tests.Metrics;

public sealed class MetricsDigestTests
{
    [Fact]
    public async Task DigestNow_MetricsAndAtRiskOkrs_SentToTheChannelThroughTheOutbox()
    {
        await using var m = await MetricsChat.StartAsync();
        await m.AddArrAsync();
        await m.SayAsync(m.Priya, "/okr create \"Objective\" team=Payments");
        await m.SayAsync(m.Priya, "/okr kr add O-1 \"Behind\" target=100");
        await m.SayAsync(m.Priya, "/okr update KR-1 5 confidence=2 \"blocked\"");

        var text = await m.SayAsync(m.Maya, "/metric digest now");

        Assert.Contains("Sent the product-health digest to #product-health.", text);
        var sent = Assert.Single(m.Sent);
        Assert.Equal(new ChannelRecipient("product-health"), sent.To);
        Assert.Contains("ARR $174.9k  🟢 ▲ +$33k (+23.3%) over 30 days", sent.Reply.Fallback);
        Assert.Contains("By segment\nenterprise  $159k", sent.Reply.Fallback);
        Assert.Contains("OKRs 2026-Q1: 1 at risk, 0 stale", sent.Reply.Fallback);
    }

    [Fact]
    public async Task Digest_NewestDayMissingASlice_MarksTheTotalPartial()
    {
        await using var m = await MetricsChat.StartAsync();
        await m.AddArrAsync(days: 5);
        await m.Ingest.IngestAsync(
            [new RawPoint(2, "arr", "2026-03-02", "20000", new Dictionary<string, string> { ["segment"] = "smb", ["region"] = "amer" })], false, CancellationToken.None);

        var (reply, _) = await m.Digest.BuildAsync(await m.Digest.SettingsAsync(CancellationToken.None), CancellationToken.None);

        Assert.Contains("ARR $20k (⚠ partial: 1 of 2 slices on 2026-03-02)", reply!.Fallback);
    }

    [Fact]
    public async Task Digest_NoOkrAtRiskOrStale_LeavesTheOkrSectionOut()
    {
        await using var m = await MetricsChat.StartAsync();
        await m.AddArrAsync();

        var (reply, problems) = await m.Digest.BuildAsync(await m.Digest.SettingsAsync(CancellationToken.None), CancellationToken.None);

        Assert.NotNull(reply);
        Assert.DoesNotContain("OKRs", reply.Fallback);
        Assert.Empty(problems);
    }

    [Fact]
    public async Task Digest_SectionsFromOtherSkills_AddedWhenTheyHaveSomethingToSay()
    {
        var themes = new Mock<IDigestSection>();
        themes.Setup(s => s.BuildAsync(It.IsAny<DateTimeOffset>(), It.IsAny<CancellationToken>())).ReturnsAsync(Markup.Text("Top feedback themes by ARR"));
        var quiet = new Mock<IDigestSection>();
        quiet.Setup(s => s.BuildAsync(It.IsAny<DateTimeOffset>(), It.IsAny<CancellationToken>())).ReturnsAsync((Markup?)null);
        await using var m = await MetricsChat.StartAsync(extraSections: [quiet.Object, themes.Object]);

        var (reply, _) = await m.Digest.BuildAsync(await m.Digest.SettingsAsync(CancellationToken.None), CancellationToken.None);

        Assert.Contains("Top feedback themes by ARR", reply!.Fallback);
        Assert.Single(reply.Blocks.OfType<DividerBlock>());
    }

    [Fact]
    public async Task Digest_NothingToSay_NotSent()
    {
        await using var m = await MetricsChat.StartAsync();

        var text = await m.SayAsync(m.Maya, "/metric digest now");

        Assert.Contains("Nothing to report", text);
        Assert.Contains("The digest lists the metric \"arr\", which is not in the catalogue.", text);
        Assert.Empty(m.Sent);
    }

    [Fact]
    public async Task Digest_RestrictedMetric_LeftOutOfTheChannel()
    {
        await using var m = await MetricsChat.StartAsync();
        await m.AddArrAsync(roles: "leader");

        var (reply, problems) = await m.Digest.BuildAsync(await m.Digest.SettingsAsync(CancellationToken.None), CancellationToken.None);

        Assert.Null(reply);
        Assert.Contains("arr is shared only with some roles, so it is left out of the channel digest.", problems);
    }

    [Fact]
    public async Task RunIfDue_BeforeAndAfterTheScheduledHour_SendsOnceAWeek()
    {
        await using var m = await MetricsChat.StartAsync();
        await m.AddArrAsync();

        // The clock starts on Monday 2026-03-02 09:30, after the 09:00 schedule.
        var first = await m.Digest.RunIfDueAsync(CancellationToken.None);
        var again = await m.Digest.RunIfDueAsync(CancellationToken.None);
        m.Chat.Clock.Advance(TimeSpan.FromDays(6.5));
        var nextWeekEarly = await m.Digest.RunIfDueAsync(CancellationToken.None);

        Assert.True(first!.Sent);
        Assert.Null(again);
        Assert.Null(nextWeekEarly);
        Assert.Equal("metrics.digest.2026-03-02", Assert.Single(m.Sent).Key);
    }

    [Fact]
    public async Task RunIfDue_NoChannel_ReportsToAdminsByDirectMessage()
    {
        await using var m = await MetricsChat.StartAsync(new DigestSettings(null, ["arr"], DayOfWeek.Monday, new TimeOnly(9, 0)));

        var outcome = await m.Digest.RunIfDueAsync(CancellationToken.None);

        Assert.False(outcome!.Sent);
        var report = Assert.Single(m.Sent);
        Assert.Equal(new PersonRecipient(m.Maya.Id), report.To);
        Assert.Contains("No channel is set for the digest.", report.Reply.Fallback);
    }

    [Fact]
    public async Task DigestSet_ByAdmin_ChangesSettingsAndAudits()
    {
        await using var m = await MetricsChat.StartAsync();
        await m.AddArrAsync();

        var text = await m.SayAsync(m.Maya, "/metric digest set channel=#leaders metrics=arr day=friday time=16:30");
        var bad = await m.SayAsync(m.Maya, "/metric digest set metrics=arr,nrr");

        Assert.Contains("The product-health digest goes to #leaders every Friday 16:30 UTC, with arr", text);
        Assert.Contains("There is no metric nrr.", bad);
        Assert.Contains("Nothing was changed.", bad);
        Assert.Equal("leaders", (await m.Digest.SettingsAsync(CancellationToken.None)).Channel);
        Assert.Contains("metric.digest.set digest", await m.SayAsync(m.Maya, "/productops audit"));
    }
}
