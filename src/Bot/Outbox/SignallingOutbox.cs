using ProductOps.Skills.Conversation;

namespace ProductOps.Bot.Outbox;

/// <summary>The outbox skills use: stores the message, then wakes the dispatcher so it goes out at once.</summary>
public sealed class SignallingOutbox(IOutbox inner, OutboxSignal signal) : IOutbox
{
    public async Task<bool> EnqueueAsync(OutboundMessage message, CancellationToken ct)
    {
        var stored = await inner.EnqueueAsync(message, ct);
        if (stored)
        {
            signal.Notify();
        }

        return stored;
    }

    public async Task<int> EnqueueAllAsync(IReadOnlyList<OutboundMessage> messages, CancellationToken ct)
    {
        var stored = await inner.EnqueueAllAsync(messages, ct);
        if (stored > 0)
        {
            signal.Notify();
        }

        return stored;
    }
}
