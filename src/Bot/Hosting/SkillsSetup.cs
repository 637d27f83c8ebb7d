using ProductOps.Bot.Pipeline;
using ProductOps.Skills.Conversation;

namespace ProductOps.Bot.Hosting;

public static class SkillsSetup
{
    /// <summary>Every skill the bot runs; help lists them in this order.</summary>
    private static ISkill[] Skills() => [];

    public static IServiceCollection AddSkills(this IServiceCollection services)
    {
        var registry = new SkillRegistry(Skills());
        services.AddSingleton(registry);
        foreach (var handler in registry.HandlerTypes)
        {
            services.AddScoped(handler);
        }

        services.AddScoped<Router>();
        services.AddSingleton<TurnRunner>();
        return services;
    }
}
