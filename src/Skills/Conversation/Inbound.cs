namespace ProductOps.Skills.Conversation;

/// <summary>
/// Everything a skill can receive, whatever the platform. Adapters build these; the pipeline fills
/// <see cref="Person"/> (the person the chat identity maps to) before a handler sees it.
/// </summary>
public abstract record Inbound(ChatUser From, Place Where)
{
    public Person? Person { get; init; }
}

/// <summary>
/// A slash command or typed command: <c>/okr</c> + <c>status team=payments</c>. <paramref name="ThreadId"/>
/// is the thread a typed command was written in, when it was a reply in one.
/// </summary>
public sealed record CommandInbound(ChatUser From, Place Where, string Command, string Text, string? ThreadId = null) : Inbound(From, Where);

/// <summary>A button press. <paramref name="MessageId"/> is the message the button sat on, where the platform says.</summary>
public sealed record ActionInbound(ChatUser From, Place Where, string ActionId, string? Value, string? MessageId = null)
    : Inbound(From, Where);

/// <summary>A submitted form with its field values and the opaque state the form was opened with.</summary>
public sealed record FormSubmission(ChatUser From, Place Where, string FormId, FormValues Values, string? State)
    : Inbound(From, Where);

public enum MessageKind
{
    /// <summary>The bot was mentioned in a channel; the mention itself is already stripped from the text.</summary>
    Mention,

    /// <summary>A direct message to the bot.</summary>
    Direct,

    /// <summary>Someone shared another message with the bot through a shortcut or message action.</summary>
    Shared,
}

/// <summary>A message someone shared through "Send to product": its words, author and a link back to it.</summary>
public sealed record SharedMessage(string Text, string? AuthorName, string? AuthorId, string? Link);

/// <summary>
/// A mention, a DM, or a shared message. <paramref name="Shortcut"/> names the shortcut for shared
/// messages; <paramref name="ThreadId"/> is the thread a reply was written in (null outside threads).
/// </summary>
public sealed record MessageInbound(
    ChatUser From,
    Place Where,
    MessageKind Kind,
    string Text,
    SharedMessage? Shared = null,
    string? Shortcut = null,
    string? ThreadId = null) : Inbound(From, Where);
