using ProductOps.Skills.Conversation;

namespace ProductOps.Skills.Tests.Feedback;

/// <summary>Dev chat threads whose first messages a test sets; an unknown thread is unreachable.</summary>
public sealed class FakeThreadReader : IThreadReader
{
    public Dictionary<string, ThreadRoot> Starts { get; } = [];

    public List<(Place Where, string ThreadId)> Reads { get; } = [];

    public string Platform => Platforms.DevChat;

    public Task<ThreadRoot> FirstMessageAsync(ChatIdentity asker, Place where, string threadId, CancellationToken ct)
    {
        Reads.Add((where, threadId));
        return Task.FromResult(Starts.GetValueOrDefault(threadId) ?? ThreadRoot.Unreachable("it was deleted"));
    }
}
