using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using ProductOps.Skills.Admin;
using ProductOps.Skills.Conversation;
using ProductOps.Storage.DevChat;

namespace ProductOps.Bot.DevChat;

public sealed record UserView(string Id, string Name, IReadOnlyList<string> Roles);

public sealed record MessageView(long Id, DateTimeOffset Time, string Text, IReadOnlyList<Block> Blocks, string Html);

public sealed record MessageRequest(string? User, string? Text, string? Channel);

public sealed record ActionRequest(string? User, string? ActionId, string? Value, string? MessageId);

public sealed record FormRequest(string? User, string? FormId, Dictionary<string, JsonElement>? Values, string? State);

/// <summary>
/// The JSON API the dev chat page talks to. Every request is checked in full before a turn runs:
/// a bad one is answered 400 with an error a person can act on, and nothing happens.
/// </summary>
public static class DevChatApi
{
    private const int MaxChannelName = 80;

    public static RouteGroupBuilder MapDevChatApi(this RouteGroupBuilder group)
    {
        var api = group.MapGroup("/devchat/api");
        api.MapGet("/users", ListUsersAsync);
        api.MapPost("/messages", PostMessageAsync);
        api.MapPost("/actions", PostActionAsync);
        api.MapPost("/forms", PostFormAsync);
        api.MapGet("/inbox", ReadInboxAsync);
        api.MapGet("/channel", ReadChannelAsync);
        return group;
    }

    private static async Task<IResult> ListUsersAsync([FromServices] IPeopleStore people, CancellationToken ct)
    {
        var users = (await people.ListAsync(ct))
            .Where(p => p.IdentityOn(Platforms.DevChat) is not null)
            .OrderBy(p => p.Name, StringComparer.OrdinalIgnoreCase)
            .Select(p => new UserView(p.IdentityOn(Platforms.DevChat)!.UserId, p.Name, p.Roles.Order().Select(RoleNames.Key).ToArray()))
            .ToArray();
        return DevChatJson.Ok(users);
    }

    private static async Task<IResult> PostMessageAsync(HttpRequest request, [FromServices] DevChatTurns turns, CancellationToken ct)
    {
        var (body, error) = await DevChatBody.ReadAsync<MessageRequest>(request, ct);
        if (error is not null)
        {
            return error;
        }

        var text = body!.Text?.Trim() ?? "";
        if (text.Length == 0)
        {
            return DevChatJson.BadRequest("The message has no text; send {\"user\": \"…\", \"text\": \"/productops help\"}.");
        }

        if (text == "/")
        {
            return DevChatJson.BadRequest("A slash needs a command after it, like /productops help.");
        }

        string? channel = null;
        if (body.Channel is not null && ChannelName(body.Channel, out channel) is { } channelError)
        {
            return channelError;
        }

        var (person, userError) = await FindUserAsync(turns, body.User, ct);
        if (userError is not null)
        {
            return userError;
        }

        return await turns.RunAsync(person!, channel, (from, where) => ToInbound(from, where, text), errorsKeepForm: false, ct);
    }

    private static async Task<IResult> PostActionAsync(HttpRequest request, [FromServices] DevChatTurns turns, CancellationToken ct)
    {
        var (body, error) = await DevChatBody.ReadAsync<ActionRequest>(request, ct);
        if (error is not null)
        {
            return error;
        }

        if (string.IsNullOrWhiteSpace(body!.ActionId))
        {
            return DevChatJson.BadRequest("The action has no actionId; send the data-action-id of the button that was pressed.");
        }

        var (person, userError) = await FindUserAsync(turns, body.User, ct);
        if (userError is not null)
        {
            return userError;
        }

        return await turns.RunAsync(person!, null, (from, where) => new ActionInbound(from, where, body.ActionId, body.Value, body.MessageId), errorsKeepForm: false, ct);
    }

