using ProductOps.Skills.Admin;
using ProductOps.Skills.Importing;
using ProductOps.Storage.ApiTokens;

namespace ProductOps.Bot.Api;

public static class ApiSetup
{
    public static IServiceCollection AddApi(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ApiOptions>()
            .Bind(configuration.GetSection(ApiOptions.Section))
            .Validate(o => o.MaxBodyMegabytes is >= 1 and <= 1024, "Api:MaxBodyMegabytes must be between 1 and 1024.")
            .ValidateOnStart();
        services.AddSingleton<IApiTokenStore, SqlApiTokenStore>();
        services.AddScoped<ApiTokenFilter>();
        return services;
    }

    /// <summary>The /api group: every endpoint in it needs an API token.</summary>
    public static RouteGroupBuilder MapApi(this WebApplication app)
    {
        var api = app.MapGroup("/api").AddEndpointFilter<ApiTokenFilter>();
        using var scope = app.Services.CreateScope();
        api.MapImports(scope.ServiceProvider.GetServices<ICsvImport>().Select(i => i.Kind).ToArray());
        return api;
    }
}
