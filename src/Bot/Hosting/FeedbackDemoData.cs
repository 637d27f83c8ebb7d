using System.Globalization;
using ProductOps.Skills.Accounts;
using ProductOps.Skills.Admin;
using ProductOps.Skills.Feedback;
using ProductOps.Storage;
using ProductOps.Storage.Feedback;

namespace ProductOps.Bot.Hosting;

/// <summary>
/// A few hundred feedback items over the demo areas and accounts, most grouped into themes, some
/// themes with a status history, spread over the last six months: enough for <c>/feedback themes</c>
/// and <c>/feedback search</c> to be worth trying on first run. Deterministic, so demos repeat.
/// </summary>
public static class FeedbackDemoData
{
    /// <summary>Themes by area: a title, how customers put it, and the statuses it went through.</summary>
    internal static readonly DemoTheme[] Themes =
    [
        new("Payments", "Split invoices across cost centres", ["planned"],
            "Finance wants one invoice split across their cost centres instead of a single bill.",
            "They need invoices split by cost centre so each clinic pays its own share.",
            "Can we split the monthly invoice per cost centre? Their accounts team does it by hand today.",
            "Cost centre invoice splitting is the top ask from their finance director."),
        new("Payments", "Pay invoices by ACH bank transfer", [],
            "They want to pay invoices by ACH bank transfer, cards are too expensive at their volume.",
            "Bank transfer (ACH) payment for invoices please, their procurement refuses cards.",
            "Asked again for ACH payments on invoices; card fees are eating their budget.",
            "No ACH bank transfer option for invoices is blocking the renewal paperwork."),
        new("Payments", "Branded invoice PDFs", ["declined"],
            "They would like their own logo and colours on the invoice PDF.",
            "Invoice PDFs should carry the clinic's branding, not ours.",
            "Custom branding on invoice PDFs came up in the QBR again."),
        new("Payments", "Retry failed card payments automatically", ["in-progress"],
            "Failed card payments are not retried, so patients get locked out until someone notices.",
            "Automatic retry for failed card payments would save their front desk hours each week.",
            "When a card payment fails we should retry it automatically before suspending the account."),
        new("Onboarding", "SSO for admins", ["planned", "in-progress"],
            "Admins need single sign-on (SSO) with Okta; separate passwords fail their security review.",
            "SSO for admin users is a hard requirement from their IT security team.",
            "They want admins to sign in with SSO through Azure AD instead of passwords.",
            "Security review flagged that admin accounts cannot use SSO. Blocking the rollout.",
            "Single sign-on for admins via SAML, please; their CISO asked twice."),
        new("Onboarding", "Bulk user import from CSV", [],
            "Adding 400 staff one by one is painful; they want a bulk user import from CSV.",
            "Bulk import of users from a CSV file would cut their onboarding from weeks to days.",
            "Need to import users in bulk from a spreadsheet export of their HR system."),
        new("Onboarding", "Guided setup checklist", ["needs-info"],
            "New clinic managers get lost during setup; a guided checklist would help.",
            "A setup checklist that walks new admins through the first week would reduce tickets.",
            "They asked for a guided onboarding checklist for each new location."),
        new("Reporting", "Scheduled report emails", ["planned"],
            "They want reports emailed on a schedule every Monday instead of logging in.",
            "Scheduled email delivery of the weekly utilisation report, please.",
            "Could reports be sent by email automatically each month to the board?",
            "Email scheduling for reports is the one thing their ops director keeps asking for."),
        new("Reporting", "Export reports to Excel with formatting", [],
            "Report export to Excel loses all formatting; they rebuild it by hand.",
            "Excel export should keep the column formatting and totals of the report.",
            "They need a proper Excel export of reports, CSV is not enough for finance."),
        new("Reporting", "Faster report loading", ["in-progress"],
            "Reports take over a minute to load for their larger locations.",
            "Slow reports: the utilisation report times out for a year of data.",
            "Report loading is too slow, staff give up and export raw data instead."),
        new("Reporting", "Custom dashboards per clinic", [],
            "Each clinic lead wants their own dashboard with the metrics they care about.",
            "Custom dashboards per location would let managers see their own numbers first."),
        new("Mobile", "Offline mode for the iOS app", [],
            "Home-visit nurses lose signal; the iOS app needs an offline mode.",
            "Offline mode in the mobile app so notes can be written without a connection.",
            "The app is useless in rural areas without offline support, they said."),
        new("Mobile", "Face ID login on mobile", ["planned", "in-progress", "shipped"],
            "Staff want Face ID login on the iPhone app instead of typing passwords.",
            "Biometric login (Face ID, fingerprint) for the mobile app please.",
            "Typing a password on the phone between patients is slow; Face ID would fix it."),
        new("Mobile", "Push notifications for appointment changes", [],
            "Push notifications when an appointment is moved or cancelled.",
            "They want the mobile app to notify staff of appointment changes straight away."),
        new("Integrations", "Salesforce sync", ["planned"],
            "They need two-way Salesforce sync of accounts and contacts.",
            "Salesforce integration: contacts updated here should sync back to Salesforce.",
            "Without a Salesforce sync their sales team keeps two systems up to date.",
            "Lost to a competitor that has native Salesforce sync."),
        new("Integrations", "Webhooks for patient record updates", [],
            "Webhooks when a patient record changes, so their data warehouse stays current.",
            "They want webhook events for patient updates instead of polling the API every hour."),
        new("Integrations", "Higher public API rate limits", ["in-progress"],
            "API rate limits are too low for their nightly sync; they hit 429 errors.",
            "Their integration keeps hitting the API rate limit during the nightly import.",
            "Raise the public API rate limit, or offer a bulk endpoint, for large customers."),
        new("Integrations", "Epic EHR integration", [],
            "They need an Epic EHR integration before the hospital group can move over.",
            "Epic integration for clinical records is a must-have in their RFP."),
    ];

