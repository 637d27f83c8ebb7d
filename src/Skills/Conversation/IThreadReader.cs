namespace ProductOps.Skills.Conversation;

/// <summary>The first message of a thread, or why the platform would not give it (deleted, no access, an error).</summary>
public sealed record ThreadRoot(SharedMessage? Message, string? Problem)
{
    public static ThreadRoot Found(SharedMessage message) => new(message, null);

    public static ThreadRoot Unreachable(string problem) => new(null, problem);
}

/// <summary>
/// Reads the first message of a thread, on a platform that lets a bot do so (Slack through its Web
/// API, Teams through Microsoft Graph). A platform without one simply registers none.
/// </summary>
public interface IThreadReader
{
    /// <summary>The platform whose threads this reads, one of <see cref="Platforms"/>.</summary>
    string Platform { get; }

    /// <summary>The first message of <paramref name="threadId"/> in <paramref name="where"/>, read for <paramref name="asker"/> (whose workspace or tenant it is).</summary>
    Task<ThreadRoot> FirstMessageAsync(ChatIdentity asker, Place where, string threadId, CancellationToken ct);
}
