using Dapper;
using ProductOps.Skills.Conversation;

namespace ProductOps.Storage.Outbox;

/// <summary>Stores proactive messages; the key's unique index makes enqueueing idempotent, also across instances.</summary>
public sealed class SqlOutbox(Database database, TimeProvider clock) : IOutbox
{
    public async Task<bool> EnqueueAsync(OutboundMessage message, CancellationToken ct)
    {
        var now = OutboxFormat.Time(clock.GetUtcNow());
        var (kind, personId, channel, platform) = message.To switch
        {
            PersonRecipient p => (OutboxFormat.Person, (long?)p.PersonId, (string?)null, (string?)null),
            ChannelRecipient c => (OutboxFormat.Channel, null, c.Channel, c.Platform),
            _ => throw new ArgumentException($"Unknown recipient {message.To.GetType().Name}.", nameof(message)),
        };
        await using var connection = await database.OpenAsync(ct);
        var inserted = await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO outbox_messages (key, recipient_kind, person_id, channel, platform, payload, status, attempts, next_attempt_at, created_at)
            VALUES (@Key, @Kind, @PersonId, @Channel, @Platform, @Payload, 'pending', 0, @Now, @Now)
            ON CONFLICT (key) DO NOTHING;
            """,
            new { message.Key, Kind = kind, PersonId = personId, Channel = channel, Platform = platform, Payload = OutboxFormat.Payload(message.Reply), Now = now },
            cancellationToken: ct));
        return inserted == 1;
    }
}
