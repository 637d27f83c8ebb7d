using Microsoft.Extensions.Options;
using ProductOps.Skills.Importing;
using ProductOps.Skills.Participants;
using ProductOps.Storage.Participants;
using Quartz;

namespace ProductOps.Bot.Participants;

public static class ParticipantsSetup
{
    public const string Section = "Participants:Rules";

    /// <summary>Approvals wait for business days, so checking hourly is plenty.</summary>
    private const string FollowUpCron = "0 5 * * * ?";

    /// <summary>
    /// The participant pool, ledger, requests and rules; the CSV import (chat, <c>POST /api/participants</c>,
    /// command line); and the hourly follow-up job (reminders, escalations, lapsed reservations).
    /// </summary>
    public static IServiceCollection AddParticipants(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<RuleDefaultsOptions>()
            .Configure(o => configuration.GetSection(Section).Bind(o.Values))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<RuleDefaultsOptions>, RuleDefaultsValidator>();
        services.AddSingleton(sp => new RuleDefaults(sp.GetRequiredService<IOptions<RuleDefaultsOptions>>().Value.Values));
        services.AddSingleton<IParticipantStore, SqlParticipantStore>();
        services.AddSingleton<SqlContactLedger>();
        services.AddSingleton<IContactLedger>(sp => sp.GetRequiredService<SqlContactLedger>());
        services.AddSingleton<IFollowUpStore>(sp => sp.GetRequiredService<SqlContactLedger>());
        services.AddSingleton<IRequestStore, SqlRequestStore>();
        services.AddSingleton<IRuleStore, SqlRuleStore>();
        services.AddSingleton<RuleSource>();
        services.AddScoped<RequestInput>();
        services.AddScoped<Proposer>();
        services.AddScoped<RequestAccess>();
        services.AddScoped<Approvals>();
        services.AddScoped<Alternatives>();
        services.AddScoped<ParticipantFollowUps>();
        services.AddScoped<ImportParticipants>();
        services.AddScoped<ICsvImport>(sp => sp.GetRequiredService<ImportParticipants>());
        services.ConfigureAllQuartzSchedulers(quartz =>
        {
            quartz.AddJob<ParticipantFollowUpJob>(job => job.WithIdentity(ParticipantFollowUpJob.Key).StoreDurably());
            quartz.AddTrigger(trigger => trigger
                .ForJob(ParticipantFollowUpJob.Key)
                .WithIdentity(ParticipantFollowUpJob.Hourly)
                .WithCronSchedule(FollowUpCron, cron => cron.InTimeZone(TimeZoneInfo.Utc).WithMisfireInstruction(CronTriggerMisfireInstruction.FireAndProceed)));
        });
        return services;
    }

    /// <summary>Rule defaults by name, as configured.</summary>
    public sealed class RuleDefaultsOptions
    {
        public Dictionary<string, int> Values { get; } = new(StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>Fails start-up with every bad rule at once, each saying what to change.</summary>
    private sealed class RuleDefaultsValidator : IValidateOptions<RuleDefaultsOptions>
    {
        public ValidateOptionsResult Validate(string? name, RuleDefaultsOptions options) =>
            new RuleDefaults(options.Values).Problems().ToArray() is { Length: > 0 } problems ? ValidateOptionsResult.Fail(problems) : ValidateOptionsResult.Success;
    }
}
