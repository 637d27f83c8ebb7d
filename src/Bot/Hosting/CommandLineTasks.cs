using ProductOps.Skills.Importing;

namespace ProductOps.Bot.Hosting;

/// <summary>
/// Tasks run from the command line instead of starting the bot:
/// <c>dotnet run --project src/Bot -- import KIND FILE.csv [--partial]</c>.
/// </summary>
public static class CommandLineTasks
{
    /// <summary>The process exit code when the arguments named a task, or null to start the bot.</summary>
    public static async Task<int?> RunCommandLineTaskAsync(this WebApplication app, string[] args)
    {
        var words = args.Where(a => !a.StartsWith("--", StringComparison.Ordinal) || a == "--partial").ToArray();
        if (words is not ["import", ..])
        {
            return null;
        }

        using var scope = app.Services.CreateScope();
        var imports = scope.ServiceProvider.GetServices<ICsvImport>().ToArray();
        var kinds = string.Join(", ", imports.Select(i => i.Kind));
        if (words is not ["import", var kind, var file, ..] || imports.FirstOrDefault(i => i.Kind == kind) is not { } import)
        {
            await Console.Error.WriteLineAsync($"Usage: import KIND FILE.csv [--partial], where KIND is one of: {kinds}.");
            return 2;
        }

        if (!File.Exists(file))
        {
            await Console.Error.WriteLineAsync($"There is no file {Path.GetFullPath(file)}. Give the path of a CSV file with the columns {import.Columns}.");
            return 2;
        }

        using var csv = new StreamReader(file);
        var report = await import.ImportAsync(csv, new ImportRequest(null, "command line", words.Contains("--partial")), app.Lifetime.ApplicationStopping);
        await (report.Applied ? Console.Out : Console.Error).WriteLineAsync(report.Summary);
        return report.Applied ? 0 : 1;
    }
}
