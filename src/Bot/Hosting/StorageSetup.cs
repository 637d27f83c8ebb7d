using ProductOps.Bot.Pipeline;
using ProductOps.Storage;
using ProductOps.Storage.Deliveries;
using ProductOps.Storage.Demo;
using ProductOps.Storage.Inbound;
using ProductOps.Storage.Migrations;

namespace ProductOps.Bot.Hosting;

public static class StorageSetup
{
    public const string ConnectionName = "ProductOps";
    public const string DefaultConnection = "Data Source=data/productops.db";

    public static IServiceCollection AddStorage(this IServiceCollection services, IConfiguration configuration)
    {
        var connection = configuration.GetConnectionString(ConnectionName);
        services.AddSingleton(new Database(string.IsNullOrWhiteSpace(connection) ? DefaultConnection : connection));
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<Migrator>();
        services.AddSingleton<SqlDeliveryLog>();
        services.AddSingleton<SqlInboundBacklog>();
        services.AddHostedService<QueueCheckpoints>();
        services.AddSingleton<SqlDemoSeed>();
        return services;
    }

    /// <summary>Brings the schema up to date before anything else touches the database; stops start-up on failure.</summary>
    public static async Task PrepareDatabaseAsync(this WebApplication app)
    {
        var migrator = app.Services.GetRequiredService<Migrator>();
        var applied = await migrator.MigrateAsync(app.Lifetime.ApplicationStopping);
        app.Logger.LogInformation("Database ready at schema {Version} ({Applied} migrations applied)", Migrator.LatestVersion, applied);
    }
}
