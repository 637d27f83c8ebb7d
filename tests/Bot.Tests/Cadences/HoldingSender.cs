using System.Collections.Concurrent;
using ProductOps.Bot.Outbox;

namespace ProductOps.Bot.Tests.Cadences;

/// <summary>
/// Delivers through the real sender and counts deliveries per outbox key, in a tally shared by every
/// host of a test. After <paramref name="allowed"/> sends it holds each further one until the host
/// stops, as a platform that stops answering would, so a host can be stopped mid-delivery.
/// </summary>
public sealed class HoldingSender(IMessageSender inner, ConcurrentDictionary<string, int> delivered, int allowed) : IMessageSender
{
    private int _started;

    public string Platform => inner.Platform;

    public bool IsConfigured => inner.IsConfigured;

    /// <summary>Completes when a send is being held.</summary>
    public TaskCompletionSource Holding { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public async Task<SendResult> SendAsync(Delivery delivery, CancellationToken ct)
    {
        if (Interlocked.Increment(ref _started) > allowed)
        {
            Holding.TrySetResult();
            await Task.Delay(Timeout.Infinite, ct);
        }

        var result = await inner.SendAsync(delivery, ct);
        if (result.Outcome == SendOutcome.Sent)
        {
            delivered.AddOrUpdate(delivery.Key, 1, (_, n) => n + 1);
        }

        return result;
    }
}
