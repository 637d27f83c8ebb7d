namespace ProductOps.Bot.Slack.Rendering;

/// <summary>
/// Every Block Kit and message limit the renderer enforces, in one place (docs.slack.dev Block Kit
/// reference). Content over a limit is split or cut with <see cref="Marker"/>, never sent for Slack
/// to refuse.
/// </summary>
public static class SlackLimits
{
    /// <summary>Shows a reader that text was cut.</summary>
    public const string Marker = "…";

    public const int BlocksPerMessage = 50;
    public const int BlocksPerModal = 100;

    /// <summary>
    /// Slack answers <c>msg_blocks_too_long</c> well below the per-block limits once a message's blocks
    /// hold about 13,000 characters in all (undocumented); messages are split before that.
    /// </summary>
    public const int TextPerMessage = 12_000;

    /// <summary>The notification text of a message with blocks; Slack cuts at 40,000 but old clients choke far earlier.</summary>
    public const int FallbackText = 4_000;

    public const int SectionText = 3_000;
    public const int SectionFields = 10;
    public const int FieldText = 2_000;
    public const int HeaderText = 150;
    public const int ContextText = 3_000;
    public const int ButtonsPerActions = 25;
    public const int ButtonText = 75;
    public const int ButtonValue = 2_000;
    public const int ActionId = 255;
    public const int BlockId = 255;
    public const int Options = 100;
    public const int OptionText = 75;
    public const int OptionValue = 150;
    public const int Placeholder = 150;
    public const int InputLabel = 2_000;
    public const int InputHint = 2_000;
    public const int TextInputLength = 3_000;
    public const int ModalTitle = 24;
    public const int ModalButton = 24;
    public const int PrivateMetadata = 3_000;
    public const int ErrorText = 2_000;

    /// <summary>The text cut to <paramref name="limit"/> characters, the last of them the marker.</summary>
    public static string Cut(string text, int limit)
    {
        if (text.Length <= limit)
        {
            return text;
        }

        var keep = limit - Marker.Length;
        // Never leave half a surrogate pair.
        if (keep > 0 && char.IsHighSurrogate(text[keep - 1]))
        {
            keep--;
        }

        return text[..keep] + Marker;
    }
}
