using System.Threading.RateLimiting;

namespace ProductOps.Bot.Teams.Connector;

/// <summary>
/// Keeps calls to the Bot Connector under Teams' limits: per bot and conversation 7 a second, 8 in
/// 2 s, 60 in 30 s and 1,800 an hour; per app and tenant 50 a second. Calls do not know their
/// tenant, so the service URL stands for it: tenants that share a regional service URL share its
/// 50, which errs on the safe side. A call over a limit waits; none is ever sent unpaced.
/// </summary>
public sealed class ConnectorPacing : IDisposable
{
    public static readonly IReadOnlyList<(int Calls, TimeSpan Window)> PerConversation =
    [
        (7, TimeSpan.FromSeconds(1)),
        (8, TimeSpan.FromSeconds(2)),
        (60, TimeSpan.FromSeconds(30)),
        (1800, TimeSpan.FromHours(1)),
    ];

    public const int PerTenantEachSecond = 50;

    // Waiting calls per conversation and per service URL; past it a call waits for room to queue.
    private const int QueueLimit = 1000;

    private static readonly TimeSpan FullQueuePause = TimeSpan.FromMilliseconds(100);

    private readonly PartitionedRateLimiter<(string Conversation, string ServiceUrl)> _limits;

    public ConnectorPacing()
        : this(PerConversation, PerTenantEachSecond)
    {
    }

    public ConnectorPacing(IReadOnlyList<(int Calls, TimeSpan Window)> perConversation, int perTenantEachSecond)
    {
        var limiters = perConversation
            .Select(limit => Window(key => key.Conversation, limit.Calls, limit.Window))
            .Append(Window(key => key.ServiceUrl, perTenantEachSecond, TimeSpan.FromSeconds(1)))
            .ToArray();
        _limits = PartitionedRateLimiter.CreateChained(limiters);
    }

    /// <summary>Waits until a call to the conversation fits every limit; dispose the lease once the call is made.</summary>
    public async ValueTask<RateLimitLease> WaitAsync(string serviceUrl, string conversationId, CancellationToken ct)
    {
        var key = (conversationId, TrustedServiceUrls.Normalize(serviceUrl));
        while (true)
        {
            var lease = await _limits.AcquireAsync(key, 1, ct);
            if (lease.IsAcquired)
            {
                return lease;
            }

            lease.Dispose();
            await Task.Delay(FullQueuePause, ct);
        }
    }

    public void Dispose() => _limits.Dispose();

    private static PartitionedRateLimiter<(string Conversation, string ServiceUrl)> Window(
        Func<(string Conversation, string ServiceUrl), string> partition, int calls, TimeSpan window) =>
        PartitionedRateLimiter.Create<(string Conversation, string ServiceUrl), string>(key => RateLimitPartition.GetSlidingWindowLimiter(
            partition(key),
            _ => new SlidingWindowRateLimiterOptions
            {
                PermitLimit = calls,
                Window = window,

                // Steps of at most a second (a tenth of the window below 10 s), so the window slides rather than resets.
                SegmentsPerWindow = (int)Math.Clamp(window.TotalSeconds, 2, 60),
                QueueLimit = QueueLimit,
                QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
                AutoReplenishment = true,
            }));
}
