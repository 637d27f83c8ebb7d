using ProductOps.Bot.Teams.Connector;

namespace ProductOps.Bot.Tests.Teams;

public sealed class ConnectorPacingTests : IDisposable
{
    private const string ServiceUrl = "https://smba.trafficmanager.net/emea/";

    private readonly FakeClock _clock = new();

    // Ends the waits a test leaves behind; they would otherwise run out in real time.
    private readonly CancellationTokenSource _end = new();

    [Fact]
    public void Defaults_AreTeamsPublishedLimits()
    {
        Assert.Equal(
            [(7, TimeSpan.FromSeconds(1)), (8, TimeSpan.FromSeconds(2)), (60, TimeSpan.FromSeconds(30)), (1800, TimeSpan.FromHours(1))],
            ConnectorPacing.PerConversation);
        Assert.Equal(50, ConnectorPacing.PerTenantEachSecond);
    }

    [Fact]
    public void Wait_WithinEveryLimit_GoesAtOnce()
    {
        var pacing = new ConnectorPacing(_clock);

        var calls = Enumerable.Range(0, 7).Select(_ => Wait(pacing, "a:1")).ToArray();

        Assert.All(calls, call => Assert.True(call.IsCompletedSuccessfully));
    }

    [Fact]
    public void Wait_PastALongerWindowsLimit_WaitsThoughTheShorterOneHasRoom()
    {
        var pacing = new ConnectorPacing([(7, TimeSpan.FromSeconds(1)), (3, TimeSpan.FromMinutes(10))], 50, _clock);
        for (var i = 0; i < 3; i++)
        {
            Assert.True(Wait(pacing, "a:1").IsCompletedSuccessfully);
        }

        var fourth = Wait(pacing, "a:1");

        Assert.False(fourth.IsCompleted);
    }

    [Fact]
    public void Wait_TheWindowSlides_ACallWaitsForAWindowSinceTheCallsBeforeIt()
    {
        var pacing = new ConnectorPacing([(2, TimeSpan.FromMinutes(1))], 50, _clock);
        var first = Wait(pacing, "a:1");
        _clock.Advance(TimeSpan.FromSeconds(36));
        var second = Wait(pacing, "a:1");
        _clock.Advance(TimeSpan.FromSeconds(34));
        var third = Wait(pacing, "a:1");

        // Two calls already in the minute since 36 s; a count per fixed minute would have let it through.
        var fourth = Wait(pacing, "a:1");

        Assert.All([first, second, third], call => Assert.True(call.IsCompletedSuccessfully));
        Assert.False(fourth.IsCompleted);
        _clock.Advance(TimeSpan.FromMinutes(3));
        Assert.True(Wait(pacing, "a:1").IsCompletedSuccessfully);
    }

    [Fact]
    public async Task Wait_PastTheLimit_GoesWhenTheWindowAllows()
    {
        var pacing = new ConnectorPacing([(1, TimeSpan.FromMilliseconds(200))], 50, TimeProvider.System);
        await Wait(pacing, "a:1");

        var second = Wait(pacing, "a:1");

        Assert.False(second.IsCompleted);
        await second.WaitAsync(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public void Wait_AnotherConversation_IsNotHeldUp()
    {
        var pacing = new ConnectorPacing([(1, TimeSpan.FromMinutes(10))], 50, _clock);
        Wait(pacing, "a:1");

        var other = Wait(pacing, "a:2");

        Assert.True(other.IsCompletedSuccessfully);
    }

    [Fact]
    public void Wait_PastTheServiceUrlsLimit_WaitsWhicheverConversation()
    {
        var pacing = new ConnectorPacing([(7, TimeSpan.FromSeconds(1))], 2, _clock);
        Wait(pacing, "a:1");
        Wait(pacing, "a:2");

        var third = Wait(pacing, "a:3", ServiceUrl.TrimEnd('/'));
        var elsewhere = Wait(pacing, "a:4", "https://smba.trafficmanager.net/amer/");

        Assert.False(third.IsCompleted);
        Assert.True(elsewhere.IsCompletedSuccessfully);
    }

    [Fact]
    public void Wait_AConversationWaitingLongOnItsOwnLimit_DoesNotHoldUpOthersOnItsServiceUrl()
    {
        var pacing = new ConnectorPacing([(1, TimeSpan.FromMinutes(10))], 2, _clock);
        Wait(pacing, "a:1");
        var later = Wait(pacing, "a:1");

        var other = Wait(pacing, "a:2");

        Assert.False(later.IsCompleted);
        Assert.True(other.IsCompletedSuccessfully);
    }

    [Fact]
    public void Wait_AfterManyConversationsWentIdle_StillHoldsActiveOnesToTheirLimits()
    {
        var pacing = new ConnectorPacing([(1, TimeSpan.FromMinutes(1))], 5000, _clock);
        foreach (var i in Enumerable.Range(0, 3000))
        {
            Wait(pacing, $"idle:{i}");
        }

        _clock.Advance(TimeSpan.FromMinutes(2));
        Wait(pacing, "active");
        foreach (var i in Enumerable.Range(0, 3000))
        {
            Wait(pacing, $"new:{i}");
        }

        var again = Wait(pacing, "active");

        Assert.False(again.IsCompleted);
        Assert.True(Wait(pacing, "idle:0").IsCompletedSuccessfully);
    }

    [Fact]
    public async Task Wait_Cancelled_Throws()
    {
        var pacing = new ConnectorPacing([(1, TimeSpan.FromMinutes(10))], 50, _clock);
        using var cancel = new CancellationTokenSource();
        await Wait(pacing, "a:1");
        var waiting = pacing.WaitAsync(ServiceUrl, "a:1", cancel.Token);

        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
    }

    public void Dispose()
    {
        _end.Cancel();
        _end.Dispose();
    }

    private Task Wait(ConnectorPacing pacing, string conversation, string serviceUrl = ServiceUrl) =>
        pacing.WaitAsync(serviceUrl, conversation, _end.Token);
}
