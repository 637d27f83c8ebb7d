using ProductOps.Bot.Pipeline;
using ProductOps.Skills.Accounts;
using ProductOps.Skills.Admin;
using ProductOps.Skills.Cadences;
using ProductOps.Skills.Conversation;
using ProductOps.Skills.Feedback;
using ProductOps.Skills.Metrics;
using ProductOps.Skills.Participants;

namespace ProductOps.Bot.Hosting;

public static class SkillsSetup
{
    /// <summary>Every skill the bot runs; help lists them in this order.</summary>
    private static ISkill[] Skills() =>
        [new AdminSkill(), new AccountsSkill(), new FeedbackSkill(), new ParticipantsSkill(), new CadencesSkill(), new MetricsSkill()];

    public static IServiceCollection AddSkills(this IServiceCollection services)
    {
        foreach (var skill in Skills())
        {
            services.AddSkill(skill);
        }

        services.AddSingleton(sp => new SkillRegistry(sp.GetServices<ISkill>()));
        services.AddScoped<Router>();
        services.AddSingleton<TurnRunner>();
        return services;
    }

    /// <summary>Adds one skill and its handlers; tests use it to add skills of their own.</summary>
    public static IServiceCollection AddSkill(this IServiceCollection services, ISkill skill)
    {
        services.AddSingleton(skill);
        foreach (var handler in new SkillRegistry([skill]).HandlerTypes)
        {
            services.AddScoped(handler);
        }

        return services;
    }
}
