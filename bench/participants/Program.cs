using System.Diagnostics;
using System.Globalization;
using System.Text;
using ProductOps.Skills.Accounts;
using ProductOps.Skills.Admin;
using ProductOps.Skills.Conversation;
using ProductOps.Skills.Importing;
using ProductOps.Skills.Participants;
using ProductOps.Storage;
using ProductOps.Storage.Accounts;
using ProductOps.Storage.Audit;
using ProductOps.Storage.Migrations;
using ProductOps.Storage.Participants;
using ProductOps.Storage.People;

// Data-scale benchmark of the participants skill on a real SQLite file:
// 10,000 accounts, 100,000 participants imported from CSV, 1,000,000 ledger entries;
// then p95 of a request for 10 (match, ledger, rules, proposal with exclusion counts) and of
// /participants check <account>. Usage: dotnet run -c Release --project bench/participants [-- PARTICIPANTS LEDGER RUNS [DATABASE]]
// With DATABASE, a file seeded by an earlier run with the same sizes is reused (its ledger then ages by
// the time since it was seeded), or a new one is seeded there and kept; without it, a temporary file.
var participantsWanted = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 100_000;
var ledgerWanted = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 1_000_000;
var runs = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 50;
var keep = args.Length > 3;
// Unmeasured requests first: .NET recompiles hot code with what it observed (tier 0, then tier 1 with
// profile-guided optimisation), which takes the first hundred or so requests; a running bot is past
// that. BENCH_WARMUP sets another count (40 shows the tail of that recompiling).
var warmUp = int.TryParse(Environment.GetEnvironmentVariable("BENCH_WARMUP"), out var w) ? w : 200;
var path = keep ? Path.GetFullPath(args[3]) : Path.Combine(Path.GetTempPath(), $"productops-bench-{Guid.NewGuid():N}.db");
var reuse = keep && File.Exists(path);
var accountCount = participantsWanted / 10;
var database = new Database($"Data Source={path}");
var clock = TimeProvider.System;
var ct = CancellationToken.None;
await new Migrator(database).MigrateAsync(ct);
var random = new Random(7);
var now = clock.GetUtcNow();
var accounts = new SqlAccountStore(database);
var pool = new SqlParticipantStore(database);
var ledger = new SqlContactLedger(database, clock);
var requests = new SqlRequestStore(database);
var importSeconds = reuse ? double.NaN : await SeedAsync();
if (reuse)
{
    Console.WriteLine($"reusing {path}");
}

var rules = new RuleSource(RuleDefaults.BuiltIn, new SqlRuleStore(database));
var proposer = new Proposer(pool, ledger, requests, rules, clock);
var filter = new PoolFilter(Method.Interview, ["enterprise"], ["admin"], ["EMEA"], [], []);
var draft = new RequestDraft("Bench study", Method.Interview, 10, filter, 0, null, null, 1, "Bench");
var people = new SqlPeopleStore(database, clock, InitialAdmins.None);
var pm = await people.FindByHandleAsync("bench", ct) ?? await people.AddAsync(new NewPerson("Bench PM", "bench", null, null, new HashSet<Role> { Role.Pm }, []), ct);
var request = await requests.AddAsync(pm.Id, draft, now, ct);
var (first, _) = await proposer.ProposeAsync(request, [], [], 10, ct);
Console.WriteLine("request summary: " + ParticipantsReplies.Summary(first, Method.Interview));
var requestTimes = await TimeAsync(runs, warmUp, async () =>
{
    var fresh = await requests.AddAsync(pm.Id, draft, now, ct);
    await proposer.ProposeAsync(fresh, [], [], 10, ct);
});

var check = new CheckParticipantsHandler(pool, accounts, ledger, new NoPeople(), rules, clock);
var admin = new Person(1, "Bench", "bench", null, null, new HashSet<Role> { Role.Admin }, []);
var from = new ChatUser(new ChatIdentity("bench", "bench", "bench"), "Bench");
var checkTimes = await TimeAsync(runs, warmUp, async () =>
{
    var text = $"\"Account {random.Next(accountCount)}\"";
    var inbound = new CommandInbound(from, Place.Direct("bench"), "participants", "check " + text);
    await check.HandleAsync(new CommandRequest(inbound, admin, CommandLine.Parse(text), CheckParticipantsHandler.Spec), ct);
});

Console.WriteLine($"request for 10 with exclusion counts: p50 {Percentile(requestTimes, 50):0.0} ms, p95 {Percentile(requestTimes, 95):0.0} ms ({runs} runs)");
Console.WriteLine($"/participants check <account>: p50 {Percentile(checkTimes, 50):0.0} ms, p95 {Percentile(checkTimes, 95):0.0} ms ({runs} runs)");
Console.WriteLine(reuse ? "import: not timed (reused database)" : $"import of {participantsWanted:N0} rows: {importSeconds:0.0} s");
Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
foreach (var file in keep ? [] : new[] { path, path + "-wal", path + "-shm" })
{
    File.Delete(file);
}

