using Microsoft.Extensions.Options;

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
        if (http.Request.ContentLength > limit)
        {
            return (null, tooLarge);
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await http.Request.Body.ReadAsync(chunk, http.RequestAborted)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                return (null, tooLarge);
            }

            buffer.Write(chunk, 0, read);
        }

        return (buffer.ToArray(), null);
    }
}
