using System.Text.Json;
using ProductOps.Bot.Teams;
using ProductOps.Bot.Tests.Teams.TestKit;
using ProductOps.Skills.Conversation;

namespace ProductOps.Bot.Tests.Teams;

public sealed class TeamsInboundTests
{
    [Fact]
    public void Message_ChannelMentionFixture_StripsBotMentionInChannelThread()
    {
        var activity = TeamsFixture.Activity("message_channel_mention.json");

        var inbound = Assert.IsType<MessageInbound>(TeamsInbound.Message(activity, TeamsInbound.User(activity, null)));

        Assert.Equal("reply to thread", inbound.Text);
        Assert.Equal(MessageKind.Mention, inbound.Kind);
        Assert.Equal(new Place(PlaceKind.Channel, "19:6848757105754c8981c67612732d9aa7@thread.tacv2"), inbound.Where);
        Assert.Equal("1759881511856", inbound.ThreadId);
        Assert.Equal(new ChatIdentity(Platforms.Teams, "50612dbb-0237-4969-b378-8d42590f9c00", "b15a9416-0ad3-4172-9210-7beb711d3f70"), inbound.From.Identity);
        Assert.Equal("rido", inbound.From.DisplayName);
        Assert.Equal("America/Los_Angeles", inbound.From.TimeZone);
    }

    [Fact]
    public void Message_NewChannelPost_IsNotAReplyInAThread()
    {
        var reply = TeamsFixture.Activity("message_channel_mention.json");
        var post = reply with { Conversation = reply.Conversation! with { Id = "19:6848757105754c8981c67612732d9aa7@thread.tacv2;messageid=" + reply.Id } };

        var inbound = Assert.IsType<MessageInbound>(TeamsInbound.Message(post, TeamsInbound.User(post, null)));

        Assert.Null(inbound.ThreadId);
    }

    [Fact]
    public void Message_OtherPersonMentionFixture_BecomesNeutralPersonReference()
    {
        var activity = TeamsFixture.Activity("message_mention_docs.json");

        var text = TeamsInbound.CommandText(activity);
        var args = CommandLine.Parse(text);

        Assert.Equal("Hey <@29:08q2j2o3jc09au90eucae|Pranav Smith> check out this message", text);
        Assert.Contains(args.All, a => a.Kind == ArgKind.Person && a.Value == "Pranav Smith" && a.PlatformId == "29:08q2j2o3jc09au90eucae");
    }

    [Fact]
    public void CommandText_MentionCarryingAadObjectId_NamesThePersonByIt()
    {
        var activity = TeamsFixture.Activity("message_mention_docs.json");
        var mention = activity.Entities![0];
        activity = activity with { Entities = [mention with { Mentioned = mention.Mentioned! with { AadObjectId = "aad-pranav" } }] };

        var text = TeamsInbound.CommandText(activity);

        Assert.Equal("Hey <@aad-pranav|Pranav Smith> check out this message", text);
    }

    [Fact]
    public void Message_MessageBackFixture_IsTheTypedWords()
    {
        var activity = TeamsFixture.Activity("message_messageBack.json");

        var inbound = Assert.IsType<MessageInbound>(TeamsInbound.Message(activity, TeamsInbound.User(activity, null)));

        Assert.Equal("User just clicked the MessageBack button", inbound.Text);
        Assert.Equal(PlaceKind.Channel, inbound.Where.Kind);
        Assert.Equal("bec8e231-67ad-484e-87f4-3e5438390a77", inbound.From.Identity.Tenant);
        Assert.Equal("29:102jd210jd010icsoaeclaejcoa9ue09u", inbound.From.Identity.UserId);
    }

    [Fact]
    public void Message_ActionSubmitWithOurData_IsActionInbound()
    {
        var activity = TeamsFixture.Activity("message_messageBack.json") with
        {
            Text = null,
            Value = JsonDocument.Parse("""{"productops":{"action":"test.ping","value":"42"}}""").RootElement,
        };

        var inbound = Assert.IsType<ActionInbound>(TeamsInbound.Message(activity, TeamsInbound.User(activity, null)));

        Assert.Equal("test.ping", inbound.ActionId);
        Assert.Equal("42", inbound.Value);
        Assert.Equal("1575667808184", inbound.MessageId);
    }

