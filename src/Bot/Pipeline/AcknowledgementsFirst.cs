namespace ProductOps.Bot.Pipeline;

/// <summary>
/// Keeps background turns from crowding out acknowledgements. A platform gives up on a request it
/// has not seen acknowledged within seconds, while a stored request's turn may answer minutes later.
/// So while requests are being acknowledged, turns run one at a time and each is followed by a rest
/// <see cref="RestFactor"/> times as long as it took: turns keep at least a fifth of the time and
/// acknowledgements get the rest. Once the acknowledgements have caught up, turns run side by side again.
/// </summary>
public sealed class AcknowledgementsFirst(TimeProvider clock) : IDisposable
{
    public const int RestFactor = 4;

    private readonly SemaphoreSlim _lane = new(1, 1);
    private int _acknowledging;
    private long _restUntil;

    /// <summary>Whether any request is being acknowledged right now.</summary>
    public bool Busy => Volatile.Read(ref _acknowledging) > 0;

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
        Volatile.Write(ref _restUntil, now + ((now - startedAt) * RestFactor));
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
