using System.Diagnostics;
using ProductOps.Bot.Pipeline;

namespace ProductOps.Bot.Tests.Pipeline;

public sealed class AcknowledgementsFirstTests
{
    [Fact]
    public async Task Turn_NothingBeingAcknowledged_RunsBesideOtherTurns()
    {
        using var first = new AcknowledgementsFirst(new SteppedClock());

        using var one = await first.TurnAsync(CancellationToken.None);
        var two = first.TurnAsync(CancellationToken.None);

        Assert.True(two.IsCompleted);
    }

    [Fact]
    public async Task Turn_WhileAcknowledging_WaitsForTheTurnBeforeIt()
    {
        var clock = new SteppedClock();
        using var first = new AcknowledgementsFirst(clock);
        using var acknowledging = CrowdPastTheHold(first, clock);

        await AssertOneTurnAtATimeAsync(first);
    }

    [Fact]
    public async Task Turn_WhileAcknowledging_RestsInProportionToTheTurnBeforeIt()
    {
        var clock = new SteppedClock();
        using var first = new AcknowledgementsFirst(clock);
        using var acknowledging = CrowdPastTheHold(first, clock);
        var took = TimeSpan.FromMilliseconds(50);
        using (await first.TurnAsync(CancellationToken.None))
        {
            clock.Advance(took);
        }

        var started = Stopwatch.GetTimestamp();
        using (await first.TurnAsync(CancellationToken.None).AsTask().WaitAsync(TimeSpan.FromSeconds(5)))
        {
            // The rest is timed in real time; a timer may fire a little early, never 5 ms.
            Assert.True(Stopwatch.GetElapsedTime(started) >= (took * AcknowledgementsFirst.RestFactor) - TimeSpan.FromMilliseconds(5));
        }
    }

    [Fact]
    public async Task Turn_AcknowledgementsCaughtUp_NoLongerRests()
    {
        var clock = new SteppedClock();
        using var first = new AcknowledgementsFirst(clock);
        using (CrowdPastTheHold(first, clock))
        using (await first.TurnAsync(CancellationToken.None))
        {
            clock.Advance(TimeSpan.FromSeconds(1));
        }

        var next = first.TurnAsync(CancellationToken.None);

        Assert.True(next.IsCompleted);
    }

    [Fact]
    public async Task Turn_FewerAcknowledgementsAtOnceThanACrowd_RunsBesideOtherTurns()
    {
        using var first = new AcknowledgementsFirst(new SteppedClock());
        using var acknowledging = new Scopes([.. Enumerable.Range(0, AcknowledgementsFirst.Crowd - 1).Select(_ => first.Acknowledge())]);

        using var one = await first.TurnAsync(CancellationToken.None);
        var two = first.TurnAsync(CancellationToken.None);

        Assert.True(two.IsCompleted);
    }

    [Fact]
    public async Task Turn_AfterASlowTurnWhileAcknowledging_RestsNoLongerThanTheCap()
    {
        var clock = new SteppedClock();
        using var first = new AcknowledgementsFirst(clock);
        using var acknowledging = CrowdPastTheHold(first, clock);
        using (await first.TurnAsync(CancellationToken.None))
        {
            clock.Advance(TimeSpan.FromSeconds(10));
        }

        var started = Stopwatch.GetTimestamp();
        using (await first.TurnAsync(CancellationToken.None).AsTask().WaitAsync(TimeSpan.FromSeconds(5)))
        {
            Assert.True(Stopwatch.GetElapsedTime(started) < TimeSpan.FromSeconds(4), "rested for the whole 40 s");
        }
    }

    [Fact]
    public async Task Turn_AcknowledgementsStartingInQuickSuccession_WaitsForTheFloodToEnd()
    {
        var clock = new SteppedClock();
        using var first = new AcknowledgementsFirst(clock);
        StartFlood(first, clock);

        var turn = await AssertHeldAsync(first);

        clock.Advance(AcknowledgementsFirst.FloodEnds);
        (await turn.WaitAsync(TimeSpan.FromSeconds(5))).Dispose();
    }

