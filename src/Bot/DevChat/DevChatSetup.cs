namespace ProductOps.Bot.DevChat;

public static class DevChatSetup
{
    public static IServiceCollection AddDevChat(this IServiceCollection services, IConfiguration configuration, IWebHostEnvironment environment) => services;

    public static WebApplication MapDevChat(this WebApplication app) => app;
}
