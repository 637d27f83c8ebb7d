using ProductOps.Skills.Metrics;

namespace ProductOps.Skills.Tests.Metrics;

public sealed class OkrRulesTests
{
    private static readonly Quarter Q1 = new(2026, 1);

    // 2026-02-15 00:00 UTC: 45 of Q1's 90 days gone, expected progress 50%.
    private static readonly DateTimeOffset MidQuarter = new(2026, 2, 15, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Elapsed_MidQuarter_IsHalf()
    {
        Assert.Equal(0.5, Q1.Elapsed(MidQuarter), 3);
        Assert.Equal(0, Q1.Elapsed(new DateTimeOffset(2025, 12, 1, 0, 0, 0, TimeSpan.Zero)));
        Assert.Equal(1, Q1.Elapsed(new DateTimeOffset(2026, 4, 2, 0, 0, 0, TimeSpan.Zero)));
    }

    [Theory]
    [InlineData("2026-Q1", 2026, 1)]
    [InlineData("q2-2027", 2027, 2)]
    [InlineData("2025Q4", 2025, 4)]
    [InlineData("Q3", 2026, 3)]
    public void QuarterParse_EveryForm_Reads(string text, int year, int number) =>
        Assert.Equal(new Quarter(year, number), Quarter.Parse(text, Q1));

    [Theory]
    [InlineData("2026-Q5")]
    [InlineData("spring")]
    public void QuarterParse_NotAQuarter_IsNull(string text) => Assert.Null(Quarter.Parse(text, Q1));

    [Fact]
    public void Assess_OnTrackMidQuarter_NotAtRisk()
    {
        var state = new OkrRules().Assess(Kr(confidence: 7, checkIn: MidQuarter.AddDays(-3)), 40, Q1, MidQuarter);

        Assert.Equal(0.4, state.Progress, 3);
        Assert.Equal(0.5, state.Expected, 3);
        Assert.False(state.AtRisk);
        Assert.False(state.Stale);
    }

    [Fact]
    public void Assess_TrailsByMoreThanThreshold_AtRiskWithPoints()
    {
        var state = new OkrRules().Assess(Kr(confidence: 7, checkIn: MidQuarter), 20, Q1, MidQuarter);

        Assert.True(state.AtRisk);
        Assert.Equal(["30 points behind"], state.RiskReasons);
    }

    [Fact]
    public void Assess_TrailsByExactlyThreshold_NotAtRisk()
    {
        var state = new OkrRules().Assess(Kr(confidence: 7, checkIn: MidQuarter), 25, Q1, MidQuarter);

        Assert.False(state.AtRisk);
    }

    [Fact]
    public void Assess_LowConfidence_AtRisk()
    {
        var state = new OkrRules().Assess(Kr(confidence: 3, checkIn: MidQuarter), 60, Q1, MidQuarter);

        Assert.Equal(["confidence 3/10"], state.RiskReasons);
    }

    [Fact]
    public void Assess_NoCheckInForFifteenDays_Stale()
    {
        var state = new OkrRules().Assess(Kr(confidence: 7, checkIn: MidQuarter.AddDays(-15)), 60, Q1, MidQuarter);

        Assert.True(state.Stale);
        Assert.Equal(15, state.DaysSinceUpdate);
    }

    [Fact]
    public void Assess_ThresholdsFromSettings_Apply()
    {
        var state = new OkrRules(AtRiskPoints: 5, AtRiskConfidence: 0, StaleDays: 30).Assess(Kr(confidence: 1, checkIn: MidQuarter.AddDays(-20)), 40, Q1, MidQuarter);

        Assert.Equal(["10 points behind"], state.RiskReasons);
        Assert.False(state.Stale);
    }

    [Fact]
    public void Assess_DownwardTarget_ProgressCountsDown()
    {
        var kr = Kr(confidence: 7, checkIn: MidQuarter) with { Start = 9, Target = 3 };

        var state = new OkrRules().Assess(kr, 6, Q1, MidQuarter);

        Assert.Equal(0.5, state.Progress, 3);
    }

    private static KeyResult Kr(int confidence, DateTimeOffset checkIn) =>
        new(1, 1, "Activation to 100", 1, null, 0, 100, 0, MetricUnit.Count, confidence, checkIn, new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
}
