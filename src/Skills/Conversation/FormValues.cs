using System.Globalization;

namespace ProductOps.Skills.Conversation;

/// <summary>
/// The values of a submitted form by input id. Every input may carry several values (multi selects);
/// absent and blank values read as missing.
/// </summary>
public sealed class FormValues(IReadOnlyDictionary<string, IReadOnlyList<string>> values)
{
    public static readonly FormValues None = new(new Dictionary<string, IReadOnlyList<string>>());

    public IReadOnlyDictionary<string, IReadOnlyList<string>> All => values;

    public static FormValues Of(params (string Id, string Value)[] pairs) =>
        new(pairs.GroupBy(p => p.Id).ToDictionary(g => g.Key, g => (IReadOnlyList<string>)g.Select(p => p.Value).ToArray()));

    public string? Text(string id) =>
        values.TryGetValue(id, out var v) && v.Count > 0 && !string.IsNullOrWhiteSpace(v[0]) ? v[0].Trim() : null;

    public IReadOnlyList<string> List(string id) =>
        values.TryGetValue(id, out var v) ? v.Where(s => !string.IsNullOrWhiteSpace(s)).ToArray() : [];

    public bool Flag(string id) => Text(id) is { } v && (v is "true" or "on" or "1" or "yes");

    public decimal? Number(string id) =>
        decimal.TryParse(Text(id), NumberStyles.Number, CultureInfo.InvariantCulture, out var n) ? n : null;

    public DateOnly? Date(string id) =>
        DateOnly.TryParseExact(Text(id), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;
}
