using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.WebUtilities;
using ProductOps.Bot.Slack.Rendering;
using ProductOps.Bot.Slack.Requests;
using ProductOps.Bot.Tests.Slack.TestKit;
using ProductOps.Skills.Conversation;

namespace ProductOps.Bot.Tests.Slack;

/// <summary>Every recorded payload in Slack/Fixtures becomes the right neutral inbound, or is dropped for a stated reason.</summary>
public sealed class SlackInboundTests
{
    [Fact]
    public void FromCommand_SigningExample_IsCommandInPrivateChannel()
    {
        var turn = Turn(SlackInbound.FromCommand(SlashCommand.FromForm(Form("slash_command.signing_example.form.txt"))));

        var command = Assert.IsType<CommandInbound>(turn.Inbound);
        Assert.Equal("webhook-collect", command.Command);
        Assert.Equal("", command.Text);
        Assert.Equal(new ChatIdentity(Platforms.Slack, "T1DC2JH3J", "U2CERLKJA"), command.From.Identity);
        Assert.Equal("roadrunner", command.From.DisplayName);
        Assert.Equal(Place.Channel("G8PSS9T3V", "foobar"), command.Where);
        Assert.Equal("https://hooks.slack.com/commands/T1DC2JH3J/397700885554/96rGlfmibIGlgcZRskXaIFfN", turn.Context.ResponseUrl);
        Assert.Equal("398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c", turn.Context.TriggerId);
    }

    [Fact]
    public void FromCommand_EnterpriseGridFixture_KeepsTextAndWorkspace()
    {
        var turn = Turn(SlackInbound.FromCommand(SlashCommand.FromForm(Form("slash_command.bolt_python.form.txt"))));

        var command = Assert.IsType<CommandInbound>(turn.Inbound);
        Assert.Equal("hello-world", command.Command);
        Assert.Equal("Hi", command.Text);
        Assert.Equal("T111", command.From.Identity.Tenant);
        Assert.Equal(Place.Channel("C111", "random"), command.Where);
    }

    [Fact]
    public void FromCommand_EscapedTextWithTokens_DecodesTextAndKeepsTokensForTheParser()
    {
        var fields = Form("slash_command.bolt_python.form.txt");
        fields["text"] = "add &lt;b&gt; &amp; co owner=<@U123|ann> in <#C9|general> &amp;&amp;";

        var command = Assert.IsType<CommandInbound>(Turn(SlackInbound.FromCommand(SlashCommand.FromForm(fields))).Inbound);
        var args = CommandLine.Parse(command.Text);

        Assert.Equal("add <b> & co owner=<@U123|ann> in <#C9|general> &&", command.Text);
        Assert.Contains(args.All, a => a.Kind == ArgKind.Person && a.Key == "owner" && a.PlatformId == "U123" && a.Value == "ann");
        Assert.Contains(args.All, a => a.Kind == ArgKind.Channel && a.PlatformId == "C9");
    }

    [Fact]
    public void FromCommand_InDirectMessage_IsDirectPlace()
    {
        var fields = Form("slash_command.bolt_python.form.txt");
        fields["channel_id"] = "D024BE91L";
        fields["channel_name"] = "directmessage";

        var turn = Turn(SlackInbound.FromCommand(SlashCommand.FromForm(fields)));

        Assert.Equal(Place.Direct("D024BE91L"), turn.Inbound.Where);
        Assert.True(turn.Context.InDirectMessage);
    }

    [Fact]
    public void FromCommand_WithoutUser_IsInvalid()
    {
        var fields = Form("slash_command.bolt_python.form.txt");
        fields.Remove("user_id");

        var result = SlackInbound.FromCommand(SlashCommand.FromForm(fields));

        Assert.Equal("The slash command has no user_id.", Assert.IsType<SlackInvalid>(result).Reason);
    }

    [Fact]
    public void FromInteraction_BlockActionsJson_IsActionOnTheMessage()
    {
        var turn = Turn(SlackInbound.FromInteraction(SlackFixture.Payload<InteractionPayload>("block_actions.json")));

        var action = Assert.IsType<ActionInbound>(turn.Inbound);
        Assert.Equal("a", action.ActionId);
        Assert.Equal("click_me_123", action.Value);
        Assert.Equal("111.222", action.MessageId);
        Assert.Equal(new ChatIdentity(Platforms.Slack, "T111", "W111"), action.From.Identity);
        Assert.Equal(Place.Channel("C111", "test-channel"), action.Where);
        Assert.Equal("https://hooks.slack.com/actions/T111/111/random-value", turn.Context.ResponseUrl);
        Assert.Equal("111.222.valid", turn.Context.TriggerId);
    }

