using ProductOps.Skills.Accounts;
using ProductOps.Skills.Importing;
using ProductOps.Storage.Accounts;

namespace ProductOps.Bot.Hosting;

public static class AccountsSetup
{
    /// <summary>The account catalogue and its CSV import (chat, <c>POST /api/accounts</c>, command line).</summary>
    public static IServiceCollection AddAccounts(this IServiceCollection services)
    {
        services.AddSingleton<IAccountStore, SqlAccountStore>();
        services.AddScoped<ImportAccounts>();
        services.AddScoped<ICsvImport>(sp => sp.GetRequiredService<ImportAccounts>());
        return services;
    }
}
