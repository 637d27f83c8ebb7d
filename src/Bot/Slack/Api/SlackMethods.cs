using System.Text.Json.Nodes;
using ProductOps.Bot.Slack.Rendering;

namespace ProductOps.Bot.Slack.Api;

/// <summary>The Web API methods ProductOps calls, with their arguments named; each is one <see cref="ISlackApi.CallAsync"/>.</summary>
public static class SlackMethods
{
    public static Task<SlackCall> PostMessageAsync(this ISlackApi api, string channel, SlackMessageBody message, string? threadTs, CancellationToken ct)
    {
        var args = message.ToJson();
        args["channel"] = channel;
        Thread(args, threadTs);
        return api.CallAsync("chat.postMessage", args, ct);
    }

    public static Task<SlackCall> PostEphemeralAsync(this ISlackApi api, string channel, string user, SlackMessageBody message, string? threadTs, CancellationToken ct)
    {
        var args = message.ToJson();
        args["channel"] = channel;
        args["user"] = user;
        Thread(args, threadTs);
        return api.CallAsync("chat.postEphemeral", args, ct);
    }

    public static Task<SlackCall> UpdateMessageAsync(this ISlackApi api, string channel, string ts, SlackMessageBody message, CancellationToken ct)
    {
        var args = message.ToJson();
        args["channel"] = channel;
        args["ts"] = ts;
        return api.CallAsync("chat.update", args, ct);
    }

    /// <summary>A link to a message; null when Slack will not give one.</summary>
    public static async Task<string?> PermalinkAsync(this ISlackApi api, string channel, string messageTs, CancellationToken ct)
    {
        var call = await api.CallAsync("chat.getPermalink", new JsonObject { ["channel"] = channel, ["message_ts"] = messageTs }, ct);
        return call.Ok ? call.Text("permalink") : null;
    }

    /// <summary>
    /// A thread's messages, the parent first; <paramref name="limit"/> 1 gives the parent alone. Slack
    /// keeps a deleted parent that has replies as a <c>tombstone</c> and answers <c>thread_not_found</c>
    /// when nothing is left.
    /// </summary>
    public static Task<SlackCall> RepliesAsync(this ISlackApi api, string channel, string threadTs, int limit, CancellationToken ct) =>
        api.CallAsync("conversations.replies", new JsonObject { ["channel"] = channel, ["ts"] = threadTs, ["limit"] = limit }, ct);

    public static Task<SlackCall> OpenViewAsync(this ISlackApi api, string triggerId, JsonObject view, CancellationToken ct) =>
        api.CallAsync("views.open", new JsonObject { ["trigger_id"] = triggerId, ["view"] = view }, ct);

    public static Task<SlackCall> UpdateViewAsync(this ISlackApi api, string viewId, JsonObject view, string? hash, CancellationToken ct)
    {
        var args = new JsonObject { ["view_id"] = viewId, ["view"] = view };
        if (hash is not null)
        {
            args["hash"] = hash;
        }

        return api.CallAsync("views.update", args, ct);
    }

    /// <summary>The bot's DM with a user (Slack returns the same one every time); its id is <c>channel.id</c>.</summary>
    public static Task<SlackCall> OpenDirectMessageAsync(this ISlackApi api, string userId, CancellationToken ct) =>
        api.CallAsync("conversations.open", new JsonObject { ["users"] = userId }, ct);

    public static Task<SlackCall> UserInfoAsync(this ISlackApi api, string userId, CancellationToken ct) =>
        api.CallAsync("users.info", new JsonObject { ["user"] = userId }, ct);

    public static Task<SlackCall> LookupByEmailAsync(this ISlackApi api, string email, CancellationToken ct) =>
        api.CallAsync("users.lookupByEmail", new JsonObject { ["email"] = email }, ct);

    public static Task<SlackCall> AuthTestAsync(this ISlackApi api, CancellationToken ct) =>
        api.CallAsync("auth.test", [], ct);

    private static void Thread(JsonObject args, string? threadTs)
    {
        if (threadTs is not null)
        {
            args["thread_ts"] = threadTs;
        }
    }
}
