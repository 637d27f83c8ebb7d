using System.Text.Json.Nodes;
using ProductOps.Bot.Slack.Rendering;

namespace ProductOps.Bot.Tests.Slack.TestKit;

/// <summary>Recorded payloads from Slack/Fixtures, adjusted to talk to the test's fake and its skill.</summary>
public static class SlackPayloads
{
    public const string Team = "T111";
    public const string Channel = "C111";

    public static (string Key, string Value)[] Command(string command, string text, string responseUrl, string user = "U100", string trigger = "trigger-1") =>
    [
        ("token", "verification_token"), ("team_id", Team), ("team_domain", "test"), ("channel_id", Channel), ("channel_name", "general"),
        ("user_id", user), ("user_name", user.ToLowerInvariant()), ("command", command), ("text", text), ("response_url", responseUrl), ("trigger_id", trigger),
    ];

    /// <summary>The recorded app_mention envelope, saying <paramref name="text"/> to the bot, as a reply in the thread <paramref name="threadTs"/> when given.</summary>
    public static string Mention(string eventId, string text, string user = "U100", string? threadTs = null)
    {
        var json = JsonNode.Parse(SlackFixture.Text("event_callback_app_mention.json"))!;
        json["event_id"] = eventId;
        json["authed_users"] = new JsonArray(FakeSlack.BotUserId);
        json["event"]!["text"] = $"<@{FakeSlack.BotUserId}> {text}";
        json["event"]!["user"] = user;
        if (threadTs is not null)
        {
            json["event"]!["thread_ts"] = threadTs;
        }

        return json.ToJsonString();
    }

    /// <summary>The recorded view_submission, as a submission of one of our forms with the given values.</summary>
    public static JsonNode Submission(string formId, string? state, string? channel, params (string Field, JsonObject Element)[] values)
    {
        var json = JsonNode.Parse(SlackFixture.Text("view_submission.json"))!;
        json["view"]!["callback_id"] = ModalMetadata.CallbackId;
        json["view"]!["private_metadata"] = new ModalMetadata(formId, state, channel, null).Serialize();
        var state1 = new JsonObject();
        foreach (var (field, element) in values)
        {
            state1[field] = new JsonObject { [field] = element };
        }

        json["view"]!["state"] = new JsonObject { ["values"] = state1 };
        return json;
    }

    public static JsonObject TextValue(string? value) => new() { ["type"] = "plain_text_input", ["value"] = value };
}
