using System.Text.Json;
using ProductOps.Bot.Slack.Api;
using ProductOps.Bot.Slack.Rendering;
using ProductOps.Bot.Slack.Requests;
using ProductOps.Skills.Conversation;

namespace ProductOps.Bot.Slack;

/// <summary>
/// A thread's first message from <c>conversations.replies</c> (the parent comes first, so one message
/// is enough), its author's name from <c>users.info</c> and its link from <c>chat.getPermalink</c>.
/// Reading needs the history scope of the conversation's kind (<c>channels:history</c>,
/// <c>groups:history</c>, <c>im:history</c>) and, in private channels, the bot as a member.
/// </summary>
public sealed class SlackThreadReader(ISlackApi api, SlackUsers users, ILogger<SlackThreadReader> log) : IThreadReader
{
    public string Platform => Platforms.Slack;

    public async Task<ThreadRoot> FirstMessageAsync(ChatIdentity asker, Place where, string threadId, CancellationToken ct)
    {
        var call = await api.RepliesAsync(where.Id, threadId, 1, ct);
        if (!call.Ok)
        {
            log.LogInformation("conversations.replies for {Channel} {Thread} answered {Error}", where.Id, threadId, call.Error);
            return ThreadRoot.Unreachable(Problem(call.Error));
        }

        var first = call.Body.TryGetProperty("messages", out var messages) && messages.ValueKind == JsonValueKind.Array && messages.GetArrayLength() > 0
            ? messages[0].Deserialize<SlackMessage>(SlackJson.Options)
            : null;
        if (first is null || first.Ts != threadId)
        {
            return ThreadRoot.Unreachable("Slack did not return it");
        }

        if (first.Subtype == "tombstone")
        {
            return ThreadRoot.Unreachable("it was deleted");
        }

        var author = first.User is { } user
            ? (await users.DescribeAsync(new ChatUser(asker with { UserId = user }, user), ct)).DisplayName
            : null;
        var link = await api.PermalinkAsync(where.Id, first.Ts, ct);
        return ThreadRoot.Found(new SharedMessage(SlackText.Readable(first.Text), author, first.User, link));
    }

    private static string Problem(string? error) => error switch
    {
        "thread_not_found" or "message_not_found" => "it was deleted",
        "not_in_channel" or "channel_not_found" => "ProductOps is not in this channel; invite it with /invite @ProductOps",
        "missing_scope" => "ProductOps may not read this channel's history; an admin can add the history scopes from the app manifest",
        _ => $"Slack answered {error}",
    };
}
