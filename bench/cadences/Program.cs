using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Options;
using ProductOps.Bench.Cadences;
using ProductOps.Bot.Outbox;
using ProductOps.Bot.Slack;
using ProductOps.Bot.Slack.Api;
using ProductOps.Bot.Slack.Rendering;
using ProductOps.Skills.Admin;
using ProductOps.Skills.Cadences;
using ProductOps.Skills.Conversation;
using ProductOps.Storage;
using ProductOps.Storage.Areas;
using ProductOps.Storage.Cadences;
using ProductOps.Storage.Migrations;
using ProductOps.Storage.People;

// A cadence with 5,000 participants on a real SQLite file: opening the cycle and its nudge step
// (every nudge into the outbox), the real outbox dispatcher and Slack sender draining the nudges
// against a rate-limited fake Slack Web API on 127.0.0.1, then the digest of 5,000 submissions.
// Usage: dotnet run -c Release --project bench/cadences [-- PARTICIPANTS DRAIN_SECONDS]
var participantCount = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 5_000;
var drainSeconds = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 240;
var clock = TimeProvider.System;
var ct = CancellationToken.None;
var path = Path.Combine(Path.GetTempPath(), $"productops-bench-{Guid.NewGuid():N}.db");
var database = new Database($"Data Source={path}");
await new Migrator(database).MigrateAsync(ct);
await using var slack = await RateLimitedSlack.StartAsync(clock);

var builder = Host.CreateApplicationBuilder();
builder.Configuration["Logging:LogLevel:Default"] = "Warning";
builder.Configuration["Slack:ApiBaseUrl"] = slack.ApiBaseUrl;
builder.Configuration["SLACK_BOT_TOKEN"] = "xoxb-bench";
builder.Services.AddSingleton(database);
builder.Services.AddSingleton(clock);
builder.Services.AddSingleton<IPeopleStore>(new SqlPeopleStore(database, clock, InitialAdmins.None));
builder.Services.AddSingleton<IAreaStore>(new SqlAreaStore(database, clock));
builder.Services.AddOutbox(builder.Configuration);
builder.Services.AddOptions<SlackOptions>().Bind(builder.Configuration.GetSection(SlackOptions.Section)).PostConfigure(o => o.ReadSecrets(builder.Configuration));
builder.Services.AddSingleton<SlackPacer>();
builder.Services.AddHttpClient<ISlackApi, SlackApiClient>((sp, http) => http.BaseAddress = new Uri(sp.GetRequiredService<IOptions<SlackOptions>>().Value.ApiBaseUrl));
builder.Services.AddSingleton<SlackChannels>();
builder.Services.AddSingleton<SlackDirectMessages>();
builder.Services.AddSingleton<IMessageSender, SlackSender>();
builder.Services.AddSingleton<ICadenceStore>(new SqlCadenceStore(database, clock));
builder.Services.AddSingleton<ICycleStore>(new SqlCycleStore(database, clock));
builder.Services.AddSingleton<IAwayStore>(new SqlAwayStore(database));
builder.Services.AddSingleton<NoTimers>();
builder.Services.AddSingleton<ICadenceScheduler>(sp => sp.GetRequiredService<NoTimers>());
builder.Services.AddSingleton<CadenceCycles>();
using var host = builder.Build();

// Participants with Slack identities in a zone where it is midday now, so every nudge is due at once.
var zone = "Etc/GMT" + (12 - clock.GetUtcNow().Hour is var h and not 0 ? (h > 0 ? "-" : "+") + Math.Abs(h).ToString(CultureInfo.InvariantCulture) : "");
var people = host.Services.GetRequiredService<IPeopleStore>();
var watch = Stopwatch.StartNew();
for (var i = 0; i < participantCount; i++)
{
    await people.AddAsync(new NewPerson($"PM {i}", $"pm{i}", null, zone, new HashSet<Role> { Role.Pm }, [new ChatIdentity(Platforms.Slack, "T1", $"U{i:D6}")]), ct);
}

Console.WriteLine($"setup: {participantCount:N0} people in {watch.Elapsed.TotalSeconds:0.0} s");
var draft = new CadenceDraft("Roadmap", Templates.Roadmap.Key, "monthly on the first Monday at 10:00", zone, false,
    new ParticipantRule([], [Role.Pm], false), TimeSpan.FromHours(5), [TimeSpan.FromHours(2)], null, "product-rollup", [], []);
var cadence = (await host.Services.GetRequiredService<ICadenceStore>().AddAsync(draft, ct))!;
var life = host.Services.GetRequiredService<CadenceCycles>();

watch.Restart();
var cycle = await life.OpenAsync(cadence, clock.GetUtcNow(), ct);
var opened = watch.Elapsed;
foreach (var step in host.Services.GetRequiredService<NoTimers>().Steps.Where(s => s.Kind == StepKind.Nudge))
{
    await life.RunStepAsync(step, ct);
}

var enqueued = watch.Elapsed;
var counts = await host.Services.GetRequiredService<IOutboxStore>().CountAsync(ct);
Console.WriteLine($"open + nudge step: {counts.Pending:N0} nudges pending after {enqueued.TotalSeconds:0.000} s (opening {opened.TotalSeconds:0.000} s); {Memory()}");