    /// <summary>Feedback on its own, not grouped yet: what triage finds in a real inbox.</summary>
    private static readonly (string Area, string Words)[] Loose =
    [
        ("Payments", "The receipt email shows the wrong tax rate for Canadian clinics."),
        ("Onboarding", "Password reset emails land in spam for their domain."),
        ("Reporting", "Love the new utilisation chart, the board presentation went great."),
        ("Mobile", "The Android tablet layout cuts off the schedule on the right side."),
        ("Integrations", "Competitor X offers a Zapier connector; two prospects mentioned it."),
        ("Payments", "Can refunds be issued partially instead of the whole amount?"),
        ("Onboarding", "Welcome email should mention the help centre and training videos."),
        ("Reporting", "Dark mode for dashboards, the night shift finds them too bright."),
    ];

    private static readonly string[] Openers = ["", "", "From the QBR: ", "On the renewal call: ", "Support ticket: ", "Their admin says: "];

    private static readonly string[] Closers = ["", "", "", " Asked twice this quarter.", " Important for the renewal.", " Mentioned by three users."];

    private static readonly string[] Types = ["feature-request", "feature-request", "feature-request", "churn-risk", "feature-request", "bug", "lost-deal", "competitive"];

    private static readonly string[] Submitters = ["tom", "aisha", "zoe", "noah"];

    private static readonly string[] TypedAccounts = ["Bayside Dental Group", "Lotus Health Partners", "Northgate Vision"];

