using Microsoft.Extensions.Options;
using ProductOps.Skills.Admin;
using ProductOps.Skills.Cadences;
using ProductOps.Skills.Conversation;
using ProductOps.Storage.Demo;

namespace ProductOps.Bot.Hosting;

/// <summary>
/// A small, realistic organisation for a first run, so every command has someone to talk about.
/// Seeds only into an empty people table, so it never runs twice or over real data; a seeding cut
/// short by a crash or stop is cleared and done again at the next start (see <see cref="SqlDemoSeed"/>).
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
        var ct = app.Lifetime.ApplicationStopping;
        var seed = app.Services.GetRequiredService<SqlDemoSeed>();
        if (!app.Services.GetRequiredService<IOptions<ProductOpsOptions>>().Value.DemoData)
        {
            await seed.KeepAsync(ct);
            return;
        }

        if (await seed.InterruptedAsync(ct))
        {
            app.Logger.LogWarning("The last start stopped while seeding the demo data; clearing the partial demo and seeding it again");
            await seed.ClearAsync(ct);
        }

        var people = app.Services.GetRequiredService<IPeopleStore>();
        if ((await people.ListAsync(ct)).Count > 0)
        {
            await app.SeedMetricsDemoDataAsync(ct);
            return;
        }

        await seed.StartAsync(ct);

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
        var cadences = await SeedDemoCadencesAsync(app, handles, ct);
        await app.SeedMetricsDemoDataAsync(ct);
        var participants = await ParticipantsDemoData.SeedAsync(app.Services, handles, ct);
        var feedback = await FeedbackDemoData.SeedAsync(app.Services, handles, ct);
        await seed.FinishAsync(ct);
        app.Logger.LogInformation(
            "Seeded demo data: {People} people, {Areas} product areas, {Accounts} accounts, {Feedback} feedback items, {Cadences} cadences and {Participants} research participants; turn it off with --no-demo",
            People.Length,
            Areas.Length,
            accounts,
            feedback,
            cadences,
            participants);
    }

    /// <summary>
    /// The built-in check-ins, and one past cycle of the roadmap check-in with answers, a person away and
    /// one missing, closed so its digest waits in the roll-up channel. The scheduler picks up the next
    /// openings at start.
    /// </summary>
    private static async Task<int> SeedDemoCadencesAsync(WebApplication app, Dictionary<string, long> handles, CancellationToken ct)
    {
        var store = app.Services.GetRequiredService<ICadenceStore>();
        var cycles = app.Services.GetRequiredService<ICycleStore>();
        var life = app.Services.GetRequiredService<CadenceCycles>();
        var clock = app.Services.GetRequiredService<TimeProvider>();
        var areaOwners = new ParticipantRule([], [], AreaOwners: true);
        var pms = new ParticipantRule([], [Role.Pm], AreaOwners: false);
        CadenceDraft[] drafts =
        [
            new("Monthly roadmap check-in", Templates.Roadmap.Key, "monthly on the first Monday at 10:00", "Europe/London", false, areaOwners,
                TimeSpan.FromHours((4 * 24) + 7), [TimeSpan.FromDays(1), TimeSpan.FromHours(2)], handles["maya"], "product-rollup", [handles["helen"]], []),
            new("GTM roadmap update", Templates.Gtm.Key, "monthly, 3 working days before month end at 11:00", "Europe/London", false, pms,
                TimeSpan.FromDays(2), [TimeSpan.FromHours(4)], handles["maya"], "gtm-updates", [handles["tom"], handles["aisha"]], []),
            new("Quarterly planning inputs", Templates.Planning.Key, "quarterly, 10 working days before quarter end at 10:00", "Europe/London", false, areaOwners,
                TimeSpan.FromDays(5), [TimeSpan.FromDays(2)], handles["maya"], "product-rollup", [handles["helen"]], []),
            new("OKR confidence update", Templates.Okr.Key, "every other Wednesday at 09:30", "Europe/London", false, pms,
                TimeSpan.FromDays(2), [TimeSpan.FromHours(3)], handles["maya"], "okr-updates", [handles["helen"]], []),
        ];
        var added = new List<Cadence>();
        foreach (var draft in drafts)
        {
            if (await store.AddAsync(draft, ct) is { } cadence)
            {
                added.Add(cadence);
            }
        }

        var roadmap = added[0];
        var now = clock.GetUtcNow();
        var opened = roadmap.Draft.ParsedSchedule.NextAfter(now.AddDays(-45), roadmap.Draft.Zone);
        var members = await life.ParticipantsAsync(roadmap.Draft.Participants, ct);
        var cycle = await cycles.OpenAsync(roadmap.Id, opened, opened + roadmap.Draft.Window, members, ct);
        await cycles.SaveAsync(cycle.Id, handles["priya"], new Dictionary<string, string>
        {
            ["status"] = Templates.OnTrack,
            ["now"] = "Card-on-file checkout shipped to 40% of merchants.",
            ["next"] = "Refunds self-service moves up; disputes API later.",
            ["risk"] = "PSP contract renewal in June",
            ["asks"] = "Support: a macro for refund questions.",
        }, late: false, ct);
        await cycles.SaveAsync(cycle.Id, handles["sam"], new Dictionary<string, string>
        {
            ["status"] = Templates.AtRisk,
            ["now"] = "New signup flow is two weeks behind: SSO edge cases.",
            ["risk"] = "Enterprise trials slip if SSO is late",
            ["asks"] = "Security review slot this month.",
        }, late: false, ct);
        await app.Services.GetRequiredService<IAwayStore>().SetAsync(handles["diego"], DateOnly.FromDateTime(now.AddDays(10).UtcDateTime), ct);
        await life.RunStepAsync(new CycleStep(roadmap.Id, cycle.Id, StepKind.Close, 0, cycle.DueAt), ct);
        return added.Count;
    }

    private sealed record DemoPerson(string Name, string Handle, string Email, string TimeZone, Role[] Roles);

    private sealed record DemoArea(string Name, string Owner, string Channel, string[] Aliases);
}
