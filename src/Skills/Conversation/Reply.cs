using System.Text.Json.Serialization;

namespace ProductOps.Skills.Conversation;

/// <summary>Who sees a reply.</summary>
public enum Visibility
{
    /// <summary>Only the person who asked (Slack ephemeral; Teams and dev chat: the asker's view).</summary>
    Asker,

    /// <summary>Everyone in the channel the inbound came from.</summary>
    Channel,

    /// <summary>A direct message to the asker.</summary>
    DirectMessage,
}

/// <summary>
/// A neutral message: ordered blocks, who sees it, and a plain-text fallback for notifications and
/// clients that cannot show blocks. Each platform's renderer maps the blocks and enforces its limits.
/// </summary>
public sealed record Reply(IReadOnlyList<Block> Blocks, Visibility Visibility, string Fallback)
{
    /// <summary>
    /// This very reply is given to everyone who asks, for as long as the bot runs (the help
    /// overview), so a platform may render it once and keep the result.
    /// </summary>
    [JsonIgnore]
    public bool Lasting { get; init; }

    /// <summary>A reply of one markdown section, with its plain text as fallback.</summary>
    public static Reply Say(Markup text, Visibility visibility = Visibility.Asker) =>
        new ReplyBuilder().Section(text).Build(visibility);
}

[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(HeaderBlock), "header")]
[JsonDerivedType(typeof(SectionBlock), "section")]
[JsonDerivedType(typeof(ContextBlock), "context")]
[JsonDerivedType(typeof(DividerBlock), "divider")]
[JsonDerivedType(typeof(ButtonsBlock), "buttons")]
public abstract record Block
{
    /// <summary>The block as plain text, for the fallback; empty where the block shows no words.</summary>
    [JsonIgnore]
    public abstract string PlainText { get; }
}

public sealed record HeaderBlock(string Text) : Block
{
    [JsonIgnore]
    public override string PlainText => Text;
}

/// <summary>A markdown section, optionally with label/value fields shown as a grid.</summary>
public sealed record SectionBlock(Markup Text, IReadOnlyList<Field> Fields) : Block
{
    [JsonIgnore]
    public override string PlainText =>
        string.Join("\n", new[] { Text.ToPlainText() }.Concat(Fields.Select(f => $"{f.Label}: {f.Value.ToPlainText()}"))
            .Where(s => s.Length > 0));
}

public sealed record Field(string Label, Markup Value);

/// <summary>A small, muted line: sources, freshness, hints.</summary>
public sealed record ContextBlock(Markup Text) : Block
{
    [JsonIgnore]
    public override string PlainText => Text.ToPlainText();
}

public sealed record DividerBlock : Block
{
    [JsonIgnore]
    public override string PlainText => "";
}

public sealed record ButtonsBlock(IReadOnlyList<Button> Buttons) : Block
{
    [JsonIgnore]
    public override string PlainText => "";
}

public enum ButtonStyle
{
    Default,
    Primary,
    Danger,
}

/// <summary>A button; pressing it sends an <see cref="ActionInbound"/> with this action id and value.</summary>
public sealed record Button(string Label, string ActionId, string? Value = null, ButtonStyle Style = ButtonStyle.Default);
