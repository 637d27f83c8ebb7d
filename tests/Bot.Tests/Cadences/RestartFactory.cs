using System.Collections.Concurrent;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using ProductOps.Bot.DevChat;
using ProductOps.Bot.Hosting;
using ProductOps.Bot.Outbox;
using ProductOps.Bot.Tests.TestKit;

namespace ProductOps.Bot.Tests.Cadences;

/// <summary>
/// One run of the real app over a database file that outlives it, with the real people store, the
/// given clock, and dev chat delivery through a <see cref="HoldingSender"/>. A second factory over the
/// same file is the bot after a restart.
/// </summary>
public sealed class RestartFactory(string connectionString, TimeProvider clock, ConcurrentDictionary<string, int> delivered, int allowedSends)
    : ProductOpsFactory(("ConnectionStrings:" + StorageSetup.ConnectionName, connectionString))
{
    public HoldingSender Sender => Services.GetServices<IMessageSender>().OfType<HoldingSender>().Single();

    protected override bool UsesFakePeople => false;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services =>
        {
            services.RemoveAll<TimeProvider>();
            services.AddSingleton(clock);
            services.RemoveAll<IMessageSender>();
            services.AddSingleton<IMessageSender>(sp => new HoldingSender(ActivatorUtilities.CreateInstance<DevChatSender>(sp), delivered, allowedSends));
        });
    }
}
