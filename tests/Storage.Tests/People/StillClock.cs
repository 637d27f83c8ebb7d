namespace ProductOps.Storage.Tests.People;

/// <summary>A clock that stands still until a test moves it.</summary>
public sealed class StillClock : TimeProvider
{
    private DateTimeOffset _now = new(2026, 3, 2, 9, 30, 0, TimeSpan.Zero);

    public override DateTimeOffset GetUtcNow() => _now;

    public void Advance(TimeSpan by) => _now += by;
}
