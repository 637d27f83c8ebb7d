using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using ProductOps.Bot.Outbox;
using ProductOps.Bot.Pipeline;
using ProductOps.Bot.Slack.Api;
using ProductOps.Bot.Slack.SocketMode;
using ProductOps.Skills.Conversation;

namespace ProductOps.Bot.Slack;

public static class SlackSetup
{
    public const string HttpClientName = "slack";

    /// <summary>
    /// The Slack adapter: options (secrets from the environment), the Web API client, the request
    /// pipeline (ingress, queue, workers), Socket Mode, the outbox sender and the start-up auth.test.
    /// With no Slack secret set, all of it stays idle and the endpoints answer 404.
    /// </summary>
    public static IServiceCollection AddSlack(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SlackOptions>()
            .Bind(configuration.GetSection(SlackOptions.Section))
            .PostConfigure(o => o.ReadSecrets(configuration))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<SlackOptions>, SlackOptionsValidator>();

        services.AddSingleton<SlackPacer>();
        services.AddHttpClient<ISlackApi, SlackApiClient>((sp, http) =>
        {
            var options = sp.GetRequiredService<IOptions<SlackOptions>>().Value;
            http.BaseAddress = new Uri(options.ApiBaseUrl);
            http.Timeout = TimeSpan.FromSeconds(options.HttpTimeoutSeconds);
        });
        services.AddSingleton<SlackUsers>();
        services.AddSingleton<IThreadReader, SlackThreadReader>();
        services.AddSingleton<SlackBot>();
        services.AddSingleton<PendingForms>();
        services.AddSingleton<SlackResponder>();
        services.AddSingleton<SlackTurns>();
        services.TryAddSingleton<AcknowledgementsFirst>();
        services.AddSingleton<SlackInbox>();
        services.AddSingleton<SlackIngress>();
        services.AddSingleton<SlackChannels>();
        services.AddSingleton<SlackDirectMessages>();
        services.AddSingleton<IMessageSender, SlackSender>();
        services.AddSingleton<IPlatformFileSender, SlackFileSender>();
        services.AddHostedService<SlackStartup>();
        services.AddHostedService<SlackWorker>();
        services.AddHostedService<SlackSocketMode>();
        return services;
    }

    private sealed class SlackOptionsValidator : IValidateOptions<SlackOptions>
    {
        public ValidateOptionsResult Validate(string? name, SlackOptions options) =>
            options.Problems().ToArray() is { Length: > 0 } problems ? ValidateOptionsResult.Fail(problems) : ValidateOptionsResult.Success;
    }
}
