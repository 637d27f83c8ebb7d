using System.Text;
using ProductOps.Skills.Importing;

namespace ProductOps.Bot.Api;

/// <summary><c>POST /api/{kind}</c> with a CSV body runs that import (<c>?partial=true</c> keeps the good rows).</summary>
public static class ImportEndpoints
{
    public static RouteGroupBuilder MapImports(this RouteGroupBuilder api, IEnumerable<string> kinds)
    {
        foreach (var kind in kinds)
        {
            api.MapPost("/" + kind, (HttpContext http, IEnumerable<ICsvImport> imports, bool? partial) =>
                ImportAsync(http, imports.Single(i => i.Kind == kind), partial ?? false));
        }

        return api;
    }

    private static async Task<IResult> ImportAsync(HttpContext http, ICsvImport import, bool partial)
    {
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
        var report = await import.ImportAsync(csv, new ImportRequest(null, $"API token \"{caller.Name}\"", partial), http.RequestAborted);
        var result = new
        {
            report.Applied,
            report.Added,
            report.Updated,
            Rejected = report.Rejected.Select(r => new { r.Line, r.Reason }),
            report.Summary,
        };
        return report.Applied ? Results.Ok(result) : Results.UnprocessableEntity(result);
    }
}
