using Microsoft.Extensions.Options;
using ProductOps.Bot.Pipeline;
using ProductOps.Bot.Teams.Files;
using ProductOps.Skills.Conversation;
using ProductOps.Storage.Teams;

namespace ProductOps.Bot.Teams;

/// <summary>
/// The activities answered after the HTTP acknowledgement: messages (a turn, answered through the
/// connector), the bot being added or removed (welcome, conversation reference), app
/// installation changes, and answers to file offers.
/// </summary>
public sealed class TeamsActivities(
    TurnRunner turns,
    TeamsDirectory directory,
    TeamsReplies replies,
    SqlTeamsReferences references,
    TeamsFileConsent fileConsent,
    IOptions<TeamsOptions> options,
    ILogger<TeamsActivities> log)
{
    public async Task HandleAsync(Activity activity, CancellationToken ct)
    {
        switch (activity.Type)
        {
            case "message":
                await MessageAsync(activity, ct);
                break;
            case "conversationUpdate":
                await ConversationUpdateAsync(activity, ct);
                break;
            case "installationUpdate":
                await InstallationUpdateAsync(activity, ct);
                break;
            case "invoke" when activity.Name == TeamsFileConsent.Invoke:
                await fileConsent.HandleAsync(activity, ct);
                break;
        }
    }

    private async Task MessageAsync(Activity activity, CancellationToken ct)
    {
        // The bot's own messages are never turns.
        if (activity.From?.Id is null || string.Equals(activity.From.Id, activity.Recipient?.Id, StringComparison.OrdinalIgnoreCase))
        {
            return;
        }

        if (!TeamsInbound.IsForBot(activity))
        {
            log.LogDebug("Teams message {ActivityId} in {ConversationId} does not mention the bot; ignored", activity.Id, activity.Conversation?.Id);
            return;
        }

        var user = await directory.RememberAsync(activity, ct);
        await RememberChannelAsync(activity, ct);
        if (TeamsInbound.Message(await directory.IdentifyMentionsAsync(activity, ct), user) is not { } inbound)
        {
            log.LogDebug("Teams message {ActivityId} has no words and no ProductOps action; nothing to do", activity.Id);
            return;
        }

        var response = await turns.RunAsync(inbound, ct);
        if (inbound is ActionInbound { MessageId: { } card })
        {
            await replies.DeliverReplacingAsync(activity, card, response, ct);
            return;
        }

        await replies.DeliverAsync(activity, response, ct);
    }

    private async Task ConversationUpdateAsync(Activity activity, CancellationToken ct)
    {
        var bot = activity.Recipient?.Id;
        if (activity.MembersAdded?.Any(m => IsBot(m, bot)) == true)
        {
            await SaveConversationAsync(activity, installed: true, ct);
            if (activity.From?.Id is not null && TeamsInbound.IsPersonal(activity))
            {
                await directory.RememberAsync(activity, ct);
            }

            log.LogInformation("ProductOps added to Teams conversation {ConversationId} ({Kind})", activity.Conversation?.Id, activity.Conversation?.ConversationType);
            await replies.PostAsync(activity, TeamsReplies.Message(Welcome(TeamsInbound.IsPersonal(activity))), ct);
        }
        else if (activity.MembersRemoved?.Any(m => IsBot(m, bot)) == true)
        {
            await SaveConversationAsync(activity, installed: false, ct);
            log.LogInformation("ProductOps removed from Teams conversation {ConversationId}", activity.Conversation?.Id);
        }
    }

    private async Task InstallationUpdateAsync(Activity activity, CancellationToken ct)
    {
        // The welcome comes with the conversationUpdate that accompanies an install; this only keeps the reference current.
        var installed = activity.Action?.StartsWith("add", StringComparison.OrdinalIgnoreCase) == true;
        await SaveConversationAsync(activity, installed, ct);
        log.LogInformation("ProductOps app {Action} in Teams conversation {ConversationId}", activity.Action, activity.Conversation?.Id);
    }

    private async Task SaveConversationAsync(Activity activity, bool installed, CancellationToken ct)
    {
        if (activity.Conversation?.Id is not { } id || activity.ServiceUrl is not { } serviceUrl)
        {
            return;
        }

        var kind = activity.Conversation.ConversationType ?? (TeamsInbound.IsPersonal(activity) ? "personal" : "channel");
        var name = activity.ChannelData?.Channel?.Name ?? activity.Conversation.Name ?? activity.ChannelData?.Team?.Name;
        await references.SaveConversationAsync(Conversation(activity, TeamsInbound.BaseConversation(id), kind, serviceUrl, name, installed), ct);
        await RememberTeamAsync(activity, ct);
    }

    /// <summary>
    /// A message in a team channel: the channel belongs to its team, which reading the channel's threads
    /// needs (Microsoft Graph finds a channel only within its team). Messages seldom name the channel,
    /// so a name already known is kept.
    /// </summary>
    private async Task RememberChannelAsync(Activity activity, CancellationToken ct)
    {
        if (activity.ChannelData is not { Team.Id: not null, Channel.Id: { } channelId } || activity.ServiceUrl is not { } serviceUrl)
        {
            return;
        }

        await references.SaveConversationAsync(Conversation(activity, channelId, "channel", serviceUrl, activity.ChannelData.Channel.Name, installed: true), ct);
        await RememberTeamAsync(activity, ct);
    }

    private Task RememberTeamAsync(Activity activity, CancellationToken ct) =>
        activity.ChannelData?.Team is { Id: { } teamId, AadGroupId: { Length: > 0 } group } ? references.SetTeamGroupAsync(teamId, group, ct) : Task.CompletedTask;

    private TeamsConversation Conversation(Activity activity, string id, string kind, string serviceUrl, string? name, bool installed) =>
        new(id, TeamsInbound.Tenant(activity), kind, serviceUrl, activity.Recipient?.Id ?? "28:" + options.Value.AppId, activity.ChannelData?.Team?.Id, name, installed);

    private Reply Welcome(bool personal)
    {
        var name = options.Value.BotName;
        var how = personal
            ? Markup.Of($"Type a command here, like {Md.Code("okr status")}, or {Md.Code("help")} to see them all.")
            : Markup.Of($"Mention me with a command, like {Md.Code($"@{name} okr status")}, or {Md.Code($"@{name} help")} to see them all. Use \"Send to product\" on any message to pass it on as feedback.");
        return new ReplyBuilder()
            .Header($"Hi, I'm {name}")
            .Section("I bring customer feedback, research participants, planning check-ins and OKRs into your chats.")
            .Section(how)
            .Build(Visibility.Channel);
    }

    // The recipient is the bot; its id is also "28:" + the app id.
    private bool IsBot(ChannelAccount member, string? bot) =>
        (bot is not null && string.Equals(member.Id, bot, StringComparison.OrdinalIgnoreCase))
        || (options.Value.HasCredentials && string.Equals(member.Id, "28:" + options.Value.AppId, StringComparison.OrdinalIgnoreCase));
}
