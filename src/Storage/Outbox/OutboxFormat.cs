using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using ProductOps.Skills.Conversation;

namespace ProductOps.Storage.Outbox;

/// <summary>How outbox rows hold replies, recipients and times; shared by the outbox's two faces.</summary>
internal static class OutboxFormat
{
    public const string Person = "person";
    public const string Channel = "channel";

    // Enums as names, so a stored payload survives reordering an enum.
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };

    /// <summary>Fixed-width UTC text: compares correctly as a string, in SQL as in C#.</summary>
    public static string Time(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    public static DateTimeOffset ParseTime(string value) =>
        DateTimeOffset.ParseExact(value, "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);

    public static string Payload(Reply reply) => JsonSerializer.Serialize(reply, Json);

    public static Reply ReadPayload(string payload) =>
        JsonSerializer.Deserialize<Reply>(payload, Json) ?? throw new JsonException("The stored payload is null.");

    public static Recipient Recipient(string kind, long? personId, string? channel, string? platform) => kind switch
    {
        Person => new PersonRecipient(personId ?? throw new InvalidOperationException("A person message without a person id.")),
        _ => new ChannelRecipient(channel ?? throw new InvalidOperationException("A channel message without a channel."), platform),
    };
}
