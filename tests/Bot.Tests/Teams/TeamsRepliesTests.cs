using System.Net;
using ProductOps.Bot.Teams;
using ProductOps.Bot.Tests.Teams.TestKit;
using ProductOps.Skills.Conversation;

namespace ProductOps.Bot.Tests.Teams;

/// <summary>Answers to a turn that Teams refuses because the person blocked or uninstalled the bot.</summary>
public sealed class TeamsRepliesTests : TeamsPartsTest
{
    private const string Blocked = """{"error":{"code":"Forbidden","message":"blocked","subCode":"MessageWritesBlocked"}}""";

    [Fact]
    public async Task DirectMessage_UserBlockedBot_MarksThemUnreachableAndTellsAdmins()
    {
        Parts.BotFramework.Answer(HttpStatusCode.Forbidden, Blocked);

        await Parts.Replies.DeliverAsync(From("19:channel@thread.tacv2", "channel"), Reply.Say(Markup.Text("Only for you."), Visibility.DirectMessage), CancellationToken.None);

        Assert.EndsWith("/v3/conversations/a%3Arido-personal/activities", Assert.Single(Parts.BotFramework.ConnectorCalls).Uri.AbsolutePath, StringComparison.Ordinal);
        await AssertMarkedBlockedAsync();
    }

    [Fact]
    public async Task Reply_InPersonalChatRefusedAsBlocked_MarksThemUnreachableAndTellsAdmins()
    {
        Parts.BotFramework.Answer(HttpStatusCode.Forbidden, Blocked);

        await Parts.Replies.DeliverAsync(From(TeamsParts.PersonalChat, "personal"), Reply.Say("Done."), CancellationToken.None);

        await AssertMarkedBlockedAsync();
    }

    [Fact]
    public async Task Reply_InChannelRefusedAsBlocked_MarksNobody()
    {
        Parts.BotFramework.Answer(HttpStatusCode.Forbidden, """{"error":{"code":"Forbidden","subCode":"BotNotInConversationRoster"}}""");

        await Parts.Replies.DeliverAsync(From("19:channel@thread.tacv2", "channel"), Reply.Say("Done."), CancellationToken.None);

        Assert.Null((await Parts.References.FindUserAsync(TeamsParts.Tenant, TeamsParts.Rido.UserId, CancellationToken.None))?.BlockedAt);
        Assert.Empty(Parts.Outbox.Messages);
    }

    private async Task AssertMarkedBlockedAsync()
    {
        Assert.NotNull((await Parts.References.FindUserAsync(TeamsParts.Tenant, TeamsParts.Rido.UserId, CancellationToken.None))?.BlockedAt);
        var told = Assert.Single(Parts.Outbox.Messages);
        Assert.Equal(new PersonRecipient(Parts.People.Named("maya").Id), told.To);
        Assert.Contains("blocked or uninstalled", told.Reply.Fallback, StringComparison.Ordinal);
    }

    private static Activity From(string conversation, string kind) => new()
    {
        Type = "message",
        Id = "asked-1",
        ServiceUrl = TeamsParts.ServiceUrl,
        From = new ChannelAccount("29:rido", "Rido") { AadObjectId = TeamsParts.Rido.UserId },
        Recipient = new ChannelAccount("28:bot", "ProductOps"),
        Conversation = new ConversationAccount(conversation) { ConversationType = kind, TenantId = TeamsParts.Tenant },
    };
}