    [Fact]
    public void Message_PersonalChat_IsDirect()
    {
        var activity = TeamsFixture.Activity("invoke_adaptiveCard_action.json") with { Type = "message", Text = "okr status" };

        var inbound = Assert.IsType<MessageInbound>(TeamsInbound.Message(activity, TeamsInbound.User(activity, null)));

        Assert.Equal(MessageKind.Direct, inbound.Kind);
        Assert.Equal(PlaceKind.DirectMessage, inbound.Where.Kind);
        Assert.Null(inbound.ThreadId);
    }

    [Fact]
    public void Message_OnlyTheBotMention_IsNothing()
    {
        var activity = TeamsFixture.Activity("message_channel_mention.json") with { Text = "<at>ridotest</at>&nbsp;" };

        var inbound = TeamsInbound.Message(activity, TeamsInbound.User(activity, null));

        Assert.Null(inbound);
    }

    [Fact]
    public void IsForBot_ChannelMessageMentioningTheBot_IsTrue()
    {
        var activity = TeamsFixture.Activity("message_channel_mention.json");

        var forBot = TeamsInbound.IsForBot(activity);

        Assert.True(forBot);
    }

    [Fact]
    public void IsForBot_ChannelMessageWithoutMention_IsFalse()
    {
        var activity = TeamsFixture.Activity("message_channel_mention.json") with { Text = "lunch anyone? okr status later", Entities = [] };

        var forBot = TeamsInbound.IsForBot(activity);

        Assert.False(forBot);
    }

    [Fact]
    public void IsForBot_ChannelMessageMentioningSomeoneElse_IsFalse()
    {
        var activity = TeamsFixture.Activity("message_channel_mention.json") with
        {
            Text = "<at>Pranav</at> okr status",
            Entities = [new Entity("mention") { Mentioned = new ChannelAccount("29:pranav", "Pranav"), Text = "<at>Pranav</at>" }],
        };

        var forBot = TeamsInbound.IsForBot(activity);

        Assert.False(forBot);
    }

    [Fact]
    public void IsForBot_GroupChatMessageWithoutMention_IsFalse()
    {
        var activity = TeamsFixture.Activity("message_channel_mention.json") with
        {
            ChannelData = null,
            Entities = [],
            Conversation = new ConversationAccount("19:group@thread.v2") { ConversationType = "groupChat", IsGroup = true },
        };

        var forBot = TeamsInbound.IsForBot(activity);

        Assert.False(forBot);
    }

    [Fact]
    public void IsForBot_CardSubmitInChannelWithoutMention_IsTrue()
    {
        var activity = TeamsFixture.Activity("message_messageBack.json");

        var forBot = TeamsInbound.IsForBot(activity);

        Assert.Null(activity.Entities!.FirstOrDefault(e => e.Type == "mention"));
        Assert.True(forBot);
    }

    [Fact]
    public void IsForBot_PersonalChatWithoutMention_IsTrue()
    {
        var activity = TeamsFixture.Activity("invoke_adaptiveCard_action.json") with { Type = "message", Text = "okr status" };

        var forBot = TeamsInbound.IsForBot(activity);

        Assert.True(forBot);
    }

    [Fact]
    public void Shared_HtmlMessagePayload_IsPlainTextAuthorAndLink()
    {
        var payload = JsonDocument.Parse("""
            {"body":{"contentType":"html","content":"<p>Export is <b>broken</b> &amp; slow</p><p>Second</p>"},
             "from":{"user":{"id":"aad-1","displayName":"Jane"}},"linkToMessage":"https://teams.microsoft.com/l/message/1"}
            """).RootElement;

        var shared = TeamsInbound.Shared(payload);

        Assert.Equal("Export is broken & slow\nSecond", shared.Text);
        Assert.Equal("Jane", shared.AuthorName);
        Assert.Equal("aad-1", shared.AuthorId);
        Assert.Equal("https://teams.microsoft.com/l/message/1", shared.Link);
    }
}