    [Fact]
    public void FromInteraction_BlockActionsWireForm_EqualsTheJsonFixture()
    {
        var payload = Form("block_actions.form.txt")["payload"];

        var fromWire = SlackInbound.FromInteraction(JsonSerializer.Deserialize<InteractionPayload>(payload, ProductOps.Bot.Slack.SlackJson.Options)!);
        var fromJson = SlackInbound.FromInteraction(SlackFixture.Payload<InteractionPayload>("block_actions.json"));

        Assert.Equal(Turn(fromJson).Inbound, Turn(fromWire).Inbound);
    }

    [Fact]
    public void FromInteraction_NumberedActionId_IsTheSkillsActionId()
    {
        var json = JsonNode.Parse(SlackFixture.Text("block_actions.json"))!;
        json["actions"]![0]!["action_id"] = "participants.approve#3";

        var action = Assert.IsType<ActionInbound>(Turn(SlackInbound.FromInteraction(Payload(json))).Inbound);

        Assert.Equal("participants.approve", action.ActionId);
    }

    [Fact]
    public void FromInteraction_ViewSubmissionOfAnotherApp_IsIgnored()
    {
        var result = SlackInbound.FromInteraction(SlackFixture.Payload<InteractionPayload>("view_submission.json"));

        Assert.Contains("view-id", Assert.IsType<SlackIgnored>(result).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void FromInteraction_ViewSubmissionOfOurForm_IsFormSubmissionWithValuesAndState()
    {
        var json = JsonNode.Parse(SlackFixture.Text("view_submission.json"))!;
        json["view"]!["callback_id"] = ModalMetadata.CallbackId;
        json["view"]!["private_metadata"] = new ModalMetadata("test.form", "state-1", "C777", "1.2").Serialize();
        var values = json["view"]!["state"]!["values"]!.AsObject();
        values["due"] = new JsonObject { ["due"] = new JsonObject { ["type"] = "datepicker", ["selected_date"] = "2026-03-31" } };
        values["tags"] = new JsonObject { ["tags"] = JsonNode.Parse("""{"type":"multi_static_select","selected_options":[{"value":"bug"},{"value":"ux"}]}""") };
        values["owner"] = new JsonObject { ["owner"] = JsonNode.Parse("""{"type":"users_select","selected_user":"U42"}""") };
        values["urgent"] = new JsonObject { ["urgent"] = JsonNode.Parse("""{"type":"checkboxes","selected_options":[]}""") };

        var turn = Turn(SlackInbound.FromInteraction(Payload(json)));

        var form = Assert.IsType<FormSubmission>(turn.Inbound);
        Assert.Equal("test.form", form.FormId);
        Assert.Equal("state-1", form.State);
        Assert.Equal("test", form.Values.Text("hspI"));
        Assert.Equal(new DateOnly(2026, 3, 31), form.Values.Date("due"));
        Assert.Equal(["bug", "ux"], form.Values.List("tags"));
        Assert.Equal(["U42"], form.Values.List("owner"));
        Assert.False(form.Values.Flag("urgent"));
        Assert.Equal(["owner"], turn.Context.UserFields);
        Assert.Equal("C777", turn.Context.ChannelId);
        Assert.Equal(Place.Channel("C777"), form.Where);
    }

    [Fact]
    public void FromInteraction_MessageActionFixture_IsSharedMessageWithShortcut()
    {
        var turn = Turn(SlackInbound.FromInteraction(SlackFixture.Payload<InteractionPayload>("message_action.json")));

        var message = Assert.IsType<MessageInbound>(turn.Inbound);
        Assert.Equal(MessageKind.Shared, message.Kind);
        Assert.Equal("test-shortcut", message.Shortcut);
        Assert.Equal(new SharedMessage("@W222 test", null, "W111", null), message.Shared);
        Assert.Equal("1583636382.000300", turn.Context.SharedTs);
        Assert.Equal("C111", turn.Context.ChannelId);
        Assert.Equal("https://hooks.slack.com/app/T111/111/xxx", turn.Context.ResponseUrl);
    }

    [Fact]
    public void FromInteraction_SendToProduct_CarriesTheManifestCallbackId()
    {
        var json = JsonNode.Parse(SlackFixture.Text("message_action.json"))!;
        json["callback_id"] = SlackInbound.SendToProduct;
        json["message"]!["text"] = "Customer &lt;Acme&gt; wants <https://acme.test/x|SSO> for <#C1|sales> &amp; <!here>";

        var message = Assert.IsType<MessageInbound>(Turn(SlackInbound.FromInteraction(Payload(json))).Inbound);

        Assert.Equal("send_to_product", message.Shortcut);
        Assert.Equal("Customer <Acme> wants SSO (https://acme.test/x) for #sales & @here", message.Shared!.Text);
    }

    [Fact]
    public void FromInteraction_GlobalShortcut_IsIgnoredBecauseOnlyTheMessageShortcutExists()
    {
        var result = SlackInbound.FromInteraction(SlackFixture.Payload<InteractionPayload>("shortcut_global.json"));

        Assert.Contains("message shortcut", Assert.IsType<SlackIgnored>(result).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void FromEvent_AppMentionFixture_IsMentionWithoutTheBotMention()
    {
        var turn = Turn(SlackInbound.FromEvent(SlackFixture.Payload<EventEnvelope>("event_callback_app_mention.json"), null));

        var message = Assert.IsType<MessageInbound>(turn.Inbound);
        Assert.Equal(MessageKind.Mention, message.Kind);
        Assert.Equal("Hi there!", message.Text);
        Assert.Equal(new ChatIdentity(Platforms.Slack, "T111", "W222"), message.From.Identity);
        Assert.Equal(Place.Channel("C111"), message.Where);
        Assert.Equal("slack:event:Ev111", turn.Context.DedupeKey);
    }

    [Fact]
    public void FromEvent_UrlVerification_IsChallenge()
    {
        var result = SlackInbound.FromEvent(SlackFixture.Payload<EventEnvelope>("url_verification.json"), null);

        Assert.Equal("3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P", Assert.IsType<SlackChallenge>(result).Challenge);
    }

    [Fact]
    public void FromEvent_AppRateLimited_IsIgnoredWithTheMinute()
    {
        var result = SlackInbound.FromEvent(SlackFixture.Payload<EventEnvelope>("app_rate_limited.json"), null);

        Assert.Contains("1518467820", Assert.IsType<SlackIgnored>(result).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void FromEvent_DirectMessage_IsDirect()
    {
        var json = DirectMessage("okr status");

        var message = Assert.IsType<MessageInbound>(Turn(SlackInbound.FromEvent(Payload<EventEnvelope>(json), "UBOT")).Inbound);

        Assert.Equal(MessageKind.Direct, message.Kind);
        Assert.Equal("okr status", message.Text);
        Assert.Equal(Place.Direct("D111"), message.Where);
    }

    [Theory]
    [InlineData("bot_id", "B1")]
    [InlineData("subtype", "message_changed")]
    [InlineData("subtype", "message_deleted")]
    [InlineData("subtype", "channel_join")]
    [InlineData("subtype", "bot_message")]
    [InlineData("user", "UBOT")]
    public void FromEvent_BotOwnOrEditedMessage_IsIgnored(string field, string value)
    {
        var json = JsonNode.Parse(SlackFixture.Text("event_callback_app_mention.json"))!;
        json["event"]![field] = value;

        Assert.IsType<SlackIgnored>(SlackInbound.FromEvent(Payload<EventEnvelope>(json), "UBOT"));
    }

    [Fact]
    public void FromEvent_DirectMessageWithAFile_IsDirectWithItsText()
    {
        var json = DirectMessage("feedback Acme cannot export this report");
        json["event"]!["subtype"] = "file_share";
        json["event"]!["upload"] = false;
        json["event"]!["display_as_bot"] = false;
        json["event"]!["files"] = JsonNode.Parse("""[{"id":"F111","name":"report.png","mimetype":"image/png","url_private":"https://files.slack.com/files-pri/T111-F111/report.png"}]""");

        var message = Assert.IsType<MessageInbound>(Turn(SlackInbound.FromEvent(Payload<EventEnvelope>(json), "UBOT")).Inbound);

        Assert.Equal(MessageKind.Direct, message.Kind);
        Assert.Equal("feedback Acme cannot export this report", message.Text);
    }

    [Fact]
    public void FromEvent_ThreadReplyAlsoSentToTheConversation_IsDirectInItsThread()
    {
        var json = DirectMessage("okr status");
        json["event"]!["subtype"] = "thread_broadcast";
        json["event"]!["thread_ts"] = "1595926200.000100";
        json["event"]!["root"] = JsonNode.Parse("""{"type":"message","user":"W222","text":"earlier","ts":"1595926200.000100","thread_ts":"1595926200.000100"}""");

        var message = Assert.IsType<MessageInbound>(Turn(SlackInbound.FromEvent(Payload<EventEnvelope>(json), "UBOT")).Inbound);

        Assert.Equal("okr status", message.Text);
        Assert.Equal("1595926200.000100", message.ThreadId);
    }

    [Fact]
    public void FromEvent_FileSharedWithoutText_IsIgnored()
    {
        var json = DirectMessage("");
        json["event"]!["subtype"] = "file_share";

        Assert.IsType<SlackIgnored>(SlackInbound.FromEvent(Payload<EventEnvelope>(json), "UBOT"));
    }

    [Fact]
    public void FromEvent_ChannelMessage_IsIgnored()
    {
        var json = JsonNode.Parse(SlackFixture.Text("event_callback_app_mention.json"))!;
        json["event"]!["type"] = "message";
        json["event"]!["channel_type"] = "channel";

        Assert.IsType<SlackIgnored>(SlackInbound.FromEvent(Payload<EventEnvelope>(json), null));
    }

    [Fact]
    public void FromEvent_SocketModeEnvelope_UsesTheBotFromAuthorizations()
    {
        var envelope = SlackFixture.Json("socket_mode_events_api_app_mention.json");

        var turn = Turn(SlackInbound.FromEvent(SlackFixture.Payload<EventEnvelope>(envelope.GetProperty("payload")), null));

        var message = Assert.IsType<MessageInbound>(turn.Inbound);
        Assert.Equal("hey", message.Text);
        Assert.Equal("U111", message.From.Identity.UserId);
        Assert.Equal("slack:event:Ev01ERKCFKK9", turn.Context.DedupeKey);
    }

    [Fact]
    public void FromInteraction_SocketModeEnvelope_IsAction()
    {
        var envelope = SlackFixture.Json("socket_mode_interactive_block_actions.json");

        var action = Assert.IsType<ActionInbound>(Turn(SlackInbound.FromInteraction(SlackFixture.Payload<InteractionPayload>(envelope.GetProperty("payload")))).Inbound);

        Assert.Equal("a", action.ActionId);
        Assert.Equal("underlying", action.Value);
        Assert.Equal("1605853634.000400", action.MessageId);
    }

    [Fact]
    public void FromCommand_SocketModeEnvelope_IsCommand()
    {
        var envelope = SlackFixture.Json("socket_mode_slash_commands.json");

        var command = Assert.IsType<CommandInbound>(Turn(SlackInbound.FromCommand(SlackFixture.Payload<SlashCommand>(envelope.GetProperty("payload")))).Inbound);

        Assert.Equal("hi-socket-mode", command.Command);
        Assert.Equal("U111", command.From.Identity.UserId);
    }

    /// <summary>The recorded envelope, carrying a message.im event (a DM to the bot) instead of its app_mention.</summary>
    private static JsonNode DirectMessage(string text)
    {
        var json = JsonNode.Parse(SlackFixture.Text("event_callback_app_mention.json"))!;
        json["event"]!["type"] = "message";
        json["event"]!["channel_type"] = "im";
        json["event"]!["channel"] = "D111";
        json["event"]!["text"] = text;
        return json;
    }

    private static SlackTurn Turn(SlackTranslation translation) => Assert.IsType<SlackTurn>(translation);

    private static Dictionary<string, string> Form(string fixture) =>
        QueryHelpers.ParseQuery(SlackFixture.Text(fixture)).ToDictionary(p => p.Key, p => p.Value.ToString(), StringComparer.Ordinal);

    private static InteractionPayload Payload(JsonNode json) => Payload<InteractionPayload>(json);

    private static T Payload<T>(JsonNode json) => SlackFixture.Payload<T>(JsonDocument.Parse(json.ToJsonString()).RootElement);
}
