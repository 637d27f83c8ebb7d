using System.Text;
using ProductOps.Bot.Api;
using ProductOps.Skills.Feedback;

namespace ProductOps.Bot.Feedback;

/// <summary>
/// <c>GET /api/feedback</c> for BI tools (API token, same filters as search, paged) and
/// <c>GET /feedback/export/{token}</c>, the one-time CSV download behind <c>/feedback export</c>.
/// </summary>
public static class FeedbackEndpoints
{
    public const int MaxPageSize = 500;

    public static RouteGroupBuilder MapFeedbackApi(this RouteGroupBuilder api)
    {
        api.MapGet("/feedback", ListAsync);
        return api;
    }

    public static WebApplication MapFeedbackExports(this WebApplication app)
    {
        app.MapGet(ExportFeedbackHandler.DownloadPath + "{token}", DownloadAsync);
        return app;
    }

    private static async Task<IResult> ListAsync(HttpContext http, FeedbackFilters filters, IFeedbackStore items, CancellationToken ct)
    {
        var query = http.Request.Query;
        var pageSize = 50;
        if (query.TryGetValue("pageSize", out var sizeText) && (!int.TryParse(sizeText, out pageSize) || pageSize is < 1 or > MaxPageSize))
        {
            return Results.BadRequest(new ApiError($"pageSize must be a whole number from 1 to {MaxPageSize}."));
        }

        var options = query.Where(q => q.Key is not ("q" or "pageSize")).ToDictionary(q => q.Key, q => q.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        var (found, problem) = await filters.ReadAsync(query["q"].ToString(), options, pageSize, ct);
        if (found is null)
        {
            return Results.BadRequest(new ApiError(problem! + " Query parameters: q, area, account, type, since, page, pageSize."));
        }

        var page = await items.SearchAsync(found, ct);
        return Results.Ok(new
        {
            page.Page,
            page.PageSize,
            page.Total,
            page.Pages,
            Items = page.Items.Select(v => new
            {
                v.Item.Id,
                v.Item.CreatedAt,
                Submitter = v.SubmitterName,
                Area = v.AreaName,
                Account = v.AccountName ?? v.Item.AccountText,
                v.Segment,
                InCatalogue = v.Item.AccountId is not null,
                v.Item.Type,
                v.Item.Urgency,
                RevenueAtStake = v.Item.Arr,
                v.Item.ThemeId,
                Theme = v.ThemeTitle,
                ThemeStatus = v.ThemeStatus,
                v.Item.SourceLink,
                v.Item.Verbatim,
            }),
        });
    }

    private static async Task<IResult> DownloadAsync(string token, HttpContext http, IExportLinkStore links, IFeedbackStore items, ILoggerFactory logs, CancellationToken ct)
    {
        if (await links.RedeemAsync(ExportFeedbackHandler.TokenHash(token), ct) is not { } query)
        {
            return Results.Text("This export link was already used or has expired. Run /feedback export again for a new one.", "text/plain", Encoding.UTF8, StatusCodes.Status410Gone);
        }

        var page = await items.SearchAsync(query with { Page = 1, PageSize = FeedbackCsv.MaxRows }, ct);
        logs.CreateLogger("ProductOps.Bot.Feedback.Export").LogInformation("Exported {Count} feedback items", page.Items.Count);
        http.Response.ContentType = "text/csv; charset=utf-8";
        http.Response.Headers.ContentDisposition = "attachment; filename=\"feedback.csv\"";
        http.Response.Headers.CacheControl = "no-store";
        await using var writer = new StreamWriter(http.Response.Body, new UTF8Encoding(false));
        await FeedbackCsv.WriteAsync(writer, page.Items, ct);
        return Results.Empty;
    }
}
