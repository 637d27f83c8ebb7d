namespace ProductOps.Bot.Pipeline;

/// <summary>
/// Keeps background turns from crowding out acknowledgements. A platform gives up on a request it
/// has not seen acknowledged within seconds, while a stored request's turn may answer minutes later.
/// So while acknowledgements queue up, turns wait: for the first <see cref="Hold"/> of it not at
/// all, and after that one at a time, each followed by a rest <see cref="RestFactor"/> times as long
/// as it took (at most <see cref="MaxRest"/>, so a turn slowed by a platform call does not hold up the
/// next for long). Once the acknowledgements have caught up, turns run side by side again.
/// </summary>
/// <remarks>
/// Acknowledgements count as queueing up when <see cref="Crowd"/> or more are under way at once (a
/// turn usually starts while its own request's acknowledgement is still being written), or during a
/// flood: from two starting within <see cref="Flood"/> of each other until <see cref="FloodEnds"/>
/// passes without two starting within <see cref="FloodGap"/>. The second catches a flood on one CPU: each
/// acknowledgement is quick, so few are under way at any moment, while the next requests wait unread
/// in the socket for the CPU the turns are using.
/// <para>
/// None of this holds while an acknowledgement waits for room in a full backlog
/// (<see cref="WaitForRoom"/>), nor for <see cref="RoomWaitEnds"/> after: only a finished turn makes
/// room, so holding turns would keep those requests waiting, with the CPU idle, until the hold ran out.
/// </para>
/// </remarks>
public sealed class AcknowledgementsFirst(TimeProvider clock) : IDisposable
{
    /// <summary>
    /// Acknowledgements have Slack's 3 s; a reply may follow up to 30 minutes later. In a 20 s flood
    /// of Slack commands, resting twice as long as the turn took acknowledged about 23% more
    /// commands a second than resting as long, with as many commands answered over the flood and the
    /// drain after it; four times as long acknowledged no more. Fewer replies go out during the flood.
    /// </summary>
    public const int RestFactor = 2;

    /// <summary>Requests being acknowledged at once from which acknowledgements count as queueing up.</summary>
    public const int Crowd = 2;

    public static readonly TimeSpan MaxRest = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// How long into a flood turns wait for it to end before they run at the rested pace (a waiting
    /// turn looks every <see cref="MaxRest"/>). Even rested, turns took a third of the CPU, and a 20 s
    /// flood of Slack commands still left all but about 3% of its replies for after it; holding them
    /// acknowledged about a quarter more commands a second, with as many answered over the flood and
    /// the drain. A longer flood gets its replies going after this.
    /// </summary>
    public static readonly TimeSpan Hold = TimeSpan.FromSeconds(30);

    /// <summary>A flood is over once no acknowledgement has kept it going (<see cref="Flood"/>, <see cref="FloodGap"/>) for this long.</summary>
    public static readonly TimeSpan FloodEnds = TimeSpan.FromSeconds(1);

    /// <summary>Two acknowledgements starting within this span (over 200 a second) count as a flood.</summary>
    public static readonly TimeSpan Flood = TimeSpan.FromMilliseconds(5);

    /// <summary>
    /// Once a flood is on, acknowledgements starting up to this far apart (20 a second) keep it going.
    /// Turns let in beside a flood by some stall slow every acknowledgement on one CPU past
    /// <see cref="Flood"/>, which would end the flood and let in more turns: at one connection the
    /// acknowledgements' p99 went to 0.96 and 1.43 s that way in the Teams benchmark.
    /// </summary>
    public static readonly TimeSpan FloodGap = TimeSpan.FromMilliseconds(50);

    /// <summary>
    /// Turns run freely for this long after an acknowledgement last waited for room. Each finished turn
    /// lets one waiting request in, and the next waits in its turn: freed only while a wait was under
    /// way, turns were held again in every gap between waits, and requests waited about 100 ms for room
    /// in the Teams benchmark.
    /// </summary>
    public static readonly TimeSpan RoomWaitEnds = TimeSpan.FromSeconds(1);

    private readonly SemaphoreSlim _lane = new(1, 1);
    private readonly long _flood = (long)(Flood.TotalSeconds * clock.TimestampFrequency);
    private readonly long _floodGap = (long)(FloodGap.TotalSeconds * clock.TimestampFrequency);
    private int _acknowledging;
    private int _waitingForRoom;
    private long _restUntil;
    private long _lastStart;

