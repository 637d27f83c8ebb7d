namespace ProductOps.Skills.Conversation;

/// <summary>A file for one person: its name, its bytes, and a line that goes with it.</summary>
public sealed record FileForPerson(string Name, string Title, byte[] Content, string Comment);

public enum FileSent
{
    Sent,

    /// <summary>The platform asks the person to accept the file first (Teams' file consent); it arrives when they do.</summary>
    Offered,

    /// <summary>The person's platform takes no files from the bot (or is not connected); offer a link instead.</summary>
    NotSupported,

    /// <summary>The platform refused or failed the upload; offer a link instead.</summary>
    Failed,
}

/// <summary>
/// Sends a file privately (a direct message) to the person who asked, where their platform takes
/// files from the bot. Exports use it and fall back to a download link.
/// </summary>
public interface IFileSender
{
    /// <summary>Whether the person's platform takes files from the bot, so a caller builds a file only when it can go.</summary>
    bool CanSend(ChatUser person);

    Task<FileSent> SendAsync(ChatUser person, FileForPerson file, CancellationToken ct);
}
