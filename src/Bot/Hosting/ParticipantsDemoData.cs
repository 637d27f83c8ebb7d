using ProductOps.Skills.Accounts;
using ProductOps.Skills.Participants;

namespace ProductOps.Bot.Hosting;

/// <summary>
/// About 2,000 participants in 200 accounts with a year of contact history across the five demo teams,
/// so a first request shows real exclusions (cooldowns, an account at its cap, do-not-contact, no-shows)
/// and an approval (Acme Health renews within the quiet period).
/// </summary>
public static class ParticipantsDemoData
{
    private const int ExtraAccounts = 170;
    private const int PerAccount = 10;

    private static readonly string[] First = ["Ana", "Ben", "Chloe", "Dev", "Elif", "Femi", "Grace", "Hiro", "Ines", "Jonas", "Kara", "Luis", "Mia", "Nikhil", "Olga", "Pablo", "Quinn", "Rosa", "Sven", "Tara", "Umar", "Vera", "Wei", "Yara", "Zane"];
    private static readonly string[] Last = ["Silva", "Okoro", "Martin", "Iyer", "Kaya", "Adeyemi", "Hughes", "Tanaka", "Costa", "Berg", "Novak", "Reyes", "Schmidt", "Rao", "Petrova", "Garcia", "Walsh", "Moretti", "Lund", "Cohen"];
    private static readonly string[] Roles = ["admin", "clinician", "billing manager", "practice manager", "it lead", "nurse"];
    private static readonly string[] Regions = ["NA", "EMEA", "APAC", "LATAM"];
    private static readonly string[] Places = ["Valley", "Coastal", "Metro", "Prairie", "Highland", "Lakeshore", "Canyon", "Bayside", "Forest", "Granite"];
    private static readonly string[] Kinds = ["Health", "Clinics", "Medical Group", "Care", "Physicians", "Hospital"];
    private static readonly (string Team, string Pm)[] Teams =
        [("Payments", "priya"), ("Onboarding", "sam"), ("Reporting", "lena"), ("Mobile", "diego"), ("Integrations", "priya")];

    public static async Task<int> SeedAsync(IServiceProvider services, IReadOnlyDictionary<string, long> people, CancellationToken ct)
    {
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var random = new Random(20260302);
        var accounts = services.GetRequiredService<IAccountStore>();
        var owners = new[] { people["noah"], people["zoe"] };
        var extra = Enumerable.Range(0, ExtraAccounts).Select(i => new AccountData(
                $"{Places[i % Places.Length]} {Kinds[i / Places.Length % Kinds.Length]} {i / (Places.Length * Kinds.Length) + 1}",
                [],
                (i % 10) switch { < 3 => "enterprise", < 7 => "mid-market", _ => "smb" },
                random.Next(20, 900) * 1_000m,
                owners[i % 2],
                today.AddDays(random.Next(5, 365)),
                $"CRM-{2000 + i}"))
            .ToArray();
        await accounts.UpsertAsync(extra, ct);

        var pool = services.GetRequiredService<IParticipantStore>();
        var all = new List<Account>();
        for (var crm = 1000; crm < 1030; crm++)
        {
            all.Add((await accounts.FindByNameAsync($"CRM-{crm}", ct))!);
        }

        for (var i = 0; i < ExtraAccounts; i++)
        {
            all.Add((await accounts.FindByNameAsync($"CRM-{2000 + i}", ct))!);
        }

        var participants = new List<ParticipantData>();
        foreach (var account in all)
        {
            for (var n = 0; n < PerAccount; n++)
            {
                var first = First[random.Next(First.Length)];
                var last = Last[random.Next(Last.Length)];
                var domain = new string(account.Name.ToLowerInvariant().Where(char.IsLetterOrDigit).ToArray()) + ".example";
                var optIns = new HashSet<Method> { Method.Survey };
                if (random.Next(10) < 8)
                {
                    optIns.Add(Method.Interview);
                }

                if (random.Next(10) < 5)
                {
                    optIns.Add(Method.Usability);
                }

                if (random.Next(10) < 3)
                {
                    optIns.Add(Method.Beta);
                }

                var doNotContact = random.Next(40) == 0 ? "asked not to be contacted for research" : null;
                participants.Add(new ParticipantData(
                    $"{first}.{last}.{n}@{domain}".ToLowerInvariant(),
                    $"{first} {last}",
                    account.Id,
                    Roles[random.Next(Roles.Length)],
                    null,
                    Regions[random.Next(Regions.Length)],
                    null,
                    optIns,
                    doNotContact,
                    "demo",
                    n == 0 ? "Prefers mornings; champion of the product." : null));
            }
        }

        await pool.UpsertAsync(participants, ct);
        await HistoryAsync(services, people, all, now, random, ct);
        return participants.Count;
    }

