using System.Collections.Concurrent;

namespace ProductOps.Bot.Slack.Api;

/// <summary>
/// Keeps calls under Slack's rate limits on our side: per key (a method, or a method and channel),
/// at most <c>limit</c> calls start in any <c>period</c>; callers over it wait their turn instead of
/// failing. A 429 pauses the key for everyone until Slack's Retry-After has passed.
/// </summary>
public sealed class SlackPacer(TimeProvider clock)
{
    private readonly ConcurrentDictionary<string, Window> _windows = new(StringComparer.Ordinal);

    public async Task WaitAsync(string key, int limit, TimeSpan period, CancellationToken ct)
    {
        var window = _windows.GetOrAdd(key, _ => new Window());
        var now = clock.GetUtcNow();
        var delay = window.Reserve(now, limit, period) - now;
        if (delay > TimeSpan.Zero)
        {
            await Task.Delay(delay, clock, ct);
        }
    }

    public void Pause(string key, DateTimeOffset until) => _windows.GetOrAdd(key, _ => new Window()).Pause(until);

    private sealed class Window
    {
        private readonly Queue<DateTimeOffset> _starts = new();
        private readonly Lock _lock = new();
        private DateTimeOffset _pausedUntil;

        /// <summary>The time this call may start; recorded, so the next caller queues behind it.</summary>
        public DateTimeOffset Reserve(DateTimeOffset now, int limit, TimeSpan period)
        {
            lock (_lock)
            {
                var start = now > _pausedUntil ? now : _pausedUntil;
                while (_starts.Count >= limit)
                {
                    // Slack counts a call when it arrives, we when it starts: a call that reached Slack late
                    // (a new connection, a slow send) would put one call too many in Slack's window, so the
                    // oldest call frees its place 2% of the period later (1.2 s a minute, 20 ms a second).
                    var oldest = _starts.Dequeue() + period + period / 50;
                    if (oldest > start)
                    {
                        start = oldest;
                    }
                }

                _starts.Enqueue(start);
                return start;
            }
        }

        public void Pause(DateTimeOffset until)
        {
            lock (_lock)
            {
                if (until > _pausedUntil)
                {
                    _pausedUntil = until;
                }
            }
        }
    }
}
