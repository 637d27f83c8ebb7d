using ProductOps.Skills.Accounts;

namespace ProductOps.Skills.Feedback;

/// <summary>Feedback as typed or filled in, before it is checked. <paramref name="Area"/> "not-sure" means no area.</summary>
public sealed record RawFeedback(
    string? Account,
    string? Area,
    string? Type,
    string? Urgency,
    string? Arr,
    string Verbatim,
    string? Link,
    string? Author,
    bool KeepPosted);

/// <summary>Checks raw feedback field by field, so the form and quick capture say the same things about the same mistakes.</summary>
public sealed class FeedbackInput(FeedbackLookup lookup, IAccountStore accounts)
{
    public const string NotSure = "not-sure";
    public const int MaxAccount = 200;
    public const int MaxLink = 1000;

    public async Task<(FeedbackDraft? Draft, IReadOnlyDictionary<string, string> Problems)> ReadAsync(RawFeedback raw, CancellationToken ct)
    {
        var problems = new Dictionary<string, string>();
        var verbatim = raw.Verbatim.Trim();
        if (verbatim.Length == 0)
        {
            problems["verbatim"] = "The customer's words are empty. Write what they said, in their words.";
        }
        else if (verbatim.Length > FeedbackSettings.MaxVerbatim)
        {
            problems["verbatim"] = $"The customer's words are {verbatim.Length:N0} characters long; the limit is {FeedbackSettings.MaxVerbatim:N0}. Shorten them, or link the rest as the source.";
        }

        Admin.Area? area = null;
        if (raw.Area is { } areaText && !string.Equals(areaText.Trim(), NotSure, StringComparison.OrdinalIgnoreCase))
        {
            (area, var problem) = await lookup.AreaAsync(areaText, ct);
            if (problem is not null)
            {
                problems["area"] = problem;
            }
        }

        var type = raw.Type is { } typeText ? FeedbackVocabulary.Type(typeText) : FeedbackVocabulary.Types[0].Key;
        if (type is null)
        {
            problems["type"] = $"\"{raw.Type}\" is not a feedback type. Use one of: {FeedbackVocabulary.Keys(FeedbackVocabulary.Types)}.";
        }

        var urgency = raw.Urgency is { } urgencyText ? FeedbackVocabulary.Urgency(urgencyText) : FeedbackVocabulary.Urgencies[0].Key;
        if (urgency is null)
        {
            problems["urgency"] = $"\"{raw.Urgency}\" is not an urgency. Use one of: {FeedbackVocabulary.Keys(FeedbackVocabulary.Urgencies)}.";
        }

        decimal? arr = null;
        if (raw.Arr is { } arrText)
        {
            if (!Money.TryParse(arrText, out var amount) || amount < 0)
            {
                problems["arr"] = $"\"{arrText}\" is not an amount. Write revenue at stake like 120000, 120k or 1.2M.";
            }
            else if (amount > Money.Max)
            {
                problems["arr"] = Money.TooLarge(arrText);
            }
            else
            {
                arr = amount;
            }
        }

        var link = raw.Link?.Trim();
        if (link is { Length: > 0 } && (link.Length > MaxLink || !Uri.TryCreate(link, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)))
        {
            problems["link"] = $"The source link must be a web address starting with https:// (up to {MaxLink} characters).";
        }

        var accountText = raw.Account?.Trim();
        if (accountText is { Length: > MaxAccount })
        {
            problems["account"] = $"The account name is {accountText.Length} characters long; the limit is {MaxAccount}.";
        }

        if (problems.Count > 0)
        {
            return (null, problems);
        }

        var account = accountText is { Length: > 0 } ? await accounts.FindByNameAsync(accountText, ct) : null;
        var draft = new FeedbackDraft(
            area,
            account,
            accountText is { Length: > 0 } ? accountText : null,
            type!,
            urgency!,
            arr,
            verbatim,
            link is { Length: > 0 } ? link : null,
            string.IsNullOrWhiteSpace(raw.Author) ? null : raw.Author.Trim(),
            raw.KeepPosted);
        return (draft, problems);
    }
}
