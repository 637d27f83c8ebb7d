using Dapper;
using ProductOps.Skills.Conversation;

namespace ProductOps.Storage.Outbox;

/// <summary>Stores proactive messages; the key's unique index makes enqueueing idempotent, also across instances.</summary>
public sealed class SqlOutbox(Database database, TimeProvider clock) : IOutbox
{
    public async Task<bool> EnqueueAsync(OutboundMessage message, CancellationToken ct) =>
        await EnqueueAllAsync([message], ct) == 1;

    public async Task<int> EnqueueAllAsync(IReadOnlyList<OutboundMessage> messages, CancellationToken ct)
    {
        if (messages.Count == 0)
        {
            return 0;
        }

        var now = OutboxFormat.Time(clock.GetUtcNow());
        var rows = messages.Select(m => Row(m, now)).ToArray();
        await using var connection = await database.OpenAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        var inserted = await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO outbox_messages (key, recipient_kind, person_id, channel, platform, payload, status, attempts, next_attempt_at, created_at)
            VALUES (@Key, @Kind, @PersonId, @Channel, @Platform, @Payload, 'pending', 0, @Now, @Now)
            ON CONFLICT (key) DO NOTHING;
            """,
            rows,
            transaction,
            cancellationToken: ct));
        await transaction.CommitAsync(ct);
        return inserted;
    }

    private static object Row(OutboundMessage message, string now)
    {
        var (kind, personId, channel, platform) = message.To switch
        {
            PersonRecipient p => (OutboxFormat.Person, (long?)p.PersonId, (string?)null, (string?)null),
            ChannelRecipient c => (OutboxFormat.Channel, null, c.Channel, c.Platform),
            _ => throw new ArgumentException($"Unknown recipient {message.To.GetType().Name}.", nameof(message)),
        };
        return new { message.Key, Kind = kind, PersonId = personId, Channel = channel, Platform = platform, Payload = OutboxFormat.Payload(message.Reply), Now = now };
    }
}
