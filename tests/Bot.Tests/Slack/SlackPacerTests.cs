using ProductOps.Bot.Slack.Api;

namespace ProductOps.Bot.Tests.Slack;

public sealed class SlackPacerTests
{
    [Fact]
    public async Task Wait_LimitFree_StartsAtOnce()
    {
        var pacer = new SlackPacer(new FakeClock());

        var first = pacer.WaitAsync("conversations.open", 2, TimeSpan.FromMinutes(1), CancellationToken.None);
        var second = pacer.WaitAsync("conversations.open", 2, TimeSpan.FromMinutes(1), CancellationToken.None);

        Assert.True(first.IsCompletedSuccessfully);
        Assert.True(second.IsCompletedSuccessfully);
        await Task.WhenAll(first, second);
    }

    /// <summary>A fake Slack counting arrivals answered 429 when the call one period after the oldest started exactly on time.</summary>
    [Fact]
    public async Task Wait_ExactlyOnePeriodAfterTheOldestCall_WaitsAMarginForSlacksWindow()
    {
        var clock = new FakeClock();
        var pacer = new SlackPacer(clock);
        await pacer.WaitAsync("conversations.open", 1, TimeSpan.FromMinutes(1), CancellationToken.None);
        clock.Advance(TimeSpan.FromMinutes(1));
        using var stop = new CancellationTokenSource();

        var next = pacer.WaitAsync("conversations.open", 1, TimeSpan.FromMinutes(1), stop.Token);

        Assert.False(next.IsCompleted);
        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => next);
    }
}
