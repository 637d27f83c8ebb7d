using Microsoft.Extensions.Options;
using ProductOps.Skills.Admin;
using ProductOps.Skills.Conversation;
using ProductOps.Storage.Areas;
using ProductOps.Storage.Audit;
using ProductOps.Storage.People;

namespace ProductOps.Bot.Hosting;

public static class AdminSetup
{
    /// <summary>People (who also resolve chat users), product areas and the audit log, with the initial admins from settings.</summary>
    public static IServiceCollection AddAdmin(this IServiceCollection services)
    {
        services.AddSingleton(sp => new InitialAdmins(sp.GetRequiredService<IOptions<ProductOpsOptions>>().Value.Admins));
        services.AddSingleton<SqlPeopleStore>();
        services.AddSingleton<IPeopleStore>(sp => sp.GetRequiredService<SqlPeopleStore>());
        services.AddSingleton<IPersonResolver>(sp => sp.GetRequiredService<SqlPeopleStore>());
        services.AddSingleton<IAreaStore, SqlAreaStore>();
        services.AddSingleton<IAuditLog, SqlAuditLog>();
        return services;
    }
}
