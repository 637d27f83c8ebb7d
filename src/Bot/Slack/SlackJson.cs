using System.Text.Json;
using System.Text.Json.Serialization;

namespace ProductOps.Bot.Slack;

/// <summary>The one JSON rule for Slack's wire format: snake_case names, nulls left out.</summary>
public static class SlackJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };
}
