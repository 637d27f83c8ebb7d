using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using ProductOps.Skills.Admin;
using ProductOps.Skills.Conversation;

namespace ProductOps.Skills.Feedback;

/// <summary>
/// <c>/feedback export [filters]</c>: a CSV of the matching items, posted to the asker as a file in a
/// direct message where the platform takes files (or offered there to accept, where the platform asks
/// first), otherwise a download link the bot serves once, until it expires. The link carries a
/// random token; only its hash is stored.
/// </summary>
public sealed class ExportFeedbackHandler(IFeedbackStore items, IExportLinkStore links, FeedbackFilters filters, IFileSender files, FeedbackSettings settings, TimeProvider clock)
    : ICommandHandler
{
    public const string DownloadPath = "/feedback/export/";

    public const string FileName = "feedback.csv";

    public static readonly CommandSpec Spec = new(
        SubmitFeedbackHandler.Command,
        "export",
        "Exports feedback with accounts, themes and statuses as CSV: a file in a DM where the platform allows, otherwise a one-time download link.",
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

        var shown = Math.Min(count, FeedbackCsv.MaxRows);
        var newest = count > FeedbackCsv.MaxRows
            ? Markup.Of($" It holds the newest {FeedbackCsv.MaxRows:N0} of {count:N0}; narrow the filters, or page through GET /api/feedback.")
            : Markup.Empty;
        var sent = files.CanSend(request.Inbound.From) ? await SendFileAsync(request.Inbound.From, query, shown, ct) : FileSent.NotSupported;
        var delivered = sent switch
        {
            FileSent.Sent => Markup.Of($"Sent {Md.Bold(FileName)} with {FeedbackReplies.Items(shown)} to you as a direct message."),
            FileSent.Offered => Markup.Of($"Offered you {Md.Bold(FileName)} with {FeedbackReplies.Items(shown)} in a direct message: accept it there to receive the file."),
            _ => null,
        };
        if (delivered is not null)
        {
            return Response.Say(delivered + newest);
        }

        var token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)).Replace('+', '-').Replace('/', '_').TrimEnd('=');
        var expires = clock.GetUtcNow() + settings.ExportLinkLifetime;
        await links.CreateAsync(TokenHash(token), query, request.Person.Id, expires, ct);
        var url = settings.PublicUrl.TrimEnd('/') + DownloadPath + token;
        var failed = sent == FileSent.Failed ? "I could not post the file to you, so here is a link instead. " : "";
        return Response.Say(
            Markup.Of($"{failed}Your CSV of {FeedbackReplies.Items(shown)} is ready: {Md.Link("download " + FileName, url)}. The link works once, for {settings.ExportLinkLifetime.TotalMinutes:0} minutes.") + newest);
    }

    private async Task<FileSent> SendFileAsync(ChatUser asker, FeedbackQuery query, int shown, CancellationToken ct)
    {
        var page = await items.SearchAsync(query with { Page = 1, PageSize = FeedbackCsv.MaxRows }, ct);
        await using var csv = new StringWriter(CultureInfo.InvariantCulture);
        await FeedbackCsv.WriteAsync(csv, page.Items, ct);
        var comment = $"Feedback export: {FeedbackReplies.Items(shown)}, as of {clock.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC.";
        return await files.SendAsync(asker, new FileForPerson(FileName, "Feedback export", Encoding.UTF8.GetBytes(csv.ToString()), comment), ct);
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
