namespace ProductOps.Bot.Teams;

/// <summary>
/// Settings of the Microsoft Teams connection, bound from the "Teams" section. The app id and
/// password may also come from <c>TEAMS_APP_ID</c>/<c>TEAMS_APP_PASSWORD</c> (or Microsoft's
/// <c>MICROSOFT_APP_ID</c>/<c>MICROSOFT_APP_PASSWORD</c>/<c>MICROSOFT_APP_TENANT_ID</c>).
/// </summary>
public sealed class TeamsOptions
{
    public const string Section = "Teams";

    /// <summary>The public Bot Framework OpenID metadata that names the keys signing channel tokens.</summary>
    public const string PublicOpenIdMetadataUrl = "https://login.botframework.com/v1/.well-known/openidconfiguration";

    /// <summary>The Microsoft App ID of the bot registration; without it the endpoint is closed.</summary>
    public string? AppId { get; set; }

    /// <summary>The client secret of the bot registration; only from the environment or user secrets.</summary>
    public string? AppPassword { get; set; }

    /// <summary>The tenant of a single-tenant bot registration; empty for the (older) multi-tenant kind.</summary>
    public string? TenantId { get; set; }

    public string OpenIdMetadataUrl { get; set; } = PublicOpenIdMetadataUrl;

    /// <summary>Where tokens for calls to the Bot Connector come from; <c>{tenant}</c> is replaced by the tenant id or botframework.com.</summary>
    public string TokenEndpoint { get; set; } = "https://login.microsoftonline.com/{tenant}/oauth2/v2.0/token";

    /// <summary>The scope asked for on the token endpoint.</summary>
    public string TokenScope { get; set; } = "https://api.botframework.com/.default";

    /// <summary>Microsoft Graph, where a channel thread's first message is read.</summary>
    public string GraphBaseUrl { get; set; } = "https://graph.microsoft.com/v1.0";

    /// <summary>Where app-only Graph tokens come from; <c>{tenant}</c> is replaced by the tenant of the team being read.</summary>
    public string GraphTokenEndpoint { get; set; } = "https://login.microsoftonline.com/{tenant}/oauth2/v2.0/token";

    /// <summary>
    /// Development only: with no app id, accept activities without a token when they come from this
    /// machine (the Bot Framework Emulator or a local test script). Never for a deployed bot.
    /// </summary>
    public bool AllowUnauthenticatedLoopback { get; set; }

    /// <summary>The bot's name in welcome messages and cards.</summary>
    public string BotName { get; set; } = "ProductOps";

    /// <summary>The longest <see cref="InvokeBudgetSeconds"/> allowed: Teams waits about 5 s, and the answer needs time to get there.</summary>
    public const double MaxInvokeBudgetSeconds = 4.5;

    /// <summary>How long an invoke (button, dialog, message action) may run before Teams gets a placeholder; Teams waits about 5 s.</summary>
    public double InvokeBudgetSeconds { get; set; } = 4.0;

    /// <summary>Activities (messages, installs) handled at once by the background worker.</summary>
    public int Workers { get; set; } = 4;

    /// <summary>
    /// Acknowledged activities that may wait for the worker, stored in the database (the first
    /// thousand also in memory). Beyond this a new activity is acknowledged only once a turn has made
    /// room. Waiting activities cost no memory each, only their rows.
    /// </summary>
    public int QueueCapacity { get; set; } = 1_000_000;

    /// <summary>How long a file offered in a 1:1 chat (an export) waits for the person to accept it.</summary>
    public double FileOfferHours { get; set; } = 24;

    public TimeSpan FileOfferLifetime => TimeSpan.FromHours(FileOfferHours);

    public bool HasCredentials => !string.IsNullOrWhiteSpace(AppId);

    internal IEnumerable<string> Problems()
    {
        if (HasCredentials && string.IsNullOrWhiteSpace(AppPassword))
        {
            yield return "Teams:AppId is set but no app password: set TEAMS_APP_PASSWORD (or Teams__AppPassword) in the environment.";
        }

        if (HasCredentials && !Guid.TryParse(AppId, out _))
        {
            yield return "Teams:AppId must be the bot's Microsoft App ID, a GUID like 00000000-0000-0000-0000-000000000000.";
        }

        if (!string.IsNullOrWhiteSpace(TenantId) && !Guid.TryParse(TenantId, out _))
        {
            yield return "Teams:TenantId must be a directory (tenant) id GUID, or empty for a multi-tenant bot.";
        }

        if (!IsHttpUrl(OpenIdMetadataUrl))
        {
            yield return "Teams:OpenIdMetadataUrl must be an absolute http(s) URL; the default is " + PublicOpenIdMetadataUrl + ".";
        }

        if (!IsHttpUrl(TokenEndpoint.Replace("{tenant}", "t", StringComparison.Ordinal)))
        {
            yield return "Teams:TokenEndpoint must be an absolute http(s) URL.";
        }

        if (!IsHttpUrl(GraphBaseUrl))
        {
            yield return "Teams:GraphBaseUrl must be an absolute http(s) URL; the default is https://graph.microsoft.com/v1.0.";
        }

        if (!IsHttpUrl(GraphTokenEndpoint.Replace("{tenant}", "t", StringComparison.Ordinal)))
        {
            yield return "Teams:GraphTokenEndpoint must be an absolute http(s) URL.";
        }

        if (HasCredentials && AllowUnauthenticatedLoopback)
        {
            yield return "Teams:AllowUnauthenticatedLoopback is for local development without an app id; remove it when Teams:AppId is set.";
        }

        if (InvokeBudgetSeconds is <= 0 or > MaxInvokeBudgetSeconds)
        {
            yield return "Teams:InvokeBudgetSeconds must be more than 0 and at most 4.5: Teams gives up on a button or dialog after about 5 seconds, and the answer needs time to get there.";
        }

        if (Workers is < 1 or > 64)
        {
            yield return "Teams:Workers must be between 1 and 64.";
        }

        if (QueueCapacity is < 1 or > 1_000_000)
        {
            yield return $"Teams:QueueCapacity is {QueueCapacity}; use 1 to 1000000.";
        }

        if (FileOfferHours is <= 0 or > 720)
        {
            yield return "Teams:FileOfferHours must be more than 0 and at most 720 (30 days).";
        }
    }

    private static bool IsHttpUrl(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp);
}
