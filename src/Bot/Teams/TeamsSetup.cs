using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using ProductOps.Bot.Outbox;
using ProductOps.Bot.Pipeline;
using ProductOps.Bot.Teams.Auth;
using ProductOps.Bot.Teams.Connector;
using ProductOps.Bot.Teams.Files;
using ProductOps.Skills.Conversation;
using ProductOps.Storage.Teams;

namespace ProductOps.Bot.Teams;

public static class TeamsSetup
{
    /// <summary>The one HTTP client for the OpenID metadata, the token endpoint and the Bot Connector.</summary>
    public const string HttpClientName = "teams";

    /// <summary>The client for OneDrive upload sessions: other hosts, no bot token, and time for a large file.</summary>
    public const string UploadClientName = "teams-uploads";

    /// <summary>The client for Microsoft Graph and its token endpoint.</summary>
    public const string GraphClientName = "teams-graph";

    public static IServiceCollection AddTeams(this IServiceCollection services, IConfiguration configuration)
    {
        // Microsoft's and our own environment names for the credentials; the app id also under
        // Teams:AppId, so the dev chat's automatic switch sees Teams as configured.
        var appId = configuration["Teams:AppId"] is { Length: > 0 } configured ? configured : configuration["TEAMS_APP_ID"] ?? configuration["MICROSOFT_APP_ID"];
        if (!string.IsNullOrWhiteSpace(appId))
        {
            configuration["Teams:AppId"] = appId;
        }

        services.AddOptions<TeamsOptions>()
            .Bind(configuration.GetSection(TeamsOptions.Section))
            .PostConfigure(o =>
            {
                o.AppPassword = string.IsNullOrWhiteSpace(o.AppPassword) ? configuration["TEAMS_APP_PASSWORD"] ?? configuration["MICROSOFT_APP_PASSWORD"] : o.AppPassword;
                o.TenantId = string.IsNullOrWhiteSpace(o.TenantId) ? configuration["TEAMS_APP_TENANT_ID"] ?? configuration["MICROSOFT_APP_TENANT_ID"] : o.TenantId;
            })
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<TeamsOptions>, TeamsOptionsValidator>();
        services.AddHttpClient(HttpClientName, client => client.Timeout = TimeSpan.FromSeconds(15));
        services.AddHttpClient(UploadClientName, client => client.Timeout = TimeSpan.FromMinutes(2));
        services.AddHttpClient(GraphClientName, client => client.Timeout = TimeSpan.FromSeconds(15));
        services.AddDataProtection();
        services.AddSingleton<BotFrameworkKeys>();
        services.AddSingleton<TeamsAuthenticator>();
        services.AddSingleton<TrustedServiceUrls>();
        services.AddSingleton<BotTokenProvider>();
        services.AddSingleton<ConnectorPacing>();
        services.AddSingleton<ConnectorClient>();
        services.AddSingleton<SqlTeamsReferences>();
        services.AddSingleton<CardData>();
        services.AddSingleton<TeamsDirectory>();
        services.AddSingleton<TeamsBlockedUsers>();
        services.AddSingleton<TeamsReplies>();
        services.AddSingleton<TeamsPeopleSearch>();
        services.AddSingleton<TeamsInvokes>();
        services.AddSingleton<InvokesOnce>();
        services.AddScoped<TeamsActivities>();
        services.TryAddSingleton<AcknowledgementsFirst>();
        services.AddSingleton<TeamsBacklog>();
        services.AddHostedService<TeamsWorker>();
        services.AddSingleton<IMessageSender, TeamsSender>();
        services.AddSingleton<SqlPendingFiles>();
        services.AddSingleton<FileUpload>();
        services.AddSingleton<TeamsFileConsent>();
        services.AddSingleton<IPlatformFileSender, TeamsFileSender>();
        services.AddSingleton<IThreadReader, TeamsThreadReader>();
        return services;
    }

    /// <summary>Maps the endpoint and says at start-up how it is guarded; never logs a secret.</summary>
    public static WebApplication MapTeams(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<IOptions<TeamsOptions>>().Value;
        if (options.HasCredentials)
        {
            app.Logger.LogInformation("Teams: {Path} accepts activities signed by the Bot Framework for app {AppId}", TeamsEndpoint.Path, options.AppId);
        }
        else if (options.AllowUnauthenticatedLoopback)
        {
            app.Logger.LogWarning(
                "Teams: no app id; {Path} accepts UNAUTHENTICATED activities from this machine only (Teams:AllowUnauthenticatedLoopback). Development only.",
                TeamsEndpoint.Path);
        }
        else
        {
            app.Logger.LogInformation("Teams: off, {Path} answers 401; set TEAMS_APP_ID and TEAMS_APP_PASSWORD to connect", TeamsEndpoint.Path);
        }

        app.MapTeamsEndpoint();
        return app;
    }

    /// <summary>Fails start-up with every problem at once, each saying which setting to change.</summary>
    private sealed class TeamsOptionsValidator : IValidateOptions<TeamsOptions>
    {
        public ValidateOptionsResult Validate(string? name, TeamsOptions options) =>
            options.Problems().ToArray() is { Length: > 0 } problems ? ValidateOptionsResult.Fail(problems) : ValidateOptionsResult.Success;
    }
}
