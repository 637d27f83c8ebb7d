using ProductOps.Skills.Admin;

namespace ProductOps.Bot.Api;

/// <summary>
/// Lets a call to /api/… through only with an active API token (<c>Authorization: Bearer po_…</c>).
/// Refusals are 401 with a message that says what to do; the token itself is never logged.
/// </summary>
public sealed class ApiTokenFilter(IApiTokenStore tokens, ILogger<ApiTokenFilter> log) : IEndpointFilter
{
    private const string TokenItem = "productops.api-token";

    /// <summary>The token that authorised this call, for audit records of what it changed.</summary>
    public static ApiToken Caller(HttpContext http) => (ApiToken)http.Items[TokenItem]!;

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var header = http.Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) || header.Length <= "Bearer ".Length)
        {
            log.LogWarning("API call to {Path} refused: no bearer token", http.Request.Path);
            return Results.Json(
                new ApiError("Missing API token. Send it as 'Authorization: Bearer <token>'; an admin creates one with /productops token create \"name\"."),
                statusCode: StatusCodes.Status401Unauthorized);
        }

        if (await tokens.UseAsync(ApiTokens.Hash(header["Bearer ".Length..]), http.RequestAborted) is not { } token)
        {
            log.LogWarning("API call to {Path} refused: unknown or revoked token", http.Request.Path);
            return Results.Json(new ApiError("Invalid or revoked API token. Ask an admin for a new one."), statusCode: StatusCodes.Status401Unauthorized);
        }

        http.Items[TokenItem] = token;
        return await next(context);
    }
}

/// <summary>The body of every API error: one sentence that says what was wrong and how to fix it.</summary>
public sealed record ApiError(string Error);
