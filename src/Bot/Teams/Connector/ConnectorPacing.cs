using System.Collections.Concurrent;

namespace ProductOps.Bot.Teams.Connector;

/// <summary>
/// Keeps calls to the Bot Connector under Teams' limits: per bot and conversation 7 a second, 8 in
/// 2 s, 60 in 30 s and 1,800 an hour; per app and tenant 50 a second. Calls do not know their
/// tenant, so the service URL stands for it: tenants that share a regional service URL share its
/// 50, which errs on the safe side. A call over a limit waits; none is ever sent unpaced.
/// </summary>
/// <remarks>
/// Each conversation and each service URL keeps the times of its calls within the longest window
/// (<see cref="CallTimes"/>). A call takes the earliest time from now that keeps both under every
/// limit, is counted at that time in both, and waits until then. Nothing runs between calls: no
/// timers and no leases, where a rate limiter per conversation and window was replenished by a
/// timer every 100 ms. A call given up while it waits stays counted, which errs on the safe side.
/// </remarks>
public sealed class ConnectorPacing
{
    public static readonly IReadOnlyList<(int Calls, TimeSpan Window)> PerConversation =
    [
        (7, TimeSpan.FromSeconds(1)),
        (8, TimeSpan.FromSeconds(2)),
        (60, TimeSpan.FromSeconds(30)),
        (1800, TimeSpan.FromHours(1)),
    ];

    public const int PerTenantEachSecond = 50;

    private readonly Limit[] _perConversation;
    private readonly Limit[] _perServiceUrl;
    private readonly TimeProvider _clock;
    private readonly CallLog _conversations;
    private readonly CallLog _serviceUrls;

    public ConnectorPacing(TimeProvider clock)
        : this(PerConversation, PerTenantEachSecond, clock)
    {
    }

    public ConnectorPacing(IReadOnlyList<(int Calls, TimeSpan Window)> perConversation, int perTenantEachSecond, TimeProvider clock)
    {
        _perConversation = perConversation.Select(l => new Limit(l.Calls, l.Window.Ticks)).ToArray();
        _perServiceUrl = [new Limit(perTenantEachSecond, TimeSpan.TicksPerSecond)];
        _conversations = new CallLog(_perConversation.Max(l => l.Window));
        _serviceUrls = new CallLog(_perServiceUrl.Max(l => l.Window));
        _clock = clock;
    }

    /// <summary>Waits until a call to the conversation fits every limit; the call counts from then.</summary>
    public Task WaitAsync(string serviceUrl, string conversationId, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        var now = _clock.GetUtcNow().UtcTicks;
        var at = Reserve(conversationId, TrustedServiceUrls.Normalize(serviceUrl), now);
        return at <= now ? Task.CompletedTask : Task.Delay(TimeSpan.FromTicks(at - now), _clock, ct);
    }

    private long Reserve(string conversationId, string serviceUrl, long now)
    {
        while (true)
        {
            var conversation = _conversations.For(conversationId, now);
            var url = _serviceUrls.For(serviceUrl, now);

            // Always the conversation's lock before the service URL's, so two calls never wait on each other.
            lock (conversation)
            {
                lock (url)
                {
                    if (conversation.Retired || url.Retired)
                    {
                        continue;
                    }

                    var at = now;
                    while (true)
                    {
                        var fits = url.Earliest(conversation.Earliest(at, _perConversation), _perServiceUrl);
                        if (fits == at)
                        {
                            break;
                        }

                        at = fits;
                    }

                    conversation.Add(at, now);
                    url.Add(at, now);
                    return at;
                }
            }
        }
    }

    /// <summary>A limit: at most <c>Calls</c> in any span of <c>Window</c> ticks.</summary>
    private readonly record struct Limit(int Calls, long Window);

    /// <summary>
    /// The call times of every conversation (or service URL) with calls inside the longest window.
    /// Those without are dropped when the log has doubled since the last sweep, so a bot that has
    /// talked in many conversations keeps only the recent ones.
    /// </summary>
    private sealed class CallLog(long longestWindow)
    {
        private readonly ConcurrentDictionary<string, CallTimes> _keys = new(StringComparer.Ordinal);
        private int _sweepAt = 1024;

        public CallTimes For(string key, long now)
        {
            if (_keys.TryGetValue(key, out var known))
            {
                return known;
            }

            // Counting takes every lock of the dictionary: only on a key's first sight, not on every call.
            if (_keys.Count >= Volatile.Read(ref _sweepAt))
            {
                Sweep(now);
            }

            return _keys.GetOrAdd(key, _ => new CallTimes(longestWindow));
        }

        private void Sweep(long now)
        {
            lock (_keys)
            {
                if (_keys.Count < _sweepAt)
                {
                    return;
                }

                foreach (var (key, times) in _keys)
                {
                    lock (times)
                    {
                        if (times.IdleSince(now))
                        {
                            // A caller that fetched it before it went sees Retired and fetches afresh.
                            times.Retired = true;
                            _keys.TryRemove(key, out _);
                        }
                    }
                }

                Volatile.Write(ref _sweepAt, Math.Max(1024, _keys.Count * 2));
            }
        }
    }

    /// <summary>One conversation's or service URL's call times inside the longest window, in order. Callers hold its lock.</summary>
    private sealed class CallTimes(long longestWindow)
    {
        private readonly List<long> _times = [];

        public bool Retired { get; set; }

        /// <summary>No call inside the longest window: nothing here limits a call any more.</summary>
        public bool IdleSince(long now) => _times.Count == 0 || _times[^1] <= now - longestWindow;

        /// <summary>The earliest time from <paramref name="from"/> at which one more call fits every limit.</summary>
        public long Earliest(long from, Limit[] limits)
        {
            var at = from;
            var moved = true;
            while (moved)
            {
                moved = false;
                foreach (var limit in limits)
                {
                    var fits = Fits(at, limit);
                    moved |= fits > at;
                    at = fits;
                }
            }

            return at;
        }

        public void Add(long at, long now)
        {
            // Calls that left the longest window limit nothing: forget them.
            var expired = After(now - longestWindow);
            _times.RemoveRange(0, expired);
            _times.Insert(After(at), at);
        }

        /// <summary>
        /// A call at <paramref name="at"/> breaks the limit when, with some <c>Calls</c> consecutive
        /// calls around it, it would make <c>Calls</c> + 1 inside one window. It then fits no earlier than a
        /// window after the first of them; moving later, it may meet other calls, so callers check again.
        /// </summary>
        private long Fits(long at, Limit limit)
        {
            var n = limit.Calls;
            if (_times.Count < n)
            {
                return at;
            }

            var position = After(at);
            var fits = at;
            for (var first = Math.Max(0, position - n); first <= Math.Min(position, _times.Count - n); first++)
            {
                var span = Math.Max(_times[first + n - 1], at) - Math.Min(_times[first], at);
                if (span < limit.Window)
                {
                    fits = Math.Max(fits, _times[first] + limit.Window);
                }
            }

            return fits;
        }

        /// <summary>How many calls are at or before <paramref name="at"/>: where a call at that time goes.</summary>
        private int After(long at)
        {
            int low = 0, high = _times.Count;
            while (low < high)
            {
                var middle = (low + high) / 2;
                if (_times[middle] <= at)
                {
                    low = middle + 1;
                }
                else
                {
                    high = middle;
                }
            }

            return low;
        }
    }
}
