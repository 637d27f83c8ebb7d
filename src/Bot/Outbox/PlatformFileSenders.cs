using ProductOps.Skills.Conversation;

namespace ProductOps.Bot.Outbox;

/// <summary>One platform's way of handing a person a file.</summary>
public interface IPlatformFileSender
{
    string Platform { get; }

    bool IsConfigured { get; }

    Task<FileSent> SendAsync(ChatIdentity person, FileForPerson file, CancellationToken ct);
}

/// <summary>Sends a file on the platform the person is talking on, where that platform takes files from the bot.</summary>
public sealed class PlatformFileSenders(IEnumerable<IPlatformFileSender> senders) : IFileSender
{
    public bool CanSend(ChatUser person) => SenderFor(person) is not null;

    public Task<FileSent> SendAsync(ChatUser person, FileForPerson file, CancellationToken ct) =>
        SenderFor(person) is { } sender ? sender.SendAsync(person.Identity, file, ct) : Task.FromResult(FileSent.NotSupported);

    private IPlatformFileSender? SenderFor(ChatUser person) => senders.FirstOrDefault(s => s.Platform == person.Identity.Platform && s.IsConfigured);
}
