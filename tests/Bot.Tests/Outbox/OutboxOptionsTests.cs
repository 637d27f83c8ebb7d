using ProductOps.Bot.Outbox;

namespace ProductOps.Bot.Tests.Outbox;

public sealed class OutboxOptionsTests
{
    [Fact]
    public void Problems_Defaults_AreNone()
    {
        var options = new OutboxOptions();

        var problems = options.Problems();

        Assert.Empty(problems);
    }

    [Fact]
    public void Problems_LeaseTooShortAndNoAttempts_NameEachSetting()
    {
        var options = new OutboxOptions { LeaseSeconds = 5, MaxAttempts = 0 };

        var problems = options.Problems().ToArray();

        Assert.Equal(2, problems.Length);
        Assert.Contains(problems, p => p.StartsWith("Outbox:LeaseSeconds is 5", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("Outbox:MaxAttempts is 0", StringComparison.Ordinal));
    }
}
