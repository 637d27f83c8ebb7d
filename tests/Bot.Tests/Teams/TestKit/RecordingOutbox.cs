using ProductOps.Skills.Conversation;

namespace ProductOps.Bot.Tests.Teams.TestKit;

/// <summary>An outbox that keeps what is queued, once per key as the real one does.</summary>
public sealed class RecordingOutbox : IOutbox
{
    public List<OutboundMessage> Messages { get; } = [];

    public Task<bool> EnqueueAsync(OutboundMessage message, CancellationToken ct)
    {
        lock (Messages)
        {
            if (Messages.Any(m => m.Key == message.Key))
            {
                return Task.FromResult(false);
            }

            Messages.Add(message);
            return Task.FromResult(true);
        }
    }
}
