using Microsoft.Extensions.Options;
using ProductOps.Bot.Hosting;

namespace ProductOps.Bot.Api;

/// <summary>Reads an API request body whole, refusing it (413) past the configured size.</summary>
public static class ApiBody
{
    public static async Task<(byte[]? Body, IResult? Refusal)> ReadAsync(HttpContext http)
    {
        var limit = http.RequestServices.GetRequiredService<IOptions<ApiOptions>>().Value.MaxBodyBytes;
        var tooLarge = Results.Json(
            new ApiError($"The body is larger than {limit / (1024 * 1024)} MB. Send it in smaller batches."),
            statusCode: StatusCodes.Status413PayloadTooLarge);
        var body = await RequestBody.ReadAsync(http.Request, limit, http.RequestAborted);
        return body is null ? (null, tooLarge) : (body, null);
    }
}
