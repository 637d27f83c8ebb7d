using ProductOps.Skills.Metrics;

namespace ProductOps.Skills.Tests.Metrics;

public sealed class MetricFormatTests
{
    [Theory]
    [InlineData(12_400_000, MetricUnit.Currency, "$12.4M")]
    [InlineData(812_500, MetricUnit.Currency, "$812.5k")]
    [InlineData(950, MetricUnit.Currency, "$950")]
    [InlineData(94.25, MetricUnit.Percent, "94.3%")]
    [InlineData(1234, MetricUnit.Count, "1,234")]
    public void Value_ByUnit_ReadsCompact(double value, MetricUnit unit, string expected) =>
        Assert.Equal(expected, MetricFormat.Value(value, unit));

    [Fact]
    public void Change_UpIsGoodAndRising_GreenWithAbsoluteAndPercent() =>
        Assert.Equal("🟢 ▲ +$100k (+10%)", MetricFormat.Change(1_100_000, 1_000_000, MetricUnit.Currency, MetricDirection.UpIsGood));

    [Fact]
    public void Change_DownIsGoodAndRising_Red() =>
        Assert.Equal("🔴 ▲ +2 pts (+20%)", MetricFormat.Change(12, 10, MetricUnit.Percent, MetricDirection.DownIsGood));

    [Fact]
    public void Change_UpIsGoodAndFalling_Red() =>
        Assert.Equal("🔴 ▼ -5 (-50%)", MetricFormat.Change(5, 10, MetricUnit.Count, MetricDirection.UpIsGood));

    [Theory]
    [InlineData(-0.0, "0%")]
    [InlineData(-0.004, "0%")]
    [InlineData(0.594, "59%")]
    public void Percent_NegativeZero_ShowsAsZero(double fraction, string expected) =>
        Assert.Equal(expected, MetricFormat.Percent(fraction));

    [Fact]
    public void Change_Unchanged_SaysSo() =>
        Assert.Equal("⚪ no change", MetricFormat.Change(5, 5, MetricUnit.Count, MetricDirection.UpIsGood));

    [Fact]
    public void Sparkline_RisingSeries_RunsLowToHigh() =>
        Assert.Equal("▁▂▃▄▅▆▇█", MetricFormat.Sparkline([0, 1, 2, 3, 4, 5, 6, 7]));

    [Fact]
    public void Sparkline_FlatSeries_IsFlat() => Assert.Equal("▄▄▄", MetricFormat.Sparkline([5, 5, 5]));

    [Fact]
    public void Sparkline_LongSeries_FitsTheWidth() =>
        Assert.Equal(MetricFormat.SparkWidth, MetricFormat.Sparkline(Enumerable.Range(0, 365).Select(i => (double)i).ToArray()).Length);

    [Fact]
    public void ProgressBar_Fraction_FillsTenCells() => Assert.Equal("▓▓▓▓░░░░░░", MetricFormat.ProgressBar(0.42));
}
