using CsvHelper;

namespace ProductOps.Skills.Importing;

/// <summary>One data row of a CSV file: its line in the file and its values by (normalised) column name.</summary>
public sealed class CsvRow(int line, IReadOnlyDictionary<string, string> values)
{
    public int Line => line;

    /// <summary>The trimmed value, or null when the column is absent or the cell blank.</summary>
    public string? this[string column] => values.TryGetValue(column, out var v) && v.Trim().Length > 0 ? v.Trim() : null;

    /// <summary>Whether the file has the column at all (its cell may be blank).</summary>
    public bool Has(string column) => values.ContainsKey(column);
}

/// <summary>
/// Reads a CSV file with a header row for the imports: column names are matched ignoring case,
/// spaces and dashes (so "Renewal Date" is <c>renewal_date</c>), the separator is detected, and
/// unknown or missing columns are reported before any row is read.
/// </summary>
public static class CsvTable
{
    public static string Normalise(string header) =>
        header.Trim().Trim('\uFEFF').ToLowerInvariant().Replace(' ', '_').Replace('-', '_');

    /// <summary>Every row, or the problem with the header (empty file, unknown or missing columns).</summary>
    public static async Task<(IReadOnlyList<CsvRow> Rows, string? Problem)> ReadAsync(
        TextReader text, IReadOnlyCollection<string> known, IReadOnlyCollection<string> required, string columnsHelp, CancellationToken ct)
    {
        var options = new CsvReaderOptions { TrackLineNumbers = true, SkipEmptyLines = false };
        await using var reader = CsvReader.Create(text, options, leaveOpen: true);
        string[] columns;
        try
        {
            await reader.ReadHeaderAsync(ct);
            columns = reader.Headers.Select(Normalise).ToArray();
        }
        catch (CsvFormatException e)
        {
            return ([], $"The header line cannot be read ({e.Message}). The first line names the columns: {columnsHelp}.");
        }

        if (columns.Length == 0 || columns.All(c => c.Length == 0))
        {
            return ([], $"The file is empty. The first line names the columns: {columnsHelp}.");
        }

        if (columns.FirstOrDefault(c => !known.Contains(c)) is { } unknown)
        {
            return ([], $"Unknown column \"{unknown}\". The columns are: {columnsHelp}.");
        }

        if (required.FirstOrDefault(r => !columns.Contains(r)) is { } missing)
        {
            return ([], $"There is no \"{missing}\" column. The columns are: {columnsHelp}.");
        }

        var rows = new List<CsvRow>();
        try
        {
            while (await reader.ReadAsync(ct))
            {
                var values = new Dictionary<string, string>(StringComparer.Ordinal);
                for (var i = 0; i < Math.Min(columns.Length, reader.FieldCount); i++)
                {
                    values[columns[i]] = reader.GetString(i);
                }

                rows.Add(new CsvRow((int)reader.LineNumber, values));
            }
        }
        catch (CsvFormatException e)
        {
            return ([], $"The file is not valid CSV after line {rows.LastOrDefault()?.Line ?? 1}: {e.Message}");
        }

        return (rows, null);
    }
}
