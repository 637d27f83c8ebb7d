using System.Globalization;
using ProductOps.Skills.Accounts;
using ProductOps.Skills.Conversation;

namespace ProductOps.Skills.Feedback;

/// <summary>
/// Reads the filters of search, export and <c>GET /api/feedback</c> (<c>area</c>, <c>account</c>,
/// <c>type</c>, <c>since</c>, <c>page</c>) into a <see cref="FeedbackQuery"/>, or says what is wrong.
/// </summary>
public sealed class FeedbackFilters(FeedbackLookup lookup, IAccountStore accounts, TimeProvider clock)
{
    public static readonly string[] Keys = ["area", "account", "type", "since", "page"];

    public const int MaxWords = 200;

    public async Task<(FeedbackQuery? Query, string? Problem)> ReadAsync(Args args, int pageSize, CancellationToken ct)
    {
        var options = args.All.Where(a => a.Key is not null).GroupBy(a => a.Key!.ToLowerInvariant()).ToDictionary(g => g.Key, g => g.Last().Value);
        if (!options.ContainsKey("area") && args.Positional.FirstOrDefault(a => a.Kind == ArgKind.Channel) is { } channel)
        {
            options["area"] = channel.Value;
        }

        var words = string.Join(' ', args.Positional.Where(a => a.Kind != ArgKind.Channel).Select(a => a.Value));
        return await ReadAsync(words, options, pageSize, ct);
    }

    public async Task<(FeedbackQuery? Query, string? Problem)> ReadAsync(string? words, IReadOnlyDictionary<string, string> options, int pageSize, CancellationToken ct)
    {
        if (options.Keys.FirstOrDefault(k => !Keys.Contains(k, StringComparer.OrdinalIgnoreCase)) is { } unknown)
        {
            return (null, $"There is no filter \"{unknown}\". Filters: {string.Join(", ", Keys)}.");
        }

        string? Option(string key) => options.FirstOrDefault(o => o.Key.Equals(key, StringComparison.OrdinalIgnoreCase)).Value?.Trim() is { Length: > 0 } v ? v : null;

        words = words?.Trim();
        if (words is { Length: > MaxWords })
        {
            return (null, $"The search words are {words.Length} characters long; the limit is {MaxWords}.");
        }

        var query = new FeedbackQuery(Words: words is { Length: > 0 } ? words : null, PageSize: pageSize);
        if (Option("area") is { } areaText)
        {
            var (area, problem) = await lookup.AreaAsync(areaText, ct);
            if (area is null)
            {
                return (null, problem);
            }

            query = query with { AreaId = area.Id };
        }

        if (Option("account") is { } accountText)
        {
            var account = await accounts.FindByNameAsync(accountText, ct);
            query = query with { AccountKey = account is null ? "t:" + accountText.ToLowerInvariant() : "a:" + account.Id.ToString(CultureInfo.InvariantCulture) };
        }

        if (Option("type") is { } typeText)
        {
            if (FeedbackVocabulary.Type(typeText) is not { } type)
            {
                return (null, $"\"{typeText}\" is not a feedback type. Use one of: {FeedbackVocabulary.Keys(FeedbackVocabulary.Types)}.");
            }

            query = query with { Type = type };
        }

        if (Option("since") is { } sinceText)
        {
            if (Since(sinceText, clock.GetUtcNow()) is not { } since)
            {
                return (null, $"since:{sinceText} is not a time. Write a number of days, weeks or months back (30d, 12w, 6m) or a date like 2026-01-31.");
            }

            query = query with { Since = since };
        }

        if (Option("page") is { } pageText)
        {
            if (!int.TryParse(pageText, NumberStyles.None, CultureInfo.InvariantCulture, out var page) || page is < 1 or > 10_000)
            {
                return (null, $"page:{pageText} is not a page number; pages start at 1.");
            }

            query = query with { Page = page };
        }

        return (query, null);
    }

    /// <summary>"30d", "12w", "6m", "1y" back from now, or a date.</summary>
    public static DateTimeOffset? Since(string text, DateTimeOffset now)
    {
        text = text.Trim().ToLowerInvariant();
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        }

        if (text.Length < 2 || !int.TryParse(text.AsSpan(0, text.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n > 36_500)
        {
            return null;
        }

        return text[^1] switch
        {
            'd' => now.AddDays(-n),
            'w' => now.AddDays(-7 * n),
            'm' => now.AddMonths(-n),
            'y' => now.AddYears(-n),
            _ => null,
        };
    }
}
