using Microsoft.Extensions.Configuration.Json;

namespace ProductOps.Bot.Hosting;

public static class ConfigurationSetup
{
    /// <summary>
    /// Reads the repository's appsettings.json (copied beside the binary) underneath every other
    /// source, so environment variables and the command line still override it, and maps
    /// <c>--no-demo</c> to <c>ProductOps:DemoData=false</c>.
    /// </summary>
    public static WebApplicationBuilder AddProductOpsConfiguration(this WebApplicationBuilder builder, string[] args)
    {
        var file = Path.Combine(AppContext.BaseDirectory, "appsettings.json");
        var settings = new JsonConfigurationSource { Path = file, Optional = true, ReloadOnChange = false };
        settings.ResolveFileProvider(); // an absolute path needs its own folder as file provider, not the content root
        builder.Configuration.Sources.Insert(0, settings);
        if (args.Contains("--no-demo"))
        {
            builder.Configuration["ProductOps:DemoData"] = "false";
        }

        builder.Services.AddOptions<ProductOpsOptions>()
            .Bind(builder.Configuration.GetSection(ProductOpsOptions.Section))
            .Validate(o => o.Admins.All(a => !string.IsNullOrWhiteSpace(a)), "ProductOps:Admins has an empty entry; list e-mail addresses or handles of the first admins.")
            .ValidateOnStart();
        return builder;
    }
}
