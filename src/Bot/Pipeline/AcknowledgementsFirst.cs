namespace ProductOps.Bot.Pipeline;

/// <summary>
/// Keeps background turns from crowding out acknowledgements. A platform gives up on a request it
/// has not seen acknowledged within seconds, while a stored request's turn may answer minutes later.
/// So while acknowledgements queue up (<see cref="Crowd"/> or more at once: a turn usually starts
/// while its own request's acknowledgement is still being written), turns run one at a time
/// and each is followed by a rest <see cref="RestFactor"/> times as long as it took (at most
/// <see cref="MaxRest"/>, so a turn slowed by a platform call does not hold up the next for long).
/// Once the acknowledgements have caught up, turns run side by side again.
/// </summary>
public sealed class AcknowledgementsFirst(TimeProvider clock) : IDisposable
{
    public const int RestFactor = 4;

    /// <summary>Requests being acknowledged at once from which acknowledgements count as queueing up.</summary>
    public const int Crowd = 2;

    public static readonly TimeSpan MaxRest = TimeSpan.FromMilliseconds(100);

    private readonly SemaphoreSlim _lane = new(1, 1);
    private int _acknowledging;
    private long _restUntil;

    /// <summary>Whether acknowledgements are queueing up right now.</summary>
    public bool Busy => Volatile.Read(ref _acknowledging) >= Crowd;

    /// <summary>Marks one request as being acknowledged until the returned scope is disposed.</summary>
    public Acknowledging Acknowledge()
    {
        Interlocked.Increment(ref _acknowledging);
        return new Acknowledging(this);
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

    public readonly struct TurnSlot(AcknowledgementsFirst? owner, long startedAt) : IDisposable
    {
        public void Dispose() => owner?.Finished(startedAt);
    }
}