    [Fact]
    public async Task Turn_OneSlowAcknowledgementInAFlood_StaysHeld()
    {
        var clock = new SteppedClock();
        using var first = new AcknowledgementsFirst(clock);
        StartFlood(first, clock);

        clock.Advance(AcknowledgementsFirst.Flood * 4);
        first.Acknowledge().Dispose();

        await AssertHeldAsync(first);
    }

    [Fact]
    public async Task Turn_FloodWhoseAcknowledgementsSlowDown_StaysHeld()
    {
        var clock = new SteppedClock();
        using var first = new AcknowledgementsFirst(clock);
        StartFlood(first, clock);

        // Acknowledgements slowed by turns: farther apart than a flood starts with, for longer than a flood lasts unfed.
        AcknowledgeEvery(first, clock, AcknowledgementsFirst.FloodGap / 2, AcknowledgementsFirst.FloodEnds * 2);

        await AssertHeldAsync(first);
    }

    [Fact]
    public async Task Turn_AcknowledgementsFarApartAfterAFlood_EndItAndRunBesideOtherTurns()
    {
        var clock = new SteppedClock();
        using var first = new AcknowledgementsFirst(clock);
        StartFlood(first, clock);

        AcknowledgeEvery(first, clock, AcknowledgementsFirst.FloodGap * 2, AcknowledgementsFirst.FloodEnds);

        using var one = await first.TurnAsync(CancellationToken.None);
        var two = first.TurnAsync(CancellationToken.None);

        Assert.True(two.IsCompleted);
    }

    [Fact]
    public async Task Turn_FloodLastingLongerThanTheHold_RunsOneAtATime()
    {
        var clock = new SteppedClock();
        using var first = new AcknowledgementsFirst(clock);
        using var acknowledging = Crowd(first);
        StartFlood(first, clock);

        var turn = await AssertHeldAsync(first);

        clock.Advance(AcknowledgementsFirst.Hold);
        (await turn.WaitAsync(TimeSpan.FromSeconds(5))).Dispose();
        clock.Advance(AcknowledgementsFirst.MaxRest);
        await AssertOneTurnAtATimeAsync(first);
    }

    [Fact]
    public async Task Turn_NewFloodAfterAQuietSpell_IsHeldAgain()
    {
        var clock = new SteppedClock();
        using var first = new AcknowledgementsFirst(clock);
        using var acknowledging = Crowd(first);
        StartFlood(first, clock);
        clock.Advance(AcknowledgementsFirst.Hold + AcknowledgementsFirst.FloodEnds);
        (await first.TurnAsync(CancellationToken.None)).Dispose();

        StartFlood(first, clock);
        await AssertHeldAsync(first);
    }

    [Fact]
    public async Task Turn_AcknowledgementsFarApart_RunsBesideOtherTurns()
    {
        var clock = new SteppedClock();
        using var first = new AcknowledgementsFirst(clock);
        first.Acknowledge().Dispose();
        clock.Advance(AcknowledgementsFirst.Flood * 2);
        first.Acknowledge().Dispose();

        using var one = await first.TurnAsync(CancellationToken.None);
        var two = first.TurnAsync(CancellationToken.None);

        Assert.True(two.IsCompleted);
    }

    [Fact]
    public async Task Turn_WhileAnAcknowledgementWaitsForRoom_RunsBesideOtherTurns()
    {
        var clock = new SteppedClock();
        using var first = new AcknowledgementsFirst(clock);
        using var acknowledging = Crowd(first);
        StartFlood(first, clock);

        using (first.WaitForRoom())
        {
            using var one = await first.TurnAsync(CancellationToken.None);
            var two = first.TurnAsync(CancellationToken.None);

            Assert.True(two.IsCompleted);
        }

        clock.Advance(AcknowledgementsFirst.RoomWaitEnds);
        await AssertHeldAsync(first);
    }

