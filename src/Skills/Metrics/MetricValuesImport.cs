using ProductOps.Skills.Importing;

namespace ProductOps.Skills.Metrics;

/// <summary>
/// <c>import metrics FILE.csv</c>, <c>POST /api/metrics</c> and <c>/metric import</c>: values of
/// any metrics of the catalogue in one CSV.
/// </summary>
public sealed class MetricValuesImport(MetricIngest ingest) : ICsvImport
{
    public const string KindName = "metrics";

    public string Kind => KindName;

    public string Columns => MetricValuesCsv.Columns;

    public async Task<ImportReport> ImportAsync(TextReader csv, ImportRequest request, CancellationToken ct)
    {
        var (rows, problem) = await MetricValuesCsv.ReadAsync(csv, null, ct);
        return problem is not null ? ImportReport.Failed(problem) : await ingest.IngestAsync(rows, request.Partial, ct);
    }
}
