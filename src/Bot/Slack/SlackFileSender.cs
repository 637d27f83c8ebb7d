using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using ProductOps.Bot.Outbox;
using ProductOps.Bot.Slack.Api;
using ProductOps.Skills.Conversation;

namespace ProductOps.Bot.Slack;

/// <summary>
/// Posts a file into the person's DM with the bot, in Slack's three steps: reserve an upload URL
/// (<c>files.getUploadURLExternal</c>), send the bytes there, then share the file with a comment
/// (<c>files.completeUploadExternal</c>). Any step failing is reported, never thrown.
/// </summary>
public sealed class SlackFileSender(ISlackApi api, SlackDirectMessages directMessages, IOptions<SlackOptions> options, ILogger<SlackFileSender> log) : IPlatformFileSender
{
    public string Platform => Platforms.Slack;

    public bool IsConfigured => options.Value.CanSend;

    public async Task<FileSent> SendAsync(ChatIdentity person, FileForPerson file, CancellationToken ct)
    {
        var (channel, failure) = await directMessages.OpenAsync(person.UserId, ct);
        if (channel is null)
        {
            return Failed("conversations.open", failure!);
        }

        var reserve = await api.CallAsync(
            "files.getUploadURLExternal", new JsonObject { ["filename"] = file.Name, ["length"] = file.Content.Length.ToString(System.Globalization.CultureInfo.InvariantCulture) }, ct);
        if (reserve.Text("upload_url") is not { } uploadUrl || reserve.Text("file_id") is not { } fileId)
        {
            return Failed("files.getUploadURLExternal", reserve);
        }

        var upload = await api.UploadAsync(uploadUrl, file.Content, ct);
        if (!upload.Ok)
        {
            return Failed("the file upload", upload);
        }

        var complete = await api.CallAsync(
            "files.completeUploadExternal",
            new JsonObject
            {
                ["files"] = new JsonArray(new JsonObject { ["id"] = fileId, ["title"] = file.Title }),
                ["channel_id"] = channel,
                ["initial_comment"] = file.Comment,
            },
            ct);
        return complete.Ok ? FileSent.Sent : Failed("files.completeUploadExternal", complete);
    }

    private FileSent Failed(string step, SlackCall call)
    {
        log.LogWarning("Slack file upload failed at {Step}: {Error}", step, call.Error);
        return FileSent.Failed;
    }
}
