using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace ProductOps.Bot.Teams;

/// <summary>
/// An Adaptive Card as the UTF-8 JSON it is sent as. It is written once by
/// <see cref="AdaptiveCardRenderer"/> and copied as is into the activity or invoke answer that
/// carries it, so a card is never built as a tree of nodes nor serialised twice.
/// </summary>
[JsonConverter(typeof(Converter))]
public sealed class CardJson
{
    private readonly byte[] _utf8;

    internal CardJson(byte[] utf8) => _utf8 = utf8;

    public ReadOnlySpan<byte> Utf8 => _utf8;

    /// <summary>A node for a place in a message or invoke answer; it writes these bytes unchanged.</summary>
    public JsonNode AsNode() => JsonValue.Create(this)!;

    private sealed class Converter : JsonConverter<CardJson>
    {
        public override CardJson Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            throw new NotSupportedException("Cards are only written; read a card's JSON as a JsonNode.");

        // Written by the renderer's own JSON writer, so it is valid JSON already.
        public override void Write(Utf8JsonWriter writer, CardJson value, JsonSerializerOptions options) =>
            writer.WriteRawValue(value._utf8, skipInputValidation: true);
    }
}
