using System.Runtime.CompilerServices;
using System.Text.Json;
using ProductOps.Bot.Slack;

namespace ProductOps.Bot.Tests.Slack.TestKit;

/// <summary>
/// The recorded Slack payloads in Slack/Fixtures (byte-exact copies of ../shared/fixtures/slack, so
/// the tests run on a clean clone), read from beside this source file. The <c>conversations_replies</c>
/// answers are ours: the example of Slack's method page, and the tombstone Slack leaves for a deleted
/// thread parent, as apps have logged it.
/// </summary>
public static class SlackFixture
{
    public static string Folder { get; } = Path.Combine(Path.GetDirectoryName(Here())!, "..", "Fixtures");

    public static string Text(string name) => File.ReadAllText(Path.Combine(Folder, name));

    public static byte[] Bytes(string name) => File.ReadAllBytes(Path.Combine(Folder, name));

    public static JsonElement Json(string name) => JsonDocument.Parse(Text(name)).RootElement.Clone();

    public static T Payload<T>(string name) => JsonSerializer.Deserialize<T>(Text(name), SlackJson.Options)!;

    public static T Payload<T>(JsonElement json) => json.Deserialize<T>(SlackJson.Options)!;

    private static string Here([CallerFilePath] string path = "") => path;
}
