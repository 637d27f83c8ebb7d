using Microsoft.Extensions.Options;
using ProductOps.Skills.Conversation;
using ProductOps.Storage;
using ProductOps.Storage.Outbox;

namespace ProductOps.Bot.Outbox;

public static class OutboxSetup
{
    /// <summary>
    /// The stored outbox skills enqueue into, the store the dispatcher and admins read, and the
    /// dispatcher itself. Platform senders register themselves as <see cref="IMessageSender"/>.
    /// </summary>
    public static IServiceCollection AddOutbox(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<OutboxOptions>()
            .Bind(configuration.GetSection(OutboxOptions.Section))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<OutboxOptions>, OutboxOptionsValidator>();
        services.AddSingleton<OutboxSignal>();
        services.AddSingleton(sp => new SqlOutbox(sp.GetRequiredService<Database>(), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<IOutbox>(sp => new SignallingOutbox(sp.GetRequiredService<SqlOutbox>(), sp.GetRequiredService<OutboxSignal>()));
        services.AddSingleton<IOutboxStore, SqlOutboxStore>();
        services.AddSingleton<IFileSender, PlatformFileSenders>();
        services.AddHostedService<OutboxDispatcher>();
        return services;
    }

    /// <summary>Fails start-up with every problem at once, each saying which setting to change.</summary>
    private sealed class OutboxOptionsValidator : IValidateOptions<OutboxOptions>
    {
        public ValidateOptionsResult Validate(string? name, OutboxOptions options) =>
            options.Problems().ToArray() is { Length: > 0 } problems ? ValidateOptionsResult.Fail(problems) : ValidateOptionsResult.Success;
    }
}
