using ProductOps.Bot.Teams;
using ProductOps.Storage.Deliveries;

namespace ProductOps.Bot.Tests.Teams;

public sealed class InvokesOnceTests
{
    private static readonly InvokeAnswer Done = new(200);

    [Fact]
    public async Task Run_SameKeyAfterItWasHandled_DoesNotRunAgain()
    {
        using var db = await TempDatabase.CreateAsync();
        var once = new InvokesOnce(new SqlDeliveryLog(db.Database, new FakeClock()));
        var runs = 0;

        var first = await once.RunAsync("teams:activity:1:c", () => { runs++; return Task.FromResult(Done); }, CancellationToken.None);
        var repeat = await once.RunAsync("teams:activity:1:c", () => { runs++; return Task.FromResult(Done); }, CancellationToken.None);

        Assert.Equal((Done, (InvokeAnswer?)null, 1), (first, repeat, runs));
    }

    [Fact]
    public async Task Run_AfterTheBotStoppedMidway_RunsTheRetry()
    {
        using var db = await TempDatabase.CreateAsync();
        var cutShort = new TaskCompletionSource<InvokeAnswer>();
        _ = new InvokesOnce(new SqlDeliveryLog(db.Database, new FakeClock())).RunAsync("teams:activity:1:c", () => cutShort.Task, CancellationToken.None);

        var afterRestart = new InvokesOnce(new SqlDeliveryLog(db.Database, new FakeClock()));
        var retry = await afterRestart.RunAsync("teams:activity:1:c", () => Task.FromResult(Done), CancellationToken.None);

        Assert.Same(Done, retry);
    }

    [Fact]
    public async Task Run_AfterTheHandlerFailed_RunsTheRetry()
    {
        using var db = await TempDatabase.CreateAsync();
        var once = new InvokesOnce(new SqlDeliveryLog(db.Database, new FakeClock()));

        await Assert.ThrowsAsync<InvalidOperationException>(() => once.RunAsync("teams:activity:1:c", () => throw new InvalidOperationException("down"), CancellationToken.None));
        var retry = await once.RunAsync("teams:activity:1:c", () => Task.FromResult(Done), CancellationToken.None);

        Assert.Same(Done, retry);
    }

    [Fact]
    public async Task Run_RepeatWhileTheFirstIsRunning_IsARepeat()
    {
        using var db = await TempDatabase.CreateAsync();
        var once = new InvokesOnce(new SqlDeliveryLog(db.Database, new FakeClock()));
        var running = new TaskCompletionSource<InvokeAnswer>();
        var first = once.RunAsync("teams:activity:1:c", () => running.Task, CancellationToken.None);

        var repeat = await once.RunAsync("teams:activity:1:c", () => Task.FromResult(new InvokeAnswer(500)), CancellationToken.None);
        running.SetResult(Done);

        Assert.Equal(((InvokeAnswer?)null, (InvokeAnswer?)Done), (repeat, await first));
    }
}
