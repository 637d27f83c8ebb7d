using System.Text.Encodings.Web;
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

        // Slack's JSON is never embedded in HTML. The default encoder writes every &, <, > of
        // mrkdwn's entities and every non-ASCII letter as \uXXXX: a tenth of a help reply's turn.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };
}
