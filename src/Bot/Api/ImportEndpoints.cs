using System.Text;
using ProductOps.Skills.Importing;

namespace ProductOps.Bot.Api;

/// <summary><c>POST /api/{kind}</c> with a CSV body runs that import (<c>?partial=true</c> keeps the good rows).</summary>
public static class ImportEndpoints
{
    private const string PartialHint = "?partial=true";

    public static RouteGroupBuilder MapImports(this RouteGroupBuilder api, IEnumerable<string> kinds)
    {
        foreach (var kind in kinds)
        {
            api.MapPost("/" + kind, (HttpContext http, IEnumerable<ICsvImport> imports, string? partial) =>
                ImportAsync(http, imports.Single(i => i.Kind == kind), partial));
        }

        return api;
    }

    private static async Task<IResult> ImportAsync(HttpContext http, ICsvImport import, string? partialText)
    {
        bool? partial = partialText?.ToLowerInvariant() switch
        {
            null or "false" or "0" or "no" => false,
            "true" or "1" or "yes" => true,
            _ => null,
        };
        if (partial is null)
        {
            return Results.BadRequest(new ApiError($"partial={partialText} is not true or false. Add ?partial=true to store the good rows when some are bad."));
        }

        // JSON sent here would be read as a CSV header row; say what the endpoint takes instead.
        if ((http.Request.ContentType ?? "").Contains("json", StringComparison.OrdinalIgnoreCase))
        {
            return Results.Json(
                new ApiError($"This endpoint takes CSV (Content-Type: text/csv) with the columns {import.Columns}."),
                statusCode: StatusCodes.Status415UnsupportedMediaType);
        }

        var (body, refusal) = await ApiBody.ReadAsync(http);
        if (refusal is not null)
        {
            return refusal;
        }

        if (body!.Length == 0)
        {
            return Results.BadRequest(new ApiError($"The body is empty. Send CSV with the columns {import.Columns}."));
        }

        var caller = ApiTokenFilter.Caller(http);
        using var csv = new StreamReader(new MemoryStream(body), Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        var report = await import.ImportAsync(csv, new ImportRequest(null, $"API token \"{caller.Name}\"", partial.Value), http.RequestAborted);
        var result = new
        {
            report.Applied,
            report.Added,
            report.Updated,
            Rejected = report.Rejected.Select(r => new { r.Line, r.Reason }),
            Summary = report.SummaryWith(PartialHint),
        };
        return report.Applied ? Results.Ok(result) : Results.UnprocessableEntity(result);
    }
}
