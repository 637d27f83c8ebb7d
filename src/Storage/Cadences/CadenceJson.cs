using System.Text.Json;
using System.Text.Json.Serialization;
using ProductOps.Skills.Cadences;

namespace ProductOps.Storage.Cadences;

/// <summary>How cadence definitions and answers are stored as JSON.</summary>
internal static class CadenceJson
{
    // Enums as names, so stored definitions survive reordering an enum.
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };

    public static string Definition(CadenceDraft draft) => JsonSerializer.Serialize(draft, Options);

    public static CadenceDraft ReadDefinition(string json) =>
        JsonSerializer.Deserialize<CadenceDraft>(json, Options) ?? throw new JsonException("A stored cadence definition is null.");

    public static string Answers(IReadOnlyDictionary<string, string> answers) => JsonSerializer.Serialize(answers, Options);

    public static IReadOnlyDictionary<string, string> ReadAnswers(string json) =>
        JsonSerializer.Deserialize<Dictionary<string, string>>(json, Options) ?? [];
}
