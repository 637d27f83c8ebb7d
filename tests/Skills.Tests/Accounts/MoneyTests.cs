using ProductOps.Skills.Accounts;

namespace ProductOps.Skills.Tests.Accounts;

public sealed class MoneyTests
{
    [Theory]
    [InlineData("120000", 120_000)]
    [InlineData("120k", 120_000)]
    [InlineData("$1.2M", 1_200_000)]
    [InlineData("120,000", 120_000)]
    [InlineData("0.5b", 500_000_000)]
    public void TryParse_CommonWays_ReadTheAmount(string text, decimal expected)
    {
        Assert.True(Money.TryParse(text, out var amount));
        Assert.Equal(expected, amount);
    }

    [Theory]
    [InlineData("")]
    [InlineData("lots")]
    [InlineData("-5k")]
    [InlineData("12kk")]
    public void TryParse_NotAnAmount_Fails(string text) => Assert.False(Money.TryParse(text, out _));

    [Theory]
    [InlineData(950, "$950")]
    [InlineData(120_000, "$120k")]
    [InlineData(1_400_000, "$1.4M")]
    public void Format_Amount_IsShort(decimal amount, string expected) => Assert.Equal(expected, Money.Format(amount));
}
