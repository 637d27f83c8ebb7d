namespace ProductOps.Bot.Outbox;

public static class OutboxSetup
{
    public static IServiceCollection AddOutbox(this IServiceCollection services, IConfiguration configuration) => services;
}
