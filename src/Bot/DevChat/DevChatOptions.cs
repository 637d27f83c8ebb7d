using Microsoft.Extensions.Options;

namespace ProductOps.Bot.DevChat;

/// <summary>Settings of the local dev chat, bound from the "DevChat" section.</summary>
public sealed class DevChatOptions
{
    public const string Section = "DevChat";

    /// <summary>
    /// <c>auto</c> (the default): on in the Development environment and whenever no chat platform is
    /// configured; <c>true</c> or <c>false</c> force it.
    /// </summary>
    public string Enabled { get; set; } = "auto";

    internal bool IsValid => Enabled.Trim().ToLowerInvariant() is "auto" or "true" or "false";
}

/// <summary>Whether the dev chat runs in this process; decided once at start-up.</summary>
public sealed class DevChatStatus(IOptions<DevChatOptions> options, IConfiguration configuration, IHostEnvironment environment)
{
    public bool Enabled { get; } = Decide(options.Value, configuration, environment);

    private static bool Decide(DevChatOptions options, IConfiguration configuration, IHostEnvironment environment) =>
        options.Enabled.Trim().ToLowerInvariant() switch
        {
            "true" => true,
            "false" => false,
            _ => environment.IsDevelopment() || !AnyPlatformConfigured(configuration),
        };

    // Only the presence of a credential is checked here; the value is never read or logged.
    private static bool AnyPlatformConfigured(IConfiguration configuration) =>
        !string.IsNullOrWhiteSpace(configuration["Slack:BotToken"])
        || !string.IsNullOrWhiteSpace(configuration["SLACK_BOT_TOKEN"])
        || !string.IsNullOrWhiteSpace(configuration["Teams:AppId"]);
}
