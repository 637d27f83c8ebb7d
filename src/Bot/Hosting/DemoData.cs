using Microsoft.Extensions.Options;
using ProductOps.Skills.Admin;
using ProductOps.Skills.Conversation;

namespace ProductOps.Bot.Hosting;

/// <summary>
/// A small, realistic organisation for a first run, so every command has someone to talk about.
/// Seeds only into an empty people table, so it never runs twice or over real data.
/// </summary>
public static class DemoData
{
    private const string Tenant = "local";

    private static readonly DemoPerson[] People =
    [
        new("Maya Ops", "maya", "maya.ops@demo.productops.dev", "Europe/London", [Role.Admin]),
        new("Priya Patel", "priya", "priya.patel@demo.productops.dev", "Europe/London", [Role.Pm]),
        new("Sam Okafor", "sam", "sam.okafor@demo.productops.dev", "America/New_York", [Role.Pm]),
        new("Lena Fischer", "lena", "lena.fischer@demo.productops.dev", "Europe/Berlin", [Role.Pm]),
        new("Diego Ramírez", "diego", "diego.ramirez@demo.productops.dev", "America/Mexico_City", [Role.Pm]),
        new("Helen Zhang", "helen", "helen.zhang@demo.productops.dev", "America/Los_Angeles", [Role.Leader]),
        new("Tom Becker", "tom", "tom.becker@demo.productops.dev", "America/Chicago", [Role.Gtm]),
        new("Aisha Khan", "aisha", "aisha.khan@demo.productops.dev", "Asia/Singapore", [Role.Gtm]),
        new("Noah Williams", "noah", "noah.williams@demo.productops.dev", "America/New_York", [Role.AccountOwner]),
        new("Zoë Ångström", "zoe", "zoe.angstrom@demo.productops.dev", "Europe/Stockholm", [Role.AccountOwner, Role.Gtm]),
    ];

    private static readonly DemoArea[] Areas =
    [
        new("Payments", "priya", "payments-feedback", ["pay", "billing"]),
        new("Onboarding", "sam", "onboarding-feedback", ["signup"]),
        new("Reporting", "lena", "reporting-feedback", ["reports", "analytics"]),
        new("Mobile", "diego", "mobile-feedback", ["ios", "android"]),
        new("Integrations", "priya", "integrations-feedback", ["api", "webhooks"]),
    ];

    public static async Task SeedDemoDataAsync(this WebApplication app)
    {
        if (!app.Services.GetRequiredService<IOptions<ProductOpsOptions>>().Value.DemoData)
        {
            return;
        }

        var ct = app.Lifetime.ApplicationStopping;
        var people = app.Services.GetRequiredService<IPeopleStore>();
        if ((await people.ListAsync(ct)).Count > 0)
        {
            return;
        }

        var handles = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var p in People)
        {
            var added = await people.AddAsync(
                new NewPerson(p.Name, p.Handle, p.Email, p.TimeZone, p.Roles.ToHashSet(), [new ChatIdentity(Platforms.DevChat, Tenant, p.Handle)]),
                ct);
            handles[p.Handle] = added.Id;
        }

        var areas = app.Services.GetRequiredService<IAreaStore>();
        foreach (var a in Areas)
        {
            await areas.AddAsync(new AreaDraft(a.Name, a.Aliases, handles[a.Owner], a.Channel), ct);
        }

        var accounts = await AccountsDemoData.SeedAsync(app.Services, handles, ct);
        var feedback = await FeedbackDemoData.SeedAsync(app.Services, handles, ct);
        app.Logger.LogInformation(
            "Seeded demo data: {People} people, {Areas} product areas, {Accounts} accounts and {Feedback} feedback items; turn it off with --no-demo",
            People.Length,
            Areas.Length,
            accounts,
            feedback);
    }

    private sealed record DemoPerson(string Name, string Handle, string Email, string TimeZone, Role[] Roles);

    private sealed record DemoArea(string Name, string Owner, string Channel, string[] Aliases);
}
