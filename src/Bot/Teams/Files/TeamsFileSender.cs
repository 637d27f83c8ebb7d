using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using ProductOps.Bot.Outbox;
using ProductOps.Bot.Teams.Connector;
using ProductOps.Skills.Conversation;
using ProductOps.Storage.Teams;

namespace ProductOps.Bot.Teams.Files;

/// <summary>
/// Offers a file in the person's 1:1 chat with the bot: Teams lets a bot hand over a file only there,
/// and only once the person accepts a consent card (the file then goes into their OneDrive; see
/// <see cref="TeamsFileConsent"/>). The bytes are stored before the card goes out, so a restart
/// before the click loses nothing; a card that cannot be sent leaves nothing stored.
/// </summary>
public sealed class TeamsFileSender(
    SqlTeamsReferences references,
    TeamsDirectory directory,
    ConnectorClient connector,
    SqlPendingFiles pending,
    TeamsBlockedUsers blocked,
    IOptions<TeamsOptions> options,
    TimeProvider clock,
    ILogger<TeamsFileSender> log) : IPlatformFileSender
{
    public string Platform => Platforms.Teams;

    public bool IsConfigured => options.Value.HasCredentials;

    public async Task<FileSent> SendAsync(ChatIdentity person, FileForPerson file, CancellationToken ct)
    {
        var user = await references.FindUserAsync(person.Tenant, person.UserId, ct);
        if (user is null || user.BlockedAt is not null)
        {
            log.LogWarning("No file offered to Teams user {UserKey}: {Reason}", person.UserId, user is null ? "never seen" : "blocked the bot");
            return FileSent.Failed;
        }

        var (chat, failure) = await directory.PersonalChatAsync(user, ct);
        if (chat is null)
        {
            log.LogWarning("No file offered to Teams user {UserKey}: the 1:1 chat could not be opened ({Status})", person.UserId, (int)failure!.Status);
            if (failure.IsBlocked)
            {
                await blocked.MarkAsync(user, ct);
            }

            return FileSent.Failed;
        }

        var now = clock.GetUtcNow();
        var id = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        await pending.AddAsync(new PendingFile(id, person.Tenant, person.UserId, file.Name, file.Content, now, now + options.Value.FileOfferLifetime), ct);
        var card = new Activity
        {
            Type = "message",
            Summary = file.Title,
            Attachments = [FileCards.Consent(id, file.Name, file.Comment, file.Content.Length)],
        };
        var sent = await ConnectorRetry.RunAsync(() => connector.SendAsync(user.ServiceUrl, chat, card, ct), clock, ct);
        if (!sent.IsSuccess)
        {
            await pending.RemoveAsync(id, ct);
            log.LogWarning("File consent card to Teams user {UserKey} not sent: {Status}", person.UserId, (int)sent.Status);
            if (sent.IsBlocked)
            {
                await blocked.MarkAsync(user, ct);
            }

            return FileSent.Failed;
        }

        log.LogInformation("Offered {Bytes} bytes to Teams user {UserKey} as file {FileId}", file.Content.Length, person.UserId, id);
        return FileSent.Offered;
    }
}