    /// <summary>Seeds into an empty feedback table; returns how many items were added.</summary>
    public static async Task<int> SeedAsync(IServiceProvider services, IReadOnlyDictionary<string, long> people, CancellationToken ct)
    {
        var database = services.GetRequiredService<Database>();
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();

        // Items and status changes carry their own past times; this clock is set before each write.
        var past = new PastClock(now);
        var items = new SqlFeedbackStore(database, past);
        var themes = new SqlThemeStore(database, past);
        var areas = (await services.GetRequiredService<IAreaStore>().ListAsync(ct)).ToDictionary(a => a.Name, StringComparer.Ordinal);
        var accountStore = services.GetRequiredService<IAccountStore>();
        var accounts = new List<Account>();
        for (var i = 0; i < 30; i++)
        {
            if (await accountStore.FindByNameAsync("CRM-" + (1000 + i).ToString(CultureInfo.InvariantCulture), ct) is { } account)
            {
                accounts.Add(account);
            }
        }

        if (accounts.Count == 0 || areas.Count == 0)
        {
            return 0;
        }

        var added = 0;
        var k = 0;
        for (var t = 0; t < Themes.Length; t++)
        {
            var demo = Themes[t];
            var area = areas[demo.Area];
            past.Now = now.AddDays(-200 + t);
            var theme = await themes.CreateAsync(demo.Title, area.Id, area.OwnerId, ct);

            // Popular themes get more items, from a spread of accounts with some repeating.
            var count = 10 + ((t * 7) % 15);
            var linked = new List<long>();
            for (var n = 0; n < count; n++, k++)
            {
                var account = accounts[((t * 11) + (n * n * 3) + n) % accounts.Count];
                var typed = (k % 23 == 5) ? TypedAccounts[k % TypedAccounts.Length] : null;
                var words = Openers[k % Openers.Length] + demo.Variants[n % demo.Variants.Length] + Closers[(k / 3) % Closers.Length];
                past.Now = now.AddDays(-((k * 37) % 180)).AddHours(-(k % 9));
                var (item, created) = await items.AddAsync(Item(people, area, typed is null ? account : null, typed, words, k), TimeSpan.FromMinutes(1), ct);
                added += created ? 1 : 0;

                // About one in seven stays unlinked, as triage has not seen it yet.
                if (k % 7 != 3)
                {
                    linked.Add(item.Id);
                }
            }

            await themes.LinkAsync(linked, theme.Id, ct);
            var step = 0;
            foreach (var status in demo.History)
            {
                past.Now = now.AddDays(-60 + (step++ * 20) + t);
                await themes.SetStatusAsync(theme.Id, status, Note(status), area.OwnerId, ct);
            }
        }

        foreach (var (areaName, words) in Loose)
        {
            past.Now = now.AddDays(-(k % 30)).AddHours(-k);
            var (_, created) = await items.AddAsync(Item(people, areas[areaName], accounts[k % accounts.Count], null, words, k++), TimeSpan.FromMinutes(1), ct);
            added += created ? 1 : 0;
        }

        return added;
    }

    private static NewFeedback Item(IReadOnlyDictionary<string, long> people, Area area, Account? account, string? typed, string words, int k) =>
        new(
            people[Submitters[k % Submitters.Length]],
            area.Id,
            account?.Id,
            account?.Name ?? typed,
            Types[k % Types.Length],
            FeedbackVocabulary.Urgencies[k % 11 == 0 ? 2 : k % 3 == 0 ? 1 : 0].Key,
            account?.Arr ?? (typed is null ? null : 40_000m),
            words,
            k % 4 == 0 ? $"https://support.example.com/tickets/{4000 + k}" : null,
            null,
            k % 5 != 0);

    private static string Note(string status) => status switch
    {
        "planned" => "On the roadmap for next quarter.",
        "in-progress" => "The team started this sprint.",
        "shipped" => "Live for every customer; release notes are in the help centre.",
        "declined" => "Not something we will build; the PDF template covers most needs.",
        _ => "Which workflows would the checklist cover? Reply to the PM with examples.",
    };

    internal sealed record DemoTheme(string Area, string Title, string[] History, params string[] Variants);

    private sealed class PastClock(DateTimeOffset start) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = start;

        public override DateTimeOffset GetUtcNow() => Now;
    }
}
