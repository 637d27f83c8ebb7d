using System.Text.Json;

namespace ProductOps.Bot.Slack.Rendering;

/// <summary>
/// What a ProductOps modal carries in <c>private_metadata</c> (up to 3,000 characters): the neutral
/// form id and its opaque state, and the channel and thread it was opened from so replies to the
/// submission land there.
/// </summary>
public sealed record ModalMetadata(string FormId, string? State, string? ChannelId, string? ThreadTs)
{
    /// <summary>The callback id of every ProductOps modal; other views are not ours.</summary>
    public const string CallbackId = "productops.form";

    public string Serialize() => JsonSerializer.Serialize(this, SlackJson.Options);

    public static ModalMetadata? Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<ModalMetadata>(text, SlackJson.Options) is { FormId.Length: > 0 } metadata ? metadata : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
