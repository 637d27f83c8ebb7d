using System.Globalization;
using Microsoft.Extensions.Options;
using ProductOps.Skills.Importing;
using ProductOps.Skills.Cadences;
using ProductOps.Skills.Metrics;
using ProductOps.Storage.Metrics;
using Quartz;

namespace ProductOps.Bot.Metrics;

public static class MetricsSetup
{
    /// <summary>A few minutes past each hour, clear of the on-the-hour jobs.</summary>
    private const string HourlyCron = "0 5 * * * ?";

    /// <summary>The catalogue, values and OKR stores, the CSV import, the lookup and the settings.</summary>
    public static IServiceCollection AddMetrics(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<MetricsOptions>()
            .Bind(configuration.GetSection(MetricsOptions.Section))
            .Validate(o => o.AtRiskPoints is >= 0 and <= 100, "Metrics:AtRiskPoints must be between 0 and 100.")
            .Validate(o => o.AtRiskConfidence is >= 0 and <= 10, "Metrics:AtRiskConfidence must be between 0 (never) and 10.")
            .Validate(o => o.StaleDays is >= 1 and <= 365, "Metrics:StaleDays must be between 1 and 365.")
            .Validate(o => TimeOnly.TryParseExact(o.Digest.Time, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out _), "Metrics:Digest:Time must be a UTC time like 09:00.")
            .ValidateOnStart();
        services.AddSingleton(sp => Rules(sp.GetRequiredService<IOptions<MetricsOptions>>().Value));
        services.AddSingleton(sp => DigestDefaults(sp.GetRequiredService<IOptions<MetricsOptions>>().Value.Digest));
        services.AddSingleton<SqlMetricCatalog>();
        services.AddSingleton(sp => new CachedMetricCatalog(sp.GetRequiredService<SqlMetricCatalog>()));
        services.AddSingleton<IMetricCatalog>(sp => sp.GetRequiredService<CachedMetricCatalog>());
        services.AddSingleton<SqlMetricValueStore>();
        services.AddSingleton<IMetricValueStore>(sp => new CatalogTrackingValueStore(sp.GetRequiredService<SqlMetricValueStore>(), sp.GetRequiredService<CachedMetricCatalog>()));
        services.AddSingleton<IOkrStore, SqlOkrStore>();
        services.AddSingleton<IDigestSettingsStore, SqlDigestSettingsStore>();
        services.AddSingleton<MetricLookup>();
        services.AddSingleton<MetricIngest>();
        services.AddSingleton<OkrBoard>();
        services.AddSingleton<MetricsDigest>();
        services.AddSingleton<IPersonalQuestions, OkrCadenceQuestions>();
        services.AddQuartz(quartz =>
        {
            quartz.AddJob<MetricsDigestJob>(job => job.WithIdentity(MetricsDigestJob.Key).StoreDurably());
            quartz.AddTrigger(trigger => trigger
                .ForJob(MetricsDigestJob.Key)
                .WithIdentity(MetricsDigestJob.Hourly)
                .WithCronSchedule(HourlyCron, cron => cron.InTimeZone(TimeZoneInfo.Utc).WithMisfireInstruction(CronTriggerMisfireInstruction.FireAndProceed)));
        });
        services.AddSingleton<MetricValuesImport>();
        services.AddSingleton<ICsvImport>(sp => sp.GetRequiredService<MetricValuesImport>());
        services.AddScoped<OkrImport>();
        services.AddScoped<ICsvImport>(sp => sp.GetRequiredService<OkrImport>());
        return services;
    }

    private static OkrRules Rules(MetricsOptions o) => new(o.AtRiskPoints, o.AtRiskConfidence, o.StaleDays);

    private static DigestSettings DigestDefaults(DigestOptions o) => new(
        o.Channel.Trim().TrimStart('#') is { Length: > 0 } channel ? channel : null,
        o.Metrics,
        o.Day,
        TimeOnly.ParseExact(o.Time, "HH:mm", CultureInfo.InvariantCulture));
}
