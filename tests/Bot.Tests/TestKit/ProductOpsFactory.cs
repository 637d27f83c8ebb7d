using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using ProductOps.Bot.Hosting;
using ProductOps.Skills.Admin;
using ProductOps.Skills.Conversation;

namespace ProductOps.Bot.Tests.TestKit;

/// <summary>
/// The real app over a temp SQLite file, with no demo data, the tests' own <see cref="TestSkill"/>
/// and the in-memory <see cref="People"/> (unless <see cref="UsesFakePeople"/> is false: then the
/// real people store over the same database).
/// Settings given to the constructor override appsettings.json.
/// </summary>
public class ProductOpsFactory(params (string Key, string Value)[] settings) : WebApplicationFactory<Program>
{
    private readonly TempDatabase _database = new();

    public FakePeopleStore People { get; } = new();

    /// <summary>False keeps the real SQLite people store, for tests of identity linking.</summary>
    protected virtual bool UsesFakePeople => true;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("ConnectionStrings:" + StorageSetup.ConnectionName, _database.ConnectionString);
        builder.UseSetting("ProductOps:DemoData", "false");
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureTestServices(services =>
        {
            if (UsesFakePeople)
            {
                services.RemoveAll<IPeopleStore>();
                services.RemoveAll<IPersonResolver>();
                services.AddSingleton<IPeopleStore>(People);
                services.AddSingleton<IPersonResolver>(People);
            }

            services.AddSkill(new TestSkill());
        });
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            _database.Dispose();
        }
    }
}
