using System.Diagnostics;
using System.IO.Compression;
using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;

namespace ProductOps.Bot.Tests.Teams;

/// <summary>manifest/teams/package.sh, run as a person would (it needs sh and zip, which CI installs).</summary>
public sealed class TeamsPackageScriptTests : IDisposable
{
    private const string AppId = "11111111-2222-3333-4444-555555555555";
    private static readonly string Manifests = Path.Combine(Path.GetDirectoryName(Here())!, "..", "..", "..", "manifest", "teams");

    private readonly DirectoryInfo _work = Directory.CreateTempSubdirectory("productops-package-");

    [Fact]
    public async Task Package_RelativeOutputPath_IsWrittenWhereItWasCalledFrom()
    {
        var (exit, output) = await RunAsync(Path.Combine(Manifests, "package.sh"), ("TEAMS_APP_ID", AppId));

        Assert.True(exit == 0, output);
        Assert.Equal(AppId, (string?)Manifest(Path.Combine(_work.FullName, "out.zip"))["id"]);
        Assert.Contains("Built " + Path.Combine(_work.FullName, "out.zip"), output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Package_AppIdInAppSettings_IsUsedBeforeTheEnvironmentsTeamsAppId()
    {
        var repository = Directory.CreateDirectory(Path.Combine(_work.FullName, "repository"));
        var copy = Directory.CreateDirectory(Path.Combine(repository.FullName, "manifest", "teams"));
        foreach (var file in new[] { "package.sh", "manifest.json", "color.png", "outline.png" })
        {
            File.Copy(Path.Combine(Manifests, file), Path.Combine(copy.FullName, file));
        }

        var settings = new JsonObject { ["Slack"] = new JsonObject { ["AppId"] = "not-this-one" }, ["Teams"] = new JsonObject { ["AppId"] = AppId, ["TenantId"] = "" } };
        await File.WriteAllTextAsync(Path.Combine(repository.FullName, "appsettings.json"), settings.ToJsonString(new() { WriteIndented = true }));

        var (exit, output) = await RunAsync(Path.Combine(copy.FullName, "package.sh"), ("TEAMS_APP_ID", "99999999-2222-3333-4444-555555555555"));

        Assert.True(exit == 0, output);
        Assert.Equal(AppId, (string?)Manifest(Path.Combine(_work.FullName, "out.zip"))["id"]);
    }

    public void Dispose() => _work.Delete(recursive: true);

    private static JsonObject Manifest(string zip)
    {
        using var archive = ZipFile.OpenRead(zip);
        using var reader = new StreamReader(archive.GetEntry("manifest.json")!.Open());
        return JsonNode.Parse(reader.ReadToEnd())!.AsObject();
    }

    /// <summary>Runs the script from the work folder with a relative output path and only the given app id settings.</summary>
    private async Task<(int Exit, string Output)> RunAsync(string script, params (string Name, string Value)[] environment)
    {
        var start = new ProcessStartInfo("sh", [script, "out.zip"])
        {
            WorkingDirectory = _work.FullName,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var name in new[] { "TEAMS_APP_ID", "MICROSOFT_APP_ID", "Teams__AppId" })
        {
            start.Environment.Remove(name);
        }

        start.Environment["BOT_DOMAIN"] = "productops.example.com";
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output + await errors);
    }

    private static string Here([CallerFilePath] string path = "") => path;
}