    /// <summary>Sixty past studies over the last year, plus recent ones that put St. Mary's at the account cap.</summary>
    private static async Task HistoryAsync(IServiceProvider services, IReadOnlyDictionary<string, long> people, List<Account> accounts, DateTimeOffset now, Random random, CancellationToken ct)
    {
        var pool = services.GetRequiredService<IParticipantStore>();
        var requests = services.GetRequiredService<IRequestStore>();
        var ledger = services.GetRequiredService<IContactLedger>();
        var history = new List<PastContact>();
        var byAccount = new Dictionary<long, IReadOnlyList<Candidate>>();
        async Task<IReadOnlyList<Candidate>> AtAsync(Account account)
        {
            if (!byAccount.TryGetValue(account.Id, out var found))
            {
                found = await pool.AtAccountAsync(account.Id, ct);
                byAccount[account.Id] = found;
            }

            return found;
        }

        async Task StudyAsync(int index, int daysAgo, IEnumerable<Account> touched, Method method, decimal incentive, ContactStatus? outcome = null)
        {
            var (team, pm) = Teams[index % Teams.Length];
            var draft = new RequestDraft($"{team} study {index + 1}", method, 6, new PoolFilter(method, [], [], [], [], []), incentive, null, null, 1, team);
            var at = now.AddDays(-daysAgo).AddHours(-random.Next(0, 8));
            var request = await requests.AddAsync(people[pm], draft, at, ct);
            await requests.SetStatusAsync(request.Id, RequestStatus.Proposed, RequestStatus.Open, ct);
            foreach (var account in touched)
            {
                var candidates = await AtAsync(account);
                var person = outcome is null ? candidates[1 + random.Next(candidates.Count - 1)] : candidates[1];
                var status = outcome ?? (daysAgo < 10 ? ContactStatus.Contacted : random.Next(10) switch { 0 => ContactStatus.NoShow, _ => ContactStatus.Completed });
                history.Add(new PastContact(request.Context(people[pm]), person.Person.Id, account.Id, status, at));
            }
        }

        var methods = new[] { Method.Interview, Method.Interview, Method.Usability, Method.Survey, Method.Beta };
        for (var i = 0; i < 60; i++)
        {
            var touched = Enumerable.Range(0, 8).Select(_ => accounts[random.Next(2, accounts.Count)]).Distinct();
            await StudyAsync(i, random.Next(1, 330), touched, methods[i % methods.Length], i % 4 == 0 ? 150m : 0m);
        }

        // St. Mary's (the second account) was reached by Payments and Onboarding this month.
        await StudyAsync(0, 5, [accounts[1]], Method.Interview, 0m);
        await StudyAsync(1, 12, [accounts[1]], Method.Survey, 0m);

        // Someone at Northwind missed two sessions this half-year.
        await StudyAsync(2, 60, [accounts[2]], Method.Interview, 0m, ContactStatus.NoShow);
        await StudyAsync(3, 120, [accounts[2]], Method.Usability, 0m, ContactStatus.NoShow);
        await ledger.ImportAsync(history, ct);
    }
}
