using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using ProductOps.Bot.Teams;

namespace ProductOps.Bot.Tests.Teams;

/// <summary>The Teams app manifest asks for what the code uses: files in 1:1 chats, and reading a team's channel messages.</summary>
public sealed class TeamsManifestTests
{
    private static readonly JsonObject Manifest =
        JsonNode.Parse(File.ReadAllText(Path.Combine(Path.GetDirectoryName(Here())!, "..", "..", "..", "manifest", "teams", "manifest.json")))!.AsObject();

    [Fact]
    public void Manifest_Bot_SupportsFiles()
    {
        Assert.True((bool?)Manifest["bots"]![0]!["supportsFiles"]);
    }

    [Fact]
    public void Manifest_ChannelMessageReadGroup_IsAskedForAsAnApplicationPermissionOfTheBotsApp()
    {
        var permission = Assert.Single(Manifest["authorization"]!["permissions"]!["resourceSpecific"]!.AsArray())!;

        Assert.Equal(("ChannelMessage.Read.Group", "Application"), ((string?)permission["name"], (string?)permission["type"]));

        // Teams grants resource-specific permissions only to an app that names its Entra app here.
        Assert.Equal((string?)Manifest["bots"]![0]!["botId"], (string?)Manifest["webApplicationInfo"]!["id"]);
        Assert.False(string.IsNullOrEmpty((string?)Manifest["webApplicationInfo"]!["resource"]));
    }

    [Fact]
    public void Manifest_MessageAction_UsesTheCommandIdTheTranslatorReads()
    {
        Assert.Equal(TeamsInbound.SendToProductCommand, (string?)Manifest["composeExtensions"]![0]!["commands"]![0]!["id"]);
    }

    private static string Here([CallerFilePath] string path = "") => path;
}
