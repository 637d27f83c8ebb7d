using Microsoft.Extensions.Options;
using ProductOps.Skills.Feedback;
using ProductOps.Skills.Metrics;
using ProductOps.Storage.Feedback;

namespace ProductOps.Bot.Feedback;

public static class FeedbackSetup
{
    /// <summary>The feedback stores, the services its handlers share, and its settings.</summary>
    public static IServiceCollection AddFeedback(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<FeedbackOptions>()
            .Bind(configuration.GetSection(FeedbackOptions.Section))
            .Validate(o => !string.IsNullOrWhiteSpace(o.TriageChannel) && !o.TriageChannel.Any(char.IsWhiteSpace), "Feedback:TriageChannel must be a channel name without spaces, like product-ops-triage.")
            .Validate(o => o.SimilarityThreshold is > 0 and <= 1, "Feedback:SimilarityThreshold must be above 0 and at most 1 (0.25 is measured on the demo data).")
            .Validate(o => o.PublicUrl is null || IsWebAddress(o.PublicUrl), "Feedback:PublicUrl must be the bot's address, like https://productops.example.com.")
            .Validate(o => o.ExportLinkMinutes is >= 1 and <= 1440, "Feedback:ExportLinkMinutes must be between 1 and 1440.")
            .ValidateOnStart();
        services.AddSingleton(sp =>
        {
            var o = sp.GetRequiredService<IOptions<FeedbackOptions>>().Value;
            var publicUrl = o.PublicUrl ?? DefaultPublicUrl(configuration["urls"]);
            return new FeedbackSettings(o.TriageChannel.TrimStart('#'), o.SimilarityThreshold, publicUrl, TimeSpan.FromMinutes(o.ExportLinkMinutes));
        });
        services.AddSingleton<IFeedbackStore, SqlFeedbackStore>();
        services.AddSingleton<IThemeStore, SqlThemeStore>();
        services.AddSingleton<IThemeTotals, SqlThemeTotals>();
        services.AddSingleton<IDigestSection, TopThemesDigestSection>();
        services.AddSingleton<IExportLinkStore, SqlExportLinkStore>();
        services.AddScoped<FeedbackLookup>();
        services.AddScoped<FeedbackInput>();
        services.AddScoped<FeedbackFilters>();
        services.AddScoped<FeedbackCapture>();
        services.AddScoped<FeedbackTriage>();
        return services;
    }

    /// <summary>
    /// The first of the listening addresses (<c>urls</c>, ';'-separated) that names a host people can
    /// reach, not a wildcard; else ASP.NET Core's own default.
    /// </summary>
    public static string DefaultPublicUrl(string? urls) =>
        (urls ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .FirstOrDefault(u => IsWebAddress(u) && new Uri(u).Host is not ("0.0.0.0" or "[::]"))
        ?? "http://localhost:5000";

    private static bool IsWebAddress(string text) =>
        Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https";
}
