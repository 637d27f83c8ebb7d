using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Dapper;
using ProductOps.Skills.Conversation;

namespace ProductOps.Storage.DevChat;

/// <summary>A dev chat conversation: a person's DM by handle, or a channel by name.</summary>
public sealed record DevChatConversation(DevChatConversationKind Kind, string Name)
{
    public static DevChatConversation Direct(string handle) => new(DevChatConversationKind.Direct, Normalize(handle));

    public static DevChatConversation Channel(string name) => new(DevChatConversationKind.Channel, Normalize(name));

    // Handles and channel names are typed by hand in the page; "#Payments" and "payments" are one channel.
    private static string Normalize(string name) => name.Trim().TrimStart('#', '@').ToLowerInvariant();
}

public enum DevChatConversationKind
{
    Direct,
    Channel,
}

/// <summary>One stored dev chat message.</summary>
public sealed record DevChatMessage(long Id, DateTimeOffset Time, Reply Reply);

/// <summary>
/// The messages the dev chat delivered, per conversation. The dev chat is a local test platform,
/// so this store lives in the Bot's storage and no skill depends on it.
/// </summary>
public sealed class SqlDevChatStore(Database database, TimeProvider clock)
{
    /// <summary>Most messages one read returns; the page only shows recent history.</summary>
    public const int MaxRead = 200;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    /// <summary>Stores the reply under its key; returns false (and stores nothing) when the key was stored before.</summary>
    public async Task<bool> AddAsync(string key, DevChatConversation to, Reply reply, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        var id = await connection.ExecuteScalarAsync<long?>(new CommandDefinition(
            """
            INSERT INTO devchat_messages (key, conversation_kind, conversation, reply_json, created_at)
            VALUES (@Key, @Kind, @Conversation, @ReplyJson, @CreatedAt)
            ON CONFLICT (key) DO NOTHING
            RETURNING id;
            """,
            new
            {
                Key = key,
                Kind = KindName(to.Kind),
                Conversation = to.Name,
                ReplyJson = JsonSerializer.Serialize(reply, Json),
                CreatedAt = clock.GetUtcNow().ToString("O", CultureInfo.InvariantCulture),
            },
            cancellationToken: ct));
        return id is not null;
    }

    /// <summary>The conversation's messages after <paramref name="afterId"/>, oldest first, at most <see cref="MaxRead"/> (the newest ones).</summary>
    public async Task<IReadOnlyList<DevChatMessage>> ListAsync(DevChatConversation conversation, long afterId, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        var rows = await connection.QueryAsync<Row>(new CommandDefinition(
            """
            SELECT id AS Id, reply_json AS ReplyJson, created_at AS CreatedAt FROM (
                SELECT id, reply_json, created_at FROM devchat_messages
                WHERE conversation_kind = @Kind AND conversation = @Conversation AND id > @AfterId
                ORDER BY id DESC LIMIT @Limit)
            ORDER BY id;
            """,
            new { Kind = KindName(conversation.Kind), Conversation = conversation.Name, AfterId = afterId, Limit = MaxRead },
            cancellationToken: ct));
        return rows.Select(r => new DevChatMessage(
                r.Id,
                DateTimeOffset.Parse(r.CreatedAt, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind),
                JsonSerializer.Deserialize<Reply>(r.ReplyJson, Json)
                ?? throw new StorageException($"Dev chat message {r.Id} has no reply stored; delete the row or the database file.")))
            .ToArray();
    }

    private static string KindName(DevChatConversationKind kind) => kind == DevChatConversationKind.Direct ? "dm" : "channel";

    private sealed record Row(long Id, string ReplyJson, string CreatedAt);
}