return 0;

// Accounts, the participant import (timed: it has a target) and the ledger history.
async Task<double> SeedAsync()
{
    var today = DateOnly.FromDateTime(now.UtcDateTime);
    string[] segments = ["enterprise", "mid-market", "smb"];
    string[] roles = ["admin", "clinician", "billing manager", "practice manager", "it lead", "nurse"];
    string[] regions = ["NA", "EMEA", "APAC", "LATAM"];
    string[] teams = ["Payments", "Onboarding", "Reporting", "Mobile", "Integrations", "Growth", "Platform", "Data"];
    var watch = Stopwatch.StartNew();
    await accounts.UpsertAsync(
        Enumerable.Range(0, accountCount).Select(i => new AccountData($"Account {i}", [], segments[i % 3], 100_000m, null, today.AddDays(random.Next(1, 365)), $"B-{i}")).ToArray(), ct);
    Console.WriteLine($"accounts: {accountCount:N0} in {watch.Elapsed.TotalSeconds:0.0} s");

    var csv = new StringBuilder("email,name,account,role,region,opt_ins,do_not_contact\n");
    for (var i = 0; i < participantsWanted; i++)
    {
        var optIns = random.Next(10) < 8 ? "interview;survey" : "survey";
        var dnc = random.Next(50) == 0 ? "yes" : "";
        csv.Append(CultureInfo.InvariantCulture, $"person{i}@a{i % accountCount}.example,Person {i},B-{i % accountCount},{roles[random.Next(roles.Length)]},{regions[random.Next(regions.Length)]},{optIns},{dnc}\n");
    }

    var import = new ImportParticipants(pool, accounts, new SqlAuditLog(database, clock));
    watch.Restart();
    var report = await import.ImportAsync(new StringReader(csv.ToString()), new ImportRequest(null, "bench", false), ct);
    var seconds = watch.Elapsed.TotalSeconds;
    Console.WriteLine($"import: {report.Summary.Split('\n')[0]} in {seconds:0.0} s");

    watch.Restart();
    const int batch = 50_000;
    for (var done = 0; done < ledgerWanted; done += batch)
    {
        var history = new List<PastContact>(batch);
        for (var i = 0; i < batch && done + i < ledgerWanted; i++)
        {
            var person = random.Next(participantsWanted);
            var team = teams[random.Next(teams.Length)];
            var study = new StudyContext(null, $"{team} study", Method.Interview, team, null, 0);
            var status = random.Next(20) == 0 ? ContactStatus.NoShow : ContactStatus.Completed;
            history.Add(new PastContact(study, person + 1, person % accountCount + 1, status, now.AddMinutes(-random.Next(1, 730 * 24 * 60))));
        }

        await ledger.ImportAsync(history, ct);
    }

    Console.WriteLine($"ledger: {ledgerWanted:N0} entries in {watch.Elapsed.TotalSeconds:0.0} s");
    return seconds;
}

// Unmeasured runs first: .NET compiles hot code again, optimised with what it saw, after about 30
// calls, and a running bot has long passed that; without them the slowest timed runs are warm-up.
static async Task<double[]> TimeAsync(int runs, int warmUp, Func<Task> work)
{
    for (var i = 0; i < warmUp; i++)
    {
        await work();
    }

    var times = new double[runs];
    for (var i = 0; i < runs; i++)
    {
        var watch = Stopwatch.StartNew();
        await work();
        times[i] = watch.Elapsed.TotalMilliseconds;
    }

    return times;
}

static double Percentile(double[] times, int percent)
{
    var sorted = times.Order().ToArray();
    return sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(percent / 100.0 * sorted.Length) - 1)];
}

/// <summary>The benchmark has no chat people; history lines name the asker as "someone".</summary>
internal sealed class NoPeople : IPeopleStore
{
    public Task<Person?> FindAsync(long id, CancellationToken ct) => Task.FromResult<Person?>(null);

    public Task<Person?> FindByIdentityAsync(ChatIdentity identity, CancellationToken ct) => Task.FromResult<Person?>(null);

    public Task<Person?> FindByHandleAsync(string handleOrEmail, CancellationToken ct) => Task.FromResult<Person?>(null);

    public Task<IReadOnlyList<Person>> ListAsync(CancellationToken ct) => Task.FromResult<IReadOnlyList<Person>>([]);

    public Task<Person> AddAsync(NewPerson person, CancellationToken ct) => throw new NotSupportedException("The benchmark adds no people.");

    public Task SetRolesAsync(long personId, IReadOnlySet<Role> roles, CancellationToken ct) => throw new NotSupportedException("The benchmark changes no roles.");

    public Task<Person> ResolveAsync(ChatUser user, CancellationToken ct) => throw new NotSupportedException("The benchmark resolves no chat users.");
}
