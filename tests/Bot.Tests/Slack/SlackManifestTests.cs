using System.Runtime.CompilerServices;
using ProductOps.Bot.Slack.Requests;

namespace ProductOps.Bot.Tests.Slack;

/// <summary>The app manifest declares what the code reads: the shortcut's callback id, the events and the commands.</summary>
public sealed class SlackManifestTests
{
    private static readonly string Manifest = File.ReadAllText(Path.Combine(Path.GetDirectoryName(Here())!, "..", "..", "..", "manifest", "slack", "manifest.yml"));

    [Fact]
    public void Manifest_MessageShortcut_UsesTheCallbackIdTheTranslatorReads()
    {
        Assert.Contains($"callback_id: {SlackInbound.SendToProduct}", Manifest, StringComparison.Ordinal);
        Assert.Contains("type: message", Manifest, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/productops")]
    [InlineData("/feedback")]
    [InlineData("/participants")]
    [InlineData("/cadence")]
    [InlineData("/okr")]
    [InlineData("/metric")]
    public void Manifest_SlashCommand_IsDeclaredWithEscapedMentions(string command)
    {
        var at = Manifest.IndexOf($"- command: {command}\n", StringComparison.Ordinal);

        Assert.True(at >= 0, $"{command} is missing");
        var entry = Manifest[at..Manifest.IndexOf("should_escape", at, StringComparison.Ordinal)];
        Assert.Contains("description:", entry, StringComparison.Ordinal);
        Assert.Contains("usage_hint:", entry, StringComparison.Ordinal);
    }

    [Fact]
    public void Manifest_EventsAndSocketMode_AreOn()
    {
        Assert.Contains("- app_mention", Manifest, StringComparison.Ordinal);
        Assert.Contains("- message.im", Manifest, StringComparison.Ordinal);
        Assert.Contains("socket_mode_enabled: true", Manifest, StringComparison.Ordinal);
        Assert.Contains("is_enabled: true", Manifest, StringComparison.Ordinal);
    }

    private static string Here([CallerFilePath] string path = "") => path;
}
