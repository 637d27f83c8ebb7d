namespace ProductOps.Bot.Slack;

/// <summary>
/// Slack settings, bound from the "Slack" section. The three secrets are read from the environment
/// (<c>SLACK_SIGNING_SECRET</c>, <c>SLACK_BOT_TOKEN</c>, <c>SLACK_APP_TOKEN</c>) or from
/// <c>Slack:SigningSecret</c>, <c>Slack:BotToken</c>, <c>Slack:AppToken</c> (user secrets), never from
/// appsettings.json, and never logged.
/// </summary>
public sealed class SlackOptions
{
    public const string Section = "Slack";

    /// <summary>Where the Web API lives; tests point it at a fake.</summary>
    public string ApiBaseUrl { get; set; } = "https://slack.com/api/";

    /// <summary>The path the three request URLs hang under: {BasePath}/commands, /interactions, /events.</summary>
    public string BasePath { get; set; } = "/slack";

    /// <summary>
    /// Acknowledged requests that may wait for their turn (stored in the database; the first
    /// thousand also in memory). Beyond this Slack is told to try again. A burst this size is
    /// answered within minutes, well inside the half hour a response URL stays valid.
    /// </summary>
    public int QueueCapacity { get; set; } = 1_000_000;

    /// <summary>Turns run at once. Several, so a command that opens a form never waits behind slow ones.</summary>
    public int Workers { get; set; } = 8;

    /// <summary>How long one Web API call may take before it counts as failed and is retried.</summary>
    public int HttpTimeoutSeconds { get; set; } = 10;

    /// <summary>How long users.info answers are reused (name, e-mail, time zone).</summary>
    public int UserCacheMinutes { get; set; } = 60;

    public string? SigningSecret { get; set; }

    public string? BotToken { get; set; }

    public string? AppToken { get; set; }

    /// <summary>Requests from Slack are accepted (HTTP mode) only when a signing secret is set.</summary>
    public bool HttpEnabled => !string.IsNullOrWhiteSpace(SigningSecret);

    /// <summary>Socket Mode runs when an app-level token is set; replies still need the bot token.</summary>
    public bool SocketModeEnabled => !string.IsNullOrWhiteSpace(AppToken);

    public bool CanSend => !string.IsNullOrWhiteSpace(BotToken);

    /// <summary>Fills the secrets from the environment names Slack's own tools use, where the section has none.</summary>
    public void ReadSecrets(IConfiguration configuration)
    {
        SigningSecret = Pick(SigningSecret, configuration["SLACK_SIGNING_SECRET"]);
        BotToken = Pick(BotToken, configuration["SLACK_BOT_TOKEN"]);
        AppToken = Pick(AppToken, configuration["SLACK_APP_TOKEN"]);
    }

    /// <summary>Problems a person can act on; empty when the options are usable. Secret values are never quoted.</summary>
    public IEnumerable<string> Problems()
    {
        if (!Uri.TryCreate(ApiBaseUrl, UriKind.Absolute, out var api) || api.Scheme is not ("https" or "http") || !ApiBaseUrl.EndsWith('/'))
        {
            yield return $"Slack:ApiBaseUrl is \"{ApiBaseUrl}\"; use an absolute http(s) URL ending in a slash, like https://slack.com/api/.";
        }

        if (!BasePath.StartsWith('/') || BasePath.Length < 2 || BasePath.EndsWith('/'))
        {
            yield return $"Slack:BasePath is \"{BasePath}\"; use a path like /slack (leading slash, no trailing slash).";
        }

        if (QueueCapacity is < 1 or > 1_000_000)
        {
            yield return $"Slack:QueueCapacity is {QueueCapacity}; use 1 to 1000000.";
        }

        if (Workers is < 1 or > 256)
        {
            yield return $"Slack:Workers is {Workers}; use 1 to 256.";
        }

        if (HttpTimeoutSeconds is < 1 or > 120)
        {
            yield return $"Slack:HttpTimeoutSeconds is {HttpTimeoutSeconds}; use 1 to 120.";
        }

        if (UserCacheMinutes is < 0 or > 10_080)
        {
            yield return $"Slack:UserCacheMinutes is {UserCacheMinutes}; use 0 to 10080.";
        }

        if (!string.IsNullOrWhiteSpace(BotToken) && !BotToken.StartsWith("xoxb-", StringComparison.Ordinal))
        {
            yield return "SLACK_BOT_TOKEN is not a bot token: it must start with xoxb- (OAuth & Permissions → Bot User OAuth Token).";
        }

        if (!string.IsNullOrWhiteSpace(AppToken) && !AppToken.StartsWith("xapp-", StringComparison.Ordinal))
        {
            yield return "SLACK_APP_TOKEN is not an app-level token: it must start with xapp- (Basic Information → App-Level Tokens, scope connections:write).";
        }

        if (SocketModeEnabled && !CanSend)
        {
            yield return "SLACK_APP_TOKEN is set but SLACK_BOT_TOKEN is not: Socket Mode receives requests, the bot token is needed to answer them.";
        }
    }

    private static string? Pick(string? configured, string? environment) =>
        string.IsNullOrWhiteSpace(configured) ? (string.IsNullOrWhiteSpace(environment) ? null : environment.Trim()) : configured.Trim();
}