    private readonly long _hold = (long)(Hold.TotalSeconds * clock.TimestampFrequency);
    private readonly long _floodEnds = (long)(FloodEnds.TotalSeconds * clock.TimestampFrequency);
    private readonly long _roomWaitEnds = (long)(RoomWaitEnds.TotalSeconds * clock.TimestampFrequency);
    private long _roomWaitEnded;
    private long _floodSince;
    private long _lastFloodStart;

    /// <summary>Whether acknowledgements are queueing up right now.</summary>
    public bool Busy
    {
        get
        {
            if (WaitingForRoomNow())
            {
                return false;
            }

            if (Volatile.Read(ref _acknowledging) >= Crowd)
            {
                return true;
            }

            // A flood lasts until a second passes without an acknowledgement keeping it going, so one
            // slow request (a collection, a checkpoint) in the middle of it does not let turns loose.
            var lastFloodStart = Volatile.Read(ref _lastFloodStart);
            return lastFloodStart != 0 && clock.GetTimestamp() - lastFloodStart < _floodEnds;
        }
    }

    /// <summary>Marks one request as being acknowledged until the returned scope is disposed.</summary>
    public Acknowledging Acknowledge()
    {
        var now = clock.GetTimestamp();
        var previous = Interlocked.Exchange(ref _lastStart, now);
        var lastFloodStart = Volatile.Read(ref _lastFloodStart);
        var floodOn = lastFloodStart != 0 && now - lastFloodStart < _floodEnds;
        if (previous != 0 && now - previous < (floodOn ? _floodGap : _flood))
        {
            if (!floodOn)
            {
                Volatile.Write(ref _floodSince, now);
            }

            Volatile.Write(ref _lastFloodStart, now);
        }

        Interlocked.Increment(ref _acknowledging);
        return new Acknowledging(this);
    }

    /// <summary>
    /// Marks one request as waiting for room in a full backlog, which only turns make, until the
    /// returned scope is disposed: meanwhile turns run side by side, as if nothing were being acknowledged.
    /// </summary>
    public WaitingForRoom WaitForRoom()
    {
        Interlocked.Increment(ref _waitingForRoom);
        return new WaitingForRoom(this);
    }

    /// <summary>Waits until a turn may start; dispose the result when the turn is over.</summary>
    public async ValueTask<TurnSlot> TurnAsync(CancellationToken ct)
    {
        if (!Busy)
        {
            return default;
        }

        await _lane.WaitAsync(ct);
        try
        {
            while (Busy && InFloodsFirstHold())
            {
                await Task.Delay(MaxRest, clock, ct);
            }

            var rest = Volatile.Read(ref _restUntil) - clock.GetTimestamp();
            if (rest > 0 && Busy)
            {
                await Task.Delay(TimeSpan.FromSeconds((double)rest / clock.TimestampFrequency), clock, ct);
            }
        }
        catch
        {
            _lane.Release();
            throw;
        }

        return new TurnSlot(this, clock.GetTimestamp());
    }

    public void Dispose() => _lane.Dispose();

    private void RoomWaitEnded()
    {
        Volatile.Write(ref _roomWaitEnded, clock.GetTimestamp());
        Interlocked.Decrement(ref _waitingForRoom);
    }

    /// <summary>An acknowledgement waits for room, or did less than <see cref="RoomWaitEnds"/> ago.</summary>
    private bool WaitingForRoomNow()
    {
        if (Volatile.Read(ref _waitingForRoom) > 0)
        {
            return true;
        }

        var ended = Volatile.Read(ref _roomWaitEnded);
        return ended != 0 && clock.GetTimestamp() - ended < _roomWaitEnds;
    }

    /// <summary>A flood of acknowledgements began less than <see cref="Hold"/> ago and may still be on.</summary>
    private bool InFloodsFirstHold()
    {
        var since = Volatile.Read(ref _floodSince);
        return since != 0 && clock.GetTimestamp() - since < _hold;
    }

    private void Finished(long startedAt)
    {
        var now = clock.GetTimestamp();
        var rest = Math.Min((now - startedAt) * RestFactor, (long)(MaxRest.TotalSeconds * clock.TimestampFrequency));
        Volatile.Write(ref _restUntil, now + rest);
        _lane.Release();
    }

    public readonly struct Acknowledging(AcknowledgementsFirst owner) : IDisposable
    {
        public void Dispose() => Interlocked.Decrement(ref owner._acknowledging);
    }

    public readonly struct WaitingForRoom(AcknowledgementsFirst owner) : IDisposable
    {
        public void Dispose() => owner.RoomWaitEnded();
    }

    public readonly struct TurnSlot(AcknowledgementsFirst? owner, long startedAt) : IDisposable
    {
        public void Dispose() => owner?.Finished(startedAt);
    }
}