    [Fact]
    public async Task Turn_JustAfterAWaitForRoomEnded_StillRunsBesideOtherTurns()
    {
        var clock = new SteppedClock();
        using var first = new AcknowledgementsFirst(clock);
        using var acknowledging = Crowd(first);
        StartFlood(first, clock);
        first.WaitForRoom().Dispose();

        clock.Advance(AcknowledgementsFirst.RoomWaitEnds / 2);
        using var one = await first.TurnAsync(CancellationToken.None);
        var two = first.TurnAsync(CancellationToken.None);

        Assert.True(two.IsCompleted);
    }

    [Fact]
    public async Task Turn_HeldInAFlood_StartsOnceAnAcknowledgementWaitsForRoom()
    {
        var clock = new SteppedClock();
        using var first = new AcknowledgementsFirst(clock);
        using var acknowledging = Crowd(first);
        StartFlood(first, clock);
        var turn = await AssertHeldAsync(first);

        using var waiting = first.WaitForRoom();

        (await turn.WaitAsync(TimeSpan.FromSeconds(5))).Dispose();
    }

    /// <summary>Long enough for a turn that was let through to have started: several of the hold's checks.</summary>
    private static readonly TimeSpan HeldLongEnough = AcknowledgementsFirst.MaxRest * 3;

    /// <summary>A turn asked for now has not started after several of the hold's checks; the caller may await it further.</summary>
    private static async Task<Task<AcknowledgementsFirst.TurnSlot>> AssertHeldAsync(AcknowledgementsFirst first)
    {
        var turn = first.TurnAsync(CancellationToken.None).AsTask();
        await Task.Delay(HeldLongEnough);
        Assert.False(turn.IsCompleted);
        return turn;
    }

    /// <summary>Two acknowledgements starting within the flood span of each other.</summary>
    private static void StartFlood(AcknowledgementsFirst first, SteppedClock clock)
    {
        first.Acknowledge().Dispose();
        clock.Advance(AcknowledgementsFirst.Flood / 2);
        first.Acknowledge().Dispose();
    }

    /// <summary>One acknowledgement every <paramref name="apart"/> for <paramref name="during"/>.</summary>
    private static void AcknowledgeEvery(AcknowledgementsFirst first, SteppedClock clock, TimeSpan apart, TimeSpan during)
    {
        for (var elapsed = TimeSpan.Zero; elapsed <= during; elapsed += apart)
        {
            clock.Advance(apart);
            first.Acknowledge().Dispose();
        }
    }

    /// <summary>A second turn waits until the first is over, then starts.</summary>
    private static async Task AssertOneTurnAtATimeAsync(AcknowledgementsFirst first)
    {
        var one = await first.TurnAsync(CancellationToken.None);

        var two = first.TurnAsync(CancellationToken.None).AsTask();

        Assert.False(two.IsCompleted);
        one.Dispose();
        (await two.WaitAsync(TimeSpan.FromSeconds(5))).Dispose();
    }

    /// <summary>Enough requests being acknowledged at once to count as queueing up.</summary>
    private static Scopes Crowd(AcknowledgementsFirst first) =>
        new([.. Enumerable.Range(0, AcknowledgementsFirst.Crowd).Select(_ => first.Acknowledge())]);

    /// <summary>A crowd (which starts a flood, its requests all starting at once) that has outlasted the hold.</summary>
    private static Scopes CrowdPastTheHold(AcknowledgementsFirst first, SteppedClock clock)
    {
        var crowd = Crowd(first);
        clock.Advance(AcknowledgementsFirst.Hold);
        return crowd;
    }

    private sealed class Scopes(AcknowledgementsFirst.Acknowledging[] scopes) : IDisposable
    {
        public void Dispose()
        {
            foreach (var scope in scopes)
            {
                scope.Dispose();
            }
        }
    }

    /// <summary>Timestamps move only when told; timers run in real time.</summary>
    private sealed class SteppedClock : TimeProvider
    {
        private long _now = 1;

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public override long GetTimestamp() => _now;

        public void Advance(TimeSpan by) => _now += by.Ticks;
    }
}
