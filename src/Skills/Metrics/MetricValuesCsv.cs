using CsvHelper;

namespace ProductOps.Skills.Metrics;

/// <summary>
/// Reads metric values from CSV: a header with <c>date</c> and <c>value</c>, <c>metric</c> unless
/// the metric is given, and one column per dimension (an empty cell leaves that dimension out).
/// </summary>
public static class MetricValuesCsv
{
    public const string Columns = "metric,date,value and one column per dimension (e.g. segment,region)";

    /// <summary>The rows, or a problem with the file as a whole (no header, missing columns).</summary>
    public static async Task<(IReadOnlyList<RawPoint> Rows, string? Problem)> ReadAsync(TextReader text, string? metric, CancellationToken ct)
    {
        // A fixed separator: detection could take a semicolon inside a definition for the separator.
        var options = new CsvReaderOptions { Separator = ',', TrimWhitespace = true, TrackLineNumbers = true };
        await using var csv = CsvReader.Create(text, options, leaveOpen: true);
        await csv.ReadHeaderAsync(ct);
        var header = csv.Headers.Select(h => h.Trim()).ToArray();
        var required = metric is null ? new[] { "metric", "date", "value" } : ["date", "value"];
        if (header.Length == 0 || header.All(h => h.Length == 0))
        {
            return ([], $"The CSV is empty. Start with a header line: {string.Join(',', required)}, then one column per dimension.");
        }

        var names = header.Select(h => h.ToLowerInvariant()).ToArray();
        var missing = required.Where(r => !names.Contains(r)).ToArray();
        if (missing.Length > 0)
        {
            return ([], $"The header has no {string.Join(" or ", missing)} column. It reads \"{string.Join(',', header)}\"; it needs {string.Join(',', required)} and then one column per dimension.");
        }

        var metricAt = Array.IndexOf(names, "metric");
        var dateAt = Array.IndexOf(names, "date");
        var valueAt = Array.IndexOf(names, "value");
        var rows = new List<RawPoint>();
        while (await csv.ReadAsync(ct))
        {
            string Cell(int i) => i < csv.FieldCount ? csv.GetString(i) : "";
            var dimensions = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            for (var i = 0; i < names.Length; i++)
            {
                if (i != metricAt && i != dateAt && i != valueAt)
                {
                    dimensions[header[i]] = Cell(i);
                }
            }

            rows.Add(new RawPoint((int)csv.LineNumber, metric ?? Cell(metricAt), Cell(dateAt), Cell(valueAt), dimensions));
        }

        return (rows, null);
    }
}
