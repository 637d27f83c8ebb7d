using ProductOps.Skills.Conversation;
using ProductOps.Storage.Teams;

namespace ProductOps.Bot.Teams.Files;

/// <summary>
/// <c>fileConsent/invoke</c>: the person accepted or declined a file offered by
/// <see cref="TeamsFileSender"/>. Teams wants only an empty 200 for it, so the endpoint answers at
/// once and this runs from the backlog: on accept the bytes go to the upload session and a card
/// showing the saved file follows; on decline the file is forgotten. Either way the chat says what
/// happened, also when the offer is unknown (answered before, or not this person's) or expired.
/// </summary>
public sealed class TeamsFileConsent(SqlPendingFiles pending, FileUpload upload, TeamsReplies replies, TimeProvider clock, ILogger<TeamsFileConsent> log)
{
    public const string Invoke = "fileConsent/invoke";

    public async Task HandleAsync(Activity activity, CancellationToken ct)
    {
        var answer = FileCards.Read(activity.Value);
        var file = answer?.FileId is { } id ? await pending.FindAsync(id, ct) : null;
        var asker = TeamsInbound.Identity(activity);
        if (answer is null || file is null || file.TenantId != asker.Tenant || file.UserKey != asker.UserId)
        {
            log.LogInformation("File consent {Action} from Teams user {UserKey} names no waiting file", answer?.Action, asker.UserId);
            await SayAsync(activity, Markup.Text("That file is no longer waiting for you: it was saved, declined or has expired. Ask for it again if you need it."), ct);
            return;
        }

        if (file.ExpiresAt <= clock.GetUtcNow())
        {
            await pending.RemoveAsync(file.Id, ct);
            await SayAsync(activity, Markup.Of($"The offer of {Md.Bold(file.FileName)} has expired. Ask for the file again."), ct);
            return;
        }

        if (answer.Declined)
        {
            await pending.RemoveAsync(file.Id, ct);
            await SayAsync(activity, Markup.Of($"You declined {Md.Bold(file.FileName)}, so it was not saved. Ask for it again whenever you need it."), ct);
            return;
        }

        if (!answer.Accepted)
        {
            log.LogWarning("File consent for {FileId} came with the unknown action {Action}; the offer stays", file.Id, answer.Action);
            return;
        }

        if (answer.UploadInfo is not { UploadUrl: { } uploadUrl } info || !await upload.PutAsync(uploadUrl, file.Content, ct))
        {
            // The session belongs to this one click; a fresh offer opens a fresh one.
            await pending.RemoveAsync(file.Id, ct);
            await SayAsync(activity, Markup.Of($"I could not save {Md.Bold(file.FileName)} to your OneDrive. Ask for the file again to get a new offer."), ct);
            return;
        }

        await replies.PostAsync(activity, new Activity { Type = "message", Summary = file.FileName, Attachments = [FileCards.Info(info)] }, ct);
        await pending.RemoveAsync(file.Id, ct);
        log.LogInformation("File {FileId} saved to the OneDrive of Teams user {UserKey}", file.Id, asker.UserId);
    }

    private Task SayAsync(Activity origin, Markup text, CancellationToken ct) => replies.PostAsync(origin, TeamsReplies.Message(Reply.Say(text)), ct);
}
