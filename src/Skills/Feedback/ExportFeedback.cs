using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using ProductOps.Skills.Admin;
using ProductOps.Skills.Conversation;

namespace ProductOps.Skills.Feedback;

/// <summary>
/// <c>/feedback export [filters]</c>: a CSV of the matching items, as a download link the bot serves
/// once, until it expires. The link carries a random token; only its hash is stored.
/// </summary>
public sealed class ExportFeedbackHandler(IFeedbackStore items, IExportLinkStore links, FeedbackFilters filters, FeedbackSettings settings, TimeProvider clock)
    : ICommandHandler
{
    public const string DownloadPath = "/feedback/export/";

    public static readonly CommandSpec Spec = new(
        SubmitFeedbackHandler.Command,
        "export",
        "Exports feedback with accounts, themes and statuses as CSV, through a one-time download link.",
        "/feedback export [<words>] [area:<area>] [account:\"<account>\"] [type:<type>] [since:90d]",
        "/feedback export area:Payments since:90d");

    public async Task<Response> HandleAsync(CommandRequest request, CancellationToken ct)
    {
        var (query, problem) = await filters.ReadAsync(request.Args, FeedbackCsv.MaxRows, ct);
        if (query is null)
        {
            return AdminReplies.Problem(problem!, Spec);
        }

        query = query with { Page = 1 };
        var count = (await items.SearchAsync(query with { PageSize = 1 }, ct)).Total;
        if (count == 0)
        {
            return Response.Say("No feedback matches those filters, so there is nothing to export.");
        }

        var token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)).Replace('+', '-').Replace('/', '_').TrimEnd('=');
        var expires = clock.GetUtcNow() + settings.ExportLinkLifetime;
        await links.CreateAsync(TokenHash(token), query, request.Person.Id, expires, ct);
        var url = settings.PublicUrl.TrimEnd('/') + DownloadPath + token;
        var shown = Math.Min(count, FeedbackCsv.MaxRows);
        var text = Markup.Of($"Your CSV of {FeedbackReplies.Items(shown)} is ready: {Md.Link("download feedback.csv", url)}. The link works once, for {settings.ExportLinkLifetime.TotalMinutes:0} minutes.");
        if (count > FeedbackCsv.MaxRows)
        {
            text += Markup.Of($" It holds the newest {FeedbackCsv.MaxRows:N0} of {count:N0}; narrow the filters, or page through GET /api/feedback.");
        }

        return Response.Say(text);
    }

    public static string TokenHash(string token) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}

/// <summary>Feedback as CSV (RFC 4180) with a header row; cells that a spreadsheet would run as a formula are prefixed with an apostrophe.</summary>
public static class FeedbackCsv
{
    public const int MaxRows = 50_000;

    public static readonly string[] Columns =
    [
        "id", "created_at", "submitter", "area", "account", "segment", "account_in_catalogue", "type", "urgency", "revenue_at_stake",
        "theme_id", "theme", "theme_status", "keep_posted", "source_link", "source_author", "verbatim",
    ];

    public static async Task WriteAsync(TextWriter writer, IEnumerable<FeedbackView> views, CancellationToken ct)
    {
        await writer.WriteAsync(string.Join(',', Columns) + "\r\n");
        foreach (var view in views)
        {
            ct.ThrowIfCancellationRequested();
            var item = view.Item;
            string?[] cells =
            [
                item.Id.ToString(CultureInfo.InvariantCulture),
                item.CreatedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
                view.SubmitterName,
                view.AreaName,
                view.AccountName ?? item.AccountText,
                view.Segment,
                item.AccountId is null ? "no" : "yes",
                item.Type,
                item.Urgency,
                item.Arr?.ToString("0.##", CultureInfo.InvariantCulture),
                item.ThemeId?.ToString(CultureInfo.InvariantCulture),
                view.ThemeTitle,
                view.ThemeStatus,
                item.KeepPosted ? "yes" : "no",
                item.SourceLink,
                item.SourceAuthor,
                item.Verbatim,
            ];
            await writer.WriteAsync(string.Join(',', cells.Select(Cell)) + "\r\n");
        }
    }

    private static string Cell(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "";
        }

        if (value[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
        {
            value = "'" + value;
        }

        return value.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }
}