    private static async Task<IResult> PostFormAsync(HttpRequest request, [FromServices] DevChatTurns turns, CancellationToken ct)
    {
        var (body, error) = await DevChatBody.ReadAsync<FormRequest>(request, ct);
        if (error is not null)
        {
            return error;
        }

        if (string.IsNullOrWhiteSpace(body!.FormId))
        {
            return DevChatJson.BadRequest("The submission has no formId; send the formId of the form that was opened.");
        }

        var values = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var (field, value) in body.Values ?? [])
        {
            if (FieldValues(value) is not { } list)
            {
                return DevChatJson.BadRequest(
                    $"The field \"{field}\" has a {value.ValueKind.ToString().ToLowerInvariant()}; each value must be a string, a list of strings, or true/false.");
            }

            values[field] = list;
        }

        var (person, userError) = await FindUserAsync(turns, body.User, ct);
        if (userError is not null)
        {
            return userError;
        }

        return await turns.RunAsync(person!, null, (from, where) => new FormSubmission(from, where, body.FormId, new FormValues(values), body.State), errorsKeepForm: true, ct);
    }

    private static async Task<IResult> ReadInboxAsync(
        [FromQuery] string? user, [FromQuery] long? after, [FromServices] DevChatTurns turns, [FromServices] SqlDevChatStore store, CancellationToken ct)
    {
        var (person, userError) = await FindUserAsync(turns, user, ct);
        if (userError is not null)
        {
            return userError;
        }

        var handle = person!.IdentityOn(Platforms.DevChat)!.UserId;
        return DevChatJson.Ok(Views(await store.ListAsync(DevChatConversation.Direct(handle), after ?? 0, ct)));
    }

    private static async Task<IResult> ReadChannelAsync([FromQuery] string? name, [FromQuery] long? after, [FromServices] SqlDevChatStore store, CancellationToken ct)
    {
        if (ChannelName(name, out var channel) is { } error)
        {
            return error;
        }

        return DevChatJson.Ok(Views(await store.ListAsync(DevChatConversation.Channel(channel!), after ?? 0, ct)));
    }

    /// <summary>"/okr status" is a command; anything else is a DM, or a mention when said in a channel.</summary>
    private static Inbound ToInbound(ChatUser from, Place where, string text)
    {
        if (text.StartsWith('/'))
        {
            var space = text.IndexOfAny([' ', '\t', '\n', '\r']);
            var command = space < 0 ? text[1..] : text[1..space];
            var rest = space < 0 ? "" : text[(space + 1)..].Trim();
            return new CommandInbound(from, where, command, rest);
        }

        return new MessageInbound(from, where, where.Kind == PlaceKind.Channel ? MessageKind.Mention : MessageKind.Direct, text);
    }

    private static async Task<(Person? Person, IResult? Error)> FindUserAsync(DevChatTurns turns, string? user, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(user))
        {
            return (null, DevChatJson.BadRequest("No user given; pick one of GET /devchat/api/users and send its id as \"user\"."));
        }

        var person = await turns.FindAsync(user.Trim(), ct);
        return person?.IdentityOn(Platforms.DevChat) is null
            ? (null, DevChatJson.BadRequest($"No dev chat user \"{user.Trim()}\"; GET /devchat/api/users lists them."))
            : (person, null);
    }

    private static IResult? ChannelName(string? name, out string? channel)
    {
        channel = name?.Trim().TrimStart('#').Trim();
        if (string.IsNullOrEmpty(channel))
        {
            return DevChatJson.BadRequest("No channel name given; send one like \"product-payments\".");
        }

        if (channel.Length > MaxChannelName || channel.Any(char.IsWhiteSpace))
        {
            return DevChatJson.BadRequest($"\"{channel}\" is not a channel name: use up to {MaxChannelName} characters without spaces.");
        }

        return null;
    }

    private static List<string>? FieldValues(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => [value.GetString()!],
        JsonValueKind.True => ["true"],
        JsonValueKind.False => ["false"],
        JsonValueKind.Null => [],
        JsonValueKind.Array when value.EnumerateArray().All(e => e.ValueKind == JsonValueKind.String) =>
            value.EnumerateArray().Select(e => e.GetString()!).ToList(),
        _ => null,
    };

    private static MessageView[] Views(IReadOnlyList<DevChatMessage> messages) =>
        messages.Select(m => new MessageView(m.Id, m.Time, m.Reply.Fallback, m.Reply.Blocks, HtmlRenderer.Render(m.Reply))).ToArray();
}
