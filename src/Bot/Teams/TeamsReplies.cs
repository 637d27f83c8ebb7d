using ProductOps.Bot.Teams.Connector;
using ProductOps.Skills.Conversation;
using ProductOps.Storage.Teams;

namespace ProductOps.Bot.Teams;

/// <summary>
/// Posts a turn's answer through the Bot Connector: replies where the turn happened (Teams has no
/// messages only one person sees, so "to the asker" is the same conversation), direct messages in
/// the person's 1:1 chat, and a form as a card whose button opens it as a dialog. Throttling and
/// gateway errors are retried, honouring Retry-After; a person who blocked the bot is marked
/// unreachable, as the outbox does.
/// </summary>
public sealed class TeamsReplies(
    ConnectorClient connector,
    CardData cards,
    TeamsDirectory directory,
    SqlTeamsReferences references,
    TeamsBlockedUsers blocked,
    TimeProvider clock,
    ILogger<TeamsReplies> log)
{
    /// <summary>A reply as a message with one Adaptive Card; the fallback is the notification text.</summary>
    public static Activity Message(Reply reply) => new()
    {
        Type = "message",
        Summary = reply.Fallback.Length > 200 ? reply.Fallback[..199] + "…" : reply.Fallback,
        Attachments = [AdaptiveCardRenderer.Attachment(AdaptiveCardRenderer.Render(reply))],
    };

    /// <summary>A form in a chat: a card with a button that opens the form as a dialog.</summary>
    public Activity FormLauncher(Form form) => new()
    {
        Type = "message",
        Summary = form.Title,
        Attachments = [AdaptiveCardRenderer.Attachment(AdaptiveCardRenderer.RenderFormLauncher(form, cards.OpenForm(form)))],
    };

    public async Task DeliverAsync(Activity origin, Response response, CancellationToken ct)
    {
        foreach (var reply in response.Replies)
        {
            await DeliverAsync(origin, reply, ct);
        }

        if (response.Form is { } form)
        {
            await PostAsync(origin, FormLauncher(form), ct);
        }
    }

    /// <summary>
    /// A button pressed on a client without Universal Actions (Action.Submit arrives as a message):
    /// the first reply replaces the card the button sat on, as Action.Execute does; the rest are posted.
    /// </summary>
    public async Task DeliverReplacingAsync(Activity origin, string cardId, Response response, CancellationToken ct)
    {
        var shown = response.Replies.FirstOrDefault(r => r.Visibility != Visibility.DirectMessage);
        if (shown is null || origin.ServiceUrl is not { } serviceUrl || origin.Conversation?.Id is not { } conversation)
        {
            await DeliverAsync(origin, response, ct);
            return;
        }

        var card = Message(shown) with { Id = cardId, Conversation = origin.Conversation, From = origin.Recipient, Recipient = origin.From };
        var result = await RetryAsync(() => connector.UpdateAsync(serviceUrl, conversation, cardId, card, ct), ct);
        if (!result.IsSuccess)
        {
            // The card may be gone or too old to edit; the answer still arrives.
            await PostAsync(origin, Message(shown), ct);
        }

        await DeliverAsync(origin, response with { Replies = response.Replies.Where(r => !ReferenceEquals(r, shown)).ToArray() }, ct);
    }

    public async Task DeliverAsync(Activity origin, Reply reply, CancellationToken ct)
    {
        if (reply.Visibility == Visibility.DirectMessage && !TeamsInbound.IsPersonal(origin))
        {
            await DirectAsync(origin, Message(reply), ct);
            return;
        }

        await PostAsync(origin, Message(reply), ct);
    }

    /// <summary>Posts into the activity's conversation; a reply to a typed message threads under it in channels.</summary>
    public async Task PostAsync(Activity origin, Activity message, CancellationToken ct)
    {
        if (origin.ServiceUrl is not { } serviceUrl || origin.Conversation?.Id is not { } conversation)
        {
            log.LogWarning("Teams activity {ActivityId} has no service URL or conversation; its answer is dropped", origin.Id);
            return;
        }

        message = message with { Conversation = origin.Conversation, From = origin.Recipient, Recipient = origin.From };
        var result = origin is { Type: "message", Id: { } replyTo }
            ? await RetryAsync(() => connector.ReplyAsync(serviceUrl, conversation, replyTo, message with { ReplyToId = replyTo }, ct), ct)
            : await RetryAsync(() => connector.SendAsync(serviceUrl, conversation, message, ct), ct);
        if (!result.IsSuccess)
        {
            log.LogWarning("Answer to Teams activity {ActivityId} in {ConversationId} not delivered: {Status}", origin.Id, conversation, (int)result.Status);

            // Only in a 1:1 chat is a refusal the person's block; elsewhere it is about the bot's place in the chat.
            if (result.IsBlocked && TeamsInbound.IsPersonal(origin)
                && TeamsInbound.Identity(origin) is var identity && await references.FindUserAsync(identity.Tenant, identity.UserId, ct) is { } user)
            {
                await blocked.MarkAsync(user, ct);
            }
        }
    }

    private async Task DirectAsync(Activity origin, Activity message, CancellationToken ct)
    {
        var identity = TeamsInbound.Identity(origin);
        var user = await references.FindUserAsync(identity.Tenant, identity.UserId, ct);
        var (chat, failure) = user is null ? (null, null) : await directory.PersonalChatAsync(user, ct);
        if (chat is null || user is null)
        {
            if (user is not null && failure?.IsBlocked == true)
            {
                await blocked.MarkAsync(user, ct);
            }

            log.LogWarning("No 1:1 chat with Teams user {UserId} ({Status}); the direct message goes to the conversation instead",
                identity.UserId, failure is null ? 0 : (int)failure.Status);
            await PostAsync(origin, message, ct);
            return;
        }

        var result = await RetryAsync(() => connector.SendAsync(user.ServiceUrl, chat, message, ct), ct);
        if (!result.IsSuccess)
        {
            log.LogWarning("Direct message to Teams user {UserId} not delivered: {Status}", identity.UserId, (int)result.Status);
            if (result.IsBlocked)
            {
                await blocked.MarkAsync(user, ct);
            }
        }
    }

    private Task<ConnectorResult> RetryAsync(Func<Task<ConnectorResult>> call, CancellationToken ct) => ConnectorRetry.RunAsync(call, clock, ct);
}
