using System.Text;
using System.Text.Json;
using ProductOps.Bot.Api;
using ProductOps.Skills.Conversation;
using ProductOps.Skills.Metrics;

namespace ProductOps.Bot.Metrics;

/// <summary>
/// <c>POST /api/metrics/{key}/values</c> for BI jobs: CSV (<c>date,value,&lt;dimension&gt;…</c>) or JSON
/// (<c>{"values":[{"date","value","dimensions":{…}}]}</c>); upserts by date and dimension values.
/// <c>?partial=true</c> stores the good rows when some are bad.
/// </summary>
public static class MetricValuesEndpoint
{
    public static RouteGroupBuilder MapMetricValues(this RouteGroupBuilder api)
    {
        api.MapPost("/metrics/{key}/values", PostAsync);
        return api;
    }

    private static async Task<IResult> PostAsync(
        string key,
        bool? partial,
        HttpContext http,
        IMetricCatalog catalog,
        MetricIngest ingest,
        ILoggerFactory logs)
    {
        var metrics = await catalog.ListAsync(http.RequestAborted);
        if (metrics.FirstOrDefault(m => m.Key.Equals(key, StringComparison.OrdinalIgnoreCase)) is not { } metric)
        {
            var close = Suggestions.Closest(key, metrics.Select(m => m.Key));
            var hint = close.Count > 0 ? $" Did you mean {string.Join(" or ", close)}?" : " An admin adds it with /metric set.";
            return Results.NotFound(new ApiError($"There is no metric \"{key}\" in the catalogue.{hint}"));
        }

        var type = http.Request.ContentType ?? "";
        var json = type.Contains("json", StringComparison.OrdinalIgnoreCase);
        if (!json && !type.Contains("csv", StringComparison.OrdinalIgnoreCase))
        {
            return Results.Json(
                new ApiError("Send the values as Content-Type: application/json or text/csv."),
                statusCode: StatusCodes.Status415UnsupportedMediaType);
        }

        var (body, refusal) = await ApiBody.ReadAsync(http);
        if (refusal is not null)
        {
            return refusal;
        }

        IReadOnlyList<RawPoint> rows;
        if (json)
        {
            var (read, problem) = ReadJson(body!, metric.Key);
            if (problem is not null)
            {
                return Results.BadRequest(new ApiError(problem));
            }

            rows = read;
        }
        else
        {
            using var text = new StreamReader(new MemoryStream(body!), Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
            var (read, problem) = await MetricValuesCsv.ReadAsync(text, metric.Key, http.RequestAborted);
            if (problem is not null)
            {
                return Results.BadRequest(new ApiError(problem));
            }

            rows = read;
        }

        var report = await ingest.IngestAsync(rows, partial ?? false, http.RequestAborted);
        logs.CreateLogger(typeof(MetricValuesEndpoint)).LogInformation(
            "Values for metric {Metric} from API token {TokenId}: {Added} added, {Updated} updated, {Rejected} rejected, applied {Applied}",
            metric.Key,
            ApiTokenFilter.Caller(http).Id,
            report.Added,
            report.Updated,
            report.Rejected.Count,
            report.Applied);
        var result = new
        {
            report.Applied,
            report.Added,
            report.Updated,
            Rejected = report.Rejected.Select(r => json ? (object)new { Item = r.Line, r.Reason } : new { r.Line, r.Reason }),
            Summary = json ? report.Summary.Replace("\nline ", "\nitem ", StringComparison.Ordinal) : report.Summary,
        };
        return report.Applied ? Results.Ok(result) : Results.UnprocessableEntity(result);
    }

    /// <summary>Reads <c>{"values":[…]}</c> or a bare array; each item's position (from 1) stands in for a line number.</summary>
    private static (IReadOnlyList<RawPoint> Rows, string? Problem) ReadJson(byte[] body, string metric)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body);
        }
        catch (JsonException e)
        {
            return ([], $"The body is not valid JSON ({e.Message}). Send {{\"values\":[{{\"date\":\"2026-03-01\",\"value\":125000,\"dimensions\":{{\"segment\":\"smb\"}}}}]}}.");
        }

        using (document)
        {
            var root = document.RootElement;
            var items = root.ValueKind switch
            {
                JsonValueKind.Array => root,
                JsonValueKind.Object when root.TryGetProperty("values", out var v) && v.ValueKind == JsonValueKind.Array => v,
                _ => default,
            };
            if (items.ValueKind != JsonValueKind.Array)
            {
                return ([], "The JSON needs a \"values\" array: {\"values\":[{\"date\":\"2026-03-01\",\"value\":125000,\"dimensions\":{\"segment\":\"smb\"}}]}.");
            }

            var rows = new List<RawPoint>(items.GetArrayLength());
            var position = 0;
            foreach (var item in items.EnumerateArray())
            {
                position++;
                if (item.ValueKind != JsonValueKind.Object)
                {
                    return ([], $"Item {position} of \"values\" is not an object. Each value is {{\"date\":\"2026-03-01\",\"value\":125000}}, with \"dimensions\" where the metric has them.");
                }

                rows.Add(new RawPoint(position, metric, Text(item, "date"), Text(item, "value"), Dimensions(item)));
            }

            return (rows, null);
        }
    }

    private static string Text(JsonElement item, string name) =>
        item.TryGetProperty(name, out var v) ? v.ValueKind switch
        {
            JsonValueKind.String => v.GetString() ?? "",
            JsonValueKind.Number => v.GetRawText(),
            JsonValueKind.Null or JsonValueKind.Undefined => "",
            _ => v.GetRawText(),
        } : "";

    private static Dictionary<string, string> Dimensions(JsonElement item)
    {
        var dimensions = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (item.TryGetProperty("dimensions", out var d) && d.ValueKind == JsonValueKind.Object)
        {
            foreach (var p in d.EnumerateObject())
            {
                dimensions[p.Name] = p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString() ?? "" : p.Value.GetRawText();
            }
        }

        return dimensions;
    }
}
