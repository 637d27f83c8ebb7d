using System.Text.Json;
using System.Text.Json.Serialization;
using ProductOps.Bot.Hosting;

namespace ProductOps.Bot.DevChat;

/// <summary>The dev chat API's JSON: camelCase, enums as camelCase words, nulls left out.</summary>
internal static class DevChatJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static IResult Ok(object value) => Results.Json(value, Options);

    public static IResult BadRequest(string error) => Results.Json(new ErrorView(error), Options, statusCode: StatusCodes.Status400BadRequest);
}

public sealed record ErrorView(string Error);

/// <summary>Reads a request body as JSON, refusing bodies over <see cref="MaxBytes"/> before parsing them.</summary>
internal static class DevChatBody
{
    public const int MaxBytes = 64 * 1024;

    public static async Task<(T? Value, IResult? Error)> ReadAsync<T>(HttpRequest request, CancellationToken ct)
        where T : class
    {
        if (await RequestBody.ReadAsync(request, MaxBytes, ct) is not { } body)
        {
            return (null, TooLarge());
        }

        if (body.Length == 0)
        {
            return (null, DevChatJson.BadRequest("The request has no body; send a JSON object."));
        }

        try
        {
            var value = JsonSerializer.Deserialize<T>(body, DevChatJson.Options);
            return value is null ? (null, DevChatJson.BadRequest("The body is JSON null; send a JSON object.")) : (value, null);
        }
        catch (JsonException e)
        {
            return (null, DevChatJson.BadRequest($"The body is not the JSON this endpoint takes: {e.Message}"));
        }
    }

    private static IResult TooLarge() =>
        DevChatJson.BadRequest($"The request body is larger than {MaxBytes / 1024} KB; send less text.");
}
