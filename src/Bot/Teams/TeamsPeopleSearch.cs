using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using ProductOps.Skills.Admin;
using ProductOps.Skills.Conversation;

namespace ProductOps.Bot.Teams;

/// <summary>
/// Typeahead for person pickers in dialogs. An organisation's everyone does not fit in a card
/// (Teams refuses cards past about 28 KB), so a picker over <see cref="AdaptiveCardRenderer.StaticPeopleLimit"/>
/// people asks as the user types (<c>application/search</c> with dataset <see cref="Dataset"/>), and
/// this answers the people whose name, handle or e-mail contain the words typed.
/// </summary>
public sealed class TeamsPeopleSearch(IPeopleStore people)
{
    public const string Invoke = "application/search";
    public const string Dataset = "people";

    // Teams shows at most 15 options.
    private const int MaxResults = 15;

    public async Task<InvokeAnswer> AnswerAsync(Activity activity, CancellationToken ct)
    {
        var value = activity.Value is { ValueKind: JsonValueKind.Object } v ? v : default;
        if (Text(value, "dataset") != Dataset)
        {
            return Results([]);
        }

        var words = (Text(value, "queryText") ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var skip = Number(value, "skip") ?? 0;
        var top = Math.Clamp(Number(value, "top") ?? MaxResults, 1, MaxResults);
        var found = (await people.ListAsync(ct))
            .Where(p => words.All(w => Matches(p, w)))
            .OrderBy(p => p.Name, StringComparer.OrdinalIgnoreCase)
            .Skip(skip)
            .Take(top);
        return Results(found.Select(p => (AdaptiveCardRenderer.PersonLabel(p), p.Id.ToString(CultureInfo.InvariantCulture))));
    }

    private static bool Matches(Person person, string word) =>
        person.Name.Contains(word, StringComparison.OrdinalIgnoreCase)
        || person.Handle.Contains(word.TrimStart('@'), StringComparison.OrdinalIgnoreCase)
        || person.Email?.Contains(word, StringComparison.OrdinalIgnoreCase) == true;

    private static InvokeAnswer Results(IEnumerable<(string Title, string Value)> results) => InvokeAnswer.Ok(new JsonObject
    {
        ["type"] = "application/vnd.microsoft.search.searchResponse",
        ["value"] = new JsonObject
        {
            ["results"] = new JsonArray([.. results.Select(r => new JsonObject { ["title"] = r.Title, ["value"] = r.Value })]),
        },
    });

    private static string? Text(JsonElement value, string name) =>
        value.ValueKind == JsonValueKind.Object && value.TryGetProperty(name, out var p) && p.ValueKind == JsonValueKind.String ? p.GetString() : null;

    /// <summary>Paging as Teams sends it, under <c>queryOptions</c>.</summary>
    private static int? Number(JsonElement value, string name) =>
        value.ValueKind == JsonValueKind.Object && value.TryGetProperty("queryOptions", out var options) && options.ValueKind == JsonValueKind.Object
        && options.TryGetProperty(name, out var p) && p.TryGetInt32(out var n) && n >= 0
            ? n
            : null;
}
