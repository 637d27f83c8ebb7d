using ProductOps.Skills.Importing;

namespace ProductOps.Bot.Tests.Api;

/// <summary>A tiny import for API tests: one "name" column; a blank name is a bad row.</summary>
public sealed class WidgetImport : ICsvImport
{
    public List<string> Imported { get; } = [];

    public string? LastActor { get; private set; }

    public string Kind => "widgets";

    public string Columns => "name";

    public async Task<ImportReport> ImportAsync(TextReader csv, ImportRequest request, CancellationToken ct)
    {
        LastActor = request.ActorName;
        var rows = (await csv.ReadToEndAsync(ct)).Split('\n').Skip(1).Select(l => l.Trim()).ToArray();
        var rejected = rows.Select((name, i) => (name, line: i + 2)).Where(r => r.name.Length == 0).Select(r => new RejectedRow(r.line, "name is empty")).ToArray();
        if (rejected.Length > 0 && !request.Partial)
        {
            return new ImportReport(0, 0, rejected, false);
        }

        var good = rows.Where(r => r.Length > 0).ToArray();
        Imported.AddRange(good);
        return new ImportReport(good.Length, 0, rejected, true);
    }
}
