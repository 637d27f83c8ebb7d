using ProductOps.Bot.Outbox;
using ProductOps.Storage.DevChat;

namespace ProductOps.Bot.DevChat;

public static class DevChatSetup
{
    /// <summary>The tenant of every dev chat identity: there is one local organisation.</summary>
    public const string Tenant = "local";

    public static IServiceCollection AddDevChat(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<DevChatOptions>()
            .Bind(configuration.GetSection(DevChatOptions.Section))
            .Validate(o => o.IsValid, "DevChat:Enabled must be auto, true or false.")
            .ValidateOnStart();
        services.AddSingleton<DevChatStatus>();
        services.AddSingleton<SqlDevChatStore>();
        services.AddSingleton<IMessageSender, DevChatSender>();
        services.AddScoped<DevChatTurns>();
        return services;
    }

    public static WebApplication MapDevChat(this WebApplication app)
    {
        var devChat = app.MapGroup("").AddEndpointFilter(async (context, next) =>
            context.HttpContext.RequestServices.GetRequiredService<DevChatStatus>().Enabled ? await next(context) : Results.NotFound());
        devChat.MapDevChatPage();
        devChat.MapDevChatApi();
        return app;
    }
}
