using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using ProductOps.Bot.Teams;

namespace ProductOps.Bot.Tests.Teams.TestKit;

/// <summary>
/// The recorded Teams payloads in Teams/Fixtures (copies of ../shared/fixtures/teams, so the tests
/// run on a clean clone, and a Microsoft Graph channel message in the shape Graph's reference
/// documents), read from beside this source file.
/// </summary>
public static class TeamsFixture
{
    public static string Folder { get; } = Path.Combine(Path.GetDirectoryName(Here())!, "..", "Fixtures");

    public static IEnumerable<string> Names => Directory.GetFiles(Folder, "*.json").Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal);

    public static string Text(string name) => File.ReadAllText(Path.Combine(Folder, name));

    public static JsonObject Json(string name) => JsonNode.Parse(Text(name))!.AsObject();

    public static Activity Activity(string name) => JsonSerializer.Deserialize<Activity>(Text(name), TeamsJson.Options)!;

    public static Activity Activity(JsonObject json) => json.Deserialize<Activity>(TeamsJson.Options)!;

    private static string Here([CallerFilePath] string path = "") => path;
}
