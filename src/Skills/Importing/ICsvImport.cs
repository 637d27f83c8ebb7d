namespace ProductOps.Skills.Importing;

/// <summary>
/// One kind of CSV import (accounts, participants, metrics …). The same import runs from chat,
/// from <c>POST /api/…</c> with an API token, and from the command line
/// (<c>dotnet run --project src/Bot -- import KIND FILE.csv [--partial]</c>).
/// </summary>
public interface ICsvImport
{
    /// <summary>The word that names it: <c>import accounts</c>.</summary>
    string Kind { get; }

    /// <summary>The columns it reads, for help and for error messages.</summary>
    string Columns { get; }

    Task<ImportReport> ImportAsync(TextReader csv, ImportRequest request, CancellationToken ct);
}

/// <summary>
/// Who imports (a person's name, an API token's name, or "command line") and whether good rows
/// are imported when some are bad (<paramref name="Partial"/>); without it, one bad row imports nothing.
/// </summary>
public sealed record ImportRequest(long? ActorId, string ActorName, bool Partial);

/// <summary>One rejected row: its line number in the file (the header is line 1) and why.</summary>
public sealed record RejectedRow(int Line, string Reason);

/// <summary>What an import did. <paramref name="Applied"/> is false when bad rows stopped it.</summary>
public sealed record ImportReport(int Added, int Updated, IReadOnlyList<RejectedRow> Rejected, bool Applied)
{
    /// <summary>Most rejected rows a report lists one by one; the rest are counted.</summary>
    public const int MaxListed = 20;

    public static ImportReport Failed(string reason) => new(0, 0, [new RejectedRow(1, reason)], false);

    /// <summary>The report in words, for chat and the command line, where --partial keeps the good rows.</summary>
    public string Summary => SummaryWith(ChatImport.Partial);

    /// <summary>The report in words, naming how the caller asks for the good rows to be kept.</summary>
    public string SummaryWith(string partialHint)
    {
        var head = Applied
            ? $"{Added} added, {Updated} updated, {Rejected.Count} rejected."
            : $"Nothing imported: {Rejected.Count} row{(Rejected.Count == 1 ? "" : "s")} rejected. Fix them, or import the good rows with {partialHint}.";
        var rows = Rejected.Take(MaxListed).Select(r => $"line {r.Line}: {r.Reason}");
        var more = Rejected.Count > MaxListed ? [$"… and {Rejected.Count - MaxListed} more"] : Array.Empty<string>();
        return string.Join("\n", new[] { head }.Concat(rows).Concat(more));
    }
}
