namespace ProductOps.Bot.Scheduling;

public static class SchedulingSetup
{
    public static IServiceCollection AddScheduling(this IServiceCollection services, IConfiguration configuration) => services;
}
