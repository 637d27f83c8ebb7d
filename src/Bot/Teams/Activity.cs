using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace ProductOps.Bot.Teams;

/// <summary>
/// A Bot Framework activity as Teams sends it and as the bot posts it (the fields ProductOps uses;
/// others are ignored on read and left out on write).
/// </summary>
public sealed record Activity
{
    public string? Type { get; init; }

    public string? Id { get; init; }

    /// <summary>The invoke or event name, e.g. <c>task/fetch</c>.</summary>
    public string? Name { get; init; }

    public string? ChannelId { get; init; }

    /// <summary>Where replies go; must equal the token's <c>serviceurl</c> claim.</summary>
    public string? ServiceUrl { get; init; }

    public ChannelAccount? From { get; init; }

    public ChannelAccount? Recipient { get; init; }

    public ConversationAccount? Conversation { get; init; }

    public string? Text { get; init; }

    public string? TextFormat { get; init; }

    /// <summary>Shown in notifications and the chat list where a card has no text.</summary>
    public string? Summary { get; init; }

    /// <summary>Card submit data, or the invoke payload.</summary>
    public JsonElement? Value { get; init; }

    public IReadOnlyList<Entity>? Entities { get; init; }

    public TeamsChannelData? ChannelData { get; init; }

    public IReadOnlyList<ChannelAccount>? MembersAdded { get; init; }

    public IReadOnlyList<ChannelAccount>? MembersRemoved { get; init; }

    /// <summary><c>add</c> or <c>remove</c> (maybe with <c>-upgrade</c>) on installationUpdate.</summary>
    public string? Action { get; init; }

    public string? ReplyToId { get; init; }

    public IReadOnlyList<Attachment>? Attachments { get; init; }

    public string? Locale { get; init; }

    public string? LocalTimezone { get; init; }
}

public sealed record ChannelAccount(string? Id, string? Name = null)
{
    // Read by setting properties: System.Text.Json reads a record through its constructor's
    // parameters about a third slower, and every stored activity is read back before its turn.
    [JsonConstructor]
    public ChannelAccount()
        : this((string?)null)
    {
    }

    public string? AadObjectId { get; init; }
}

public sealed record ConversationAccount(string? Id)
{
    // Read by setting properties, as ChannelAccount is.
    [JsonConstructor]
    public ConversationAccount()
        : this((string?)null)
    {
    }

    /// <summary><c>personal</c>, <c>groupChat</c> or <c>channel</c>.</summary>
    public string? ConversationType { get; init; }

    public bool? IsGroup { get; init; }

    public string? TenantId { get; init; }

    public string? Name { get; init; }
}

/// <summary>A mention (<c>mentioned</c> + <c>text</c>) or client information (locale, time zone).</summary>
public sealed record Entity(string? Type)
{
    // Read by setting properties, as ChannelAccount is.
    [JsonConstructor]
    public Entity()
        : this((string?)null)
    {
    }

    public ChannelAccount? Mentioned { get; init; }

    public string? Text { get; init; }

    public string? Timezone { get; init; }

    public string? Locale { get; init; }
}

public sealed record Attachment(string? ContentType, JsonNode? Content = null)
{
    // Read by setting properties, as ChannelAccount is.
    [JsonConstructor]
    public Attachment()
        : this((string?)null)
    {
    }

    public string? ContentUrl { get; init; }

    public string? Name { get; init; }
}

public sealed record TeamsChannelData
{
    public IdAndName? Tenant { get; init; }

    public TeamInfo? Team { get; init; }

    public IdAndName? Channel { get; init; }

    /// <summary>What happened on conversationUpdate: <c>teamMemberAdded</c>, <c>channelCreated</c>, …</summary>
    public string? EventType { get; init; }

    public IdAndName? Source { get; init; }

    public LegacyData? Legacy { get; init; }
}

public sealed record IdAndName(string? Id = null, string? Name = null)
{
    // Read by setting properties, as ChannelAccount is.
    [JsonConstructor]
    public IdAndName()
        : this((string?)null)
    {
    }
}

/// <summary>
/// A team: Teams' own id (<c>19:…@thread.tacv2</c>) and its Microsoft 365 group id, which Microsoft
/// Graph names teams by (on some activities, and always from the team details API).
/// </summary>
public sealed record TeamInfo(string? Id = null, string? Name = null)
{
    // Read by setting properties, as ChannelAccount is.
    [JsonConstructor]
    public TeamInfo()
        : this((string?)null)
    {
    }

    public string? AadGroupId { get; init; }
}

public sealed record LegacyData(string? ReplyToId)
{
    // Read by setting properties, as ChannelAccount is.
    [JsonConstructor]
    public LegacyData()
        : this((string?)null)
    {
    }
}

/// <summary>Body of <c>POST /v3/conversations</c>.</summary>
public sealed record ConversationParameters(ChannelAccount Bot, IReadOnlyList<ChannelAccount> Members, TeamsChannelData ChannelData)
{
    public bool IsGroup { get; init; }

    public string? TenantId { get; init; }
}

/// <summary>Answer of the send, reply, update and create-conversation operations.</summary>
public sealed record ResourceResponse(string? Id)
{
    // Read by setting properties, as ChannelAccount is.
    [JsonConstructor]
    public ResourceResponse()
        : this((string?)null)
    {
    }

    public string? ActivityId { get; init; }
}

/// <summary>A member as the conversation member API tells it, with the e-mail the activity lacks.</summary>
public sealed record TeamsMember(string? Id, string? Name)
{
    // Read by setting properties, as ChannelAccount is.
    [JsonConstructor]
    public TeamsMember()
        : this(null, null)
    {
    }

    public string? AadObjectId { get; init; }

    public string? Email { get; init; }

    public string? UserPrincipalName { get; init; }
}

/// <summary>The Bot Framework's JSON: camelCase, nulls left out, names read case-insensitively.</summary>
public static class TeamsJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,

        // JSON to the Bot Connector is never embedded in HTML; unescaped text keeps cards small.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };
}
