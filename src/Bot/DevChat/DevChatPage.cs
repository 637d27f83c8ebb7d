using System.Collections.Frozen;
using System.Reflection;

namespace ProductOps.Bot.DevChat;

/// <summary>
/// Serves the dev chat page. Its files are embedded in this assembly, so the page works from any
/// working directory and under the test host, with nothing fetched from elsewhere.
/// </summary>
public static class DevChatPage
{
    private const string Prefix = "ProductOps.Bot.DevChat.Page.";

    private static readonly FrozenDictionary<string, (byte[] Content, string ContentType)> Files = Load();

    public static RouteGroupBuilder MapDevChatPage(this RouteGroupBuilder group)
    {
        group.MapGet("/", () => File("index.html"));
        group.MapGet("/devchat/{file}", (string file) => File(file));
        return group;
    }

    private static IResult File(string name) =>
        Files.TryGetValue(name, out var file) ? Results.Bytes(file.Content, file.ContentType) : Results.NotFound();

    private static FrozenDictionary<string, (byte[] Content, string ContentType)> Load()
    {
        var assembly = Assembly.GetExecutingAssembly();
        return assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(Prefix, StringComparison.Ordinal))
            .ToFrozenDictionary(n => n[Prefix.Length..], n => (Read(assembly, n), ContentType(n)), StringComparer.Ordinal);
    }

    private static byte[] Read(Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(name)!;
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    private static string ContentType(string name) => Path.GetExtension(name) switch
    {
        ".html" => "text/html; charset=utf-8",
        ".css" => "text/css; charset=utf-8",
        ".js" => "text/javascript; charset=utf-8",
        ".svg" => "image/svg+xml",
        _ => "application/octet-stream",
    };
}