// Drain: the dispatcher starts with the host; sample the fake's accepted chat.postMessage calls each second.
var samples = new List<(double Seconds, int Posted)>();
await host.StartAsync(ct);
watch.Restart();
while (watch.Elapsed.TotalSeconds < drainSeconds && slack.Accepted("chat.postMessage") < participantCount)
{
    await Task.Delay(1000);
    samples.Add((watch.Elapsed.TotalSeconds, slack.Accepted("chat.postMessage")));
}

await host.StopAsync(ct);
var (drainElapsed, posted) = samples[^1];
var steady = samples.Where(s => s.Seconds >= 60).ToArray();
var steadyRate = steady.Length > 1 ? (steady[^1].Posted - steady[0].Posted) / (steady[^1].Seconds - steady[0].Seconds) : posted / drainElapsed;
var burst = samples.LastOrDefault(s => s.Seconds < 60).Posted;
var projected = posted >= participantCount ? drainElapsed : 60 + (participantCount - burst) / steadyRate;
Console.WriteLine($"drain: {posted:N0} DMs in {drainElapsed:0} s; {burst:N0} in the first minute, then {steadyRate:0.00}/s; {Memory()}");

// Digest: everyone answers (one in five at risk), then the close step's read and build are timed.
var cycles = host.Services.GetRequiredService<ICycleStore>();
var members = await cycles.MembersAsync(cycle.Id, ct);
var template = Templates.Roadmap;
watch.Restart();
for (var i = 0; i < members.Count; i++)
{
    var answers = template.Questions.ToDictionary(q => q.Id, q => q.Choices is { Count: > 0 } choices ? choices[i % 5 == 0 ? Math.Min(1, choices.Count - 1) : 0].Value : $"Update {i} for {q.Label}: shipped the next step of the plan.");
    await cycles.SaveAsync(cycle.Id, members[i].PersonId, answers, false, ct);
}

Console.WriteLine($"setup: {members.Count:N0} submissions in {watch.Elapsed.TotalSeconds:0.0} s");
var (digestTimes, slackMessages) = await TimeDigestsAsync(life, cadence, cycle, 6, ct);
Console.WriteLine($"digest: {Memory()}");
watch.Restart();
await life.RunStepAsync(new CycleStep(cadence.Id, cycle.Id, StepKind.Close, 0, cycle.DueAt), ct);
var close = watch.Elapsed;

Console.WriteLine($"close: {Memory()}");
using var self = Process.GetCurrentProcess();
var peakMb = self.PeakWorkingSet64 / 1024.0 / 1024.0;
var firstDigest = digestTimes[0];
var warmDigest = digestTimes.Skip(1).Order().ElementAt(digestTimes.Count / 2 - 1);
var rows = new (string What, string Target, string Measured)[]
{
    ("open the cycle + enqueue every nudge", "< 2 s", $"{enqueued.TotalSeconds:0.000} s ({counts.Pending:N0} nudges; opening alone {opened.TotalSeconds:0.000} s)"),
    ("drain rate against the fake Slack", "platform's allowed rate", $"{burst:N0} in the first minute, then {steadyRate:0.00} DMs/s ({posted:N0} in {drainElapsed:0} s)"),
    ("time to drain every nudge", "", posted >= participantCount ? $"{drainElapsed / 60:0.0} min (measured)" : $"{projected / 60:0} min (projected from the rate above)"),
    ("429s from the fake Slack", "0", $"{slack.TotalLimited} (conversations.open {slack.Limited("conversations.open")}, chat.postMessage {slack.Limited("chat.postMessage")})"),
    ("DM channels that got a nudge twice", "0", slack.ChannelsWithRepeats.ToString(CultureInfo.InvariantCulture)),
    ($"digest of {members.Count:N0} submissions built", "< 1 s", $"{firstDigest:0} ms first, {warmDigest:0} ms median of 5 more ({slackMessages} Slack messages)"),
    ("close step (digest built and enqueued, cycle closed)", "", $"{close.TotalMilliseconds:0} ms"),
    ("peak RSS (bot code and the fake Slack in one process)", "< 300 MB", $"{peakMb:0} MB"),
};
Console.WriteLine();
Console.WriteLine("| what | target | measured |");
Console.WriteLine("|---|---|---|");
foreach (var (what, target, measured) in rows)
{
    Console.WriteLine($"| {what} | {target} | {measured} |");
}

Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
foreach (var file in new[] { path, path + "-wal", path + "-shm" })
{
    File.Delete(file);
}

return 0;

// Builds the digest as the close step does, timed; no digest outlives the call (top-level locals
// of an async program live to its end), so the close step after it holds only its own.
static async Task<(List<double> Times, int SlackMessages)> TimeDigestsAsync(CadenceCycles life, Cadence cadence, Cycle cycle, int runs, CancellationToken ct)
{
    var times = new List<double>();
    var messages = 0;
    for (var run = 0; run < runs; run++)
    {
        var watch = Stopwatch.StartNew();
        var digest = CadenceReplies.Digest(await life.StateAsync(cadence, cycle, ct));
        times.Add(watch.Elapsed.TotalMilliseconds);
        messages = BlockKitRenderer.Render(digest).Count;
    }

    return (times, messages);
}

// Resident memory now and at its peak so far, from the kernel's view of this process.
static string Memory()
{
    var status = File.ReadAllLines("/proc/self/status");
    string Field(string name) => status.First(l => l.StartsWith(name, StringComparison.Ordinal)).Split(':')[1].Trim();
    return $"RSS {Field("VmRSS")}, peak {Field("VmHWM")}";
}
