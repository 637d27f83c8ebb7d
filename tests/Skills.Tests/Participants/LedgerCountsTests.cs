using System.Globalization;
using ProductOps.Skills.Conversation;
using ProductOps.Skills.Participants;

namespace ProductOps.Skills.Tests.Participants;

/// <summary>Counting the ledger in SQL decides exactly as counting the contacts in memory.</summary>
public sealed class LedgerCountsTests
{
    private static readonly TimeSpan Tick = TimeSpan.FromTicks(1);

    [Fact]
    public async Task Count_ATickEitherSideOfEveryWindowEdge_DecidesAsCountingTheContacts()
    {
        await using var chat = await ParticipantsChat.StartAsync();
        var ct = CancellationToken.None;
        var busy = await chat.AccountAsync("Busy Health");
        var quiet = await chat.AccountAsync("Quiet Clinic", renewsInDays: 10);
        var people = new List<Candidate>();
        for (var i = 0; i < 7; i++)
        {
            people.Add(await chat.ParticipantAsync($"p{i}@test.example", i % 2 == 0 ? busy : quiet));
        }

        var pm = await chat.PersonAsync("Priya Patel", "priya", Role.Pm);
        var asking = await chat.Requests.AddAsync(pm.Id, Draft(50), chat.Clock.GetUtcNow(), ct);
        var other = await chat.Requests.AddAsync(pm.Id, Draft(0), chat.Clock.GetUtcNow(), ct);
        var now = chat.Clock.GetUtcNow();
        var edges = LedgerQuestion.For(RuleValues.Defaults, asking.Context(null), now);
        DateTimeOffset[] windows = [edges.Since, edges.NoShowsSince, edges.PersonCapSince, edges.PaidSince!.Value, edges.AccountCapSince, now.AddDays(-30), now.AddDays(-14)];
        ContactStatus[] statuses = [ContactStatus.Completed, ContactStatus.NoShow, ContactStatus.Released, ContactStatus.Contacted, ContactStatus.Reserved];
        long?[] studies = [null, asking.Id, other.Id];
        string[] teams = ["Payments", "payments", "Onboarding", "Reporting"];
        var n = 0;
        foreach (var edge in windows)
        {
            foreach (var at in new[] { edge - Tick, edge, edge + Tick })
            {
                // Some people get two contacts at the same instant: the cooldown names the older row's team.
                var who = people[n % people.Count];
                var account = n % 5 == 0 ? quiet : who.Account.Id;
                var copies = n % 3 == 0 ? 2 : 1;
                for (var copy = 0; copy < copies; copy++, n++)
                {
                    var study = new StudyContext(studies[n % studies.Length], "Study", (Method)(n % 4), teams[n % teams.Length], null, n % 3 * 33.33m);
                    await chat.Ledger.ImportAsync([new PastContact(study, who.Person.Id, account, statuses[n % statuses.Length], at)], ct);
                }
            }
        }

        // One team spelt two ways at one instant: the account cap names the older row's spelling.
        foreach (var (team, status) in new[] { ("Billing", ContactStatus.Contacted), ("BILLING", ContactStatus.Completed) })
        {
            await chat.Ledger.ImportAsync([new PastContact(new StudyContext(null, "Study", Method.Survey, team, null, 0), people[0].Person.Id, busy, status, now.AddDays(-1))], ct);
        }

        // Reservations lapsing a tick before now, at now, and holding a tick after.
        var reserving = asking.Context(null) with { RequestId = other.Id };
        await chat.Ledger.ReserveAsync(reserving, people, LedgerWindow.Since(now), _ =>
            [.. new[] { -Tick, TimeSpan.Zero, Tick }.Select((by, i) => new NewContact(people[i].Person.Id, people[i].Account.Id, ContactStatus.Reserved, now + by, null, ContactEvents.Reserved, null))], ct);

        var excluded = new HashSet<RuleKind>();
        foreach (var rules in new[] { RuleValues.Defaults.With(RuleBook.IncentiveCap, 100), RuleValues.Defaults.With(RuleBook.PersonCap, 1).With(RuleBook.AccountCap, 1).With(RuleBook.NoShowLimit, 1) })
        {
            foreach (var study in new[] { asking.Context(null), other.Context(null), new StudyContext(null, "", Method.Survey, "", null, 0) })
            {
                var (expected, actual) = await BothAsync(chat, people, rules, study, now);

                Assert.Equal(expected, actual);
                excluded.UnionWith((await InMemoryAsync(chat, people, rules, study, now)).SelectMany(a => a.Exclusions).Select(e => e.Rule));
            }
        }

        Assert.Superset(new HashSet<RuleKind> { RuleKind.NoShows, RuleKind.Cooldown, RuleKind.PersonCap, RuleKind.IncentiveCap, RuleKind.AccountCap }, excluded);
    }

    [Fact]
    public async Task Count_AfterAnOverrideAndANoShowInTheRequest_DecidesAsCountingTheContacts()
    {
        await using var chat = await ParticipantsChat.StartAsync();
        var priya = await chat.PersonAsync("Priya Patel", "priya", Role.Pm);
        var noah = await chat.PersonAsync("Noah Williams", "noah", Role.AccountOwner);
        var acme = await chat.AccountAsync("Acme Health", noah);
        var ann = await chat.ParticipantAsync("ann.one@acme.example", acme);
        var ben = await chat.ParticipantAsync("ben.two@acme.example", acme);
        await chat.PastAsync(ann, "Onboarding", 10);
        await chat.PastAsync(ben, "Payments", 179, ContactStatus.NoShow);
        await chat.PastAsync(ben, "Payments", 20, ContactStatus.NoShow);
        var first = ParticipantsChat.ButtonValue(await chat.SendAsync(priya, "/participants request 1 method=interview study=SSO"), MoreParticipantsHandler.ActionId);
        var second = ParticipantsChat.ButtonValue(await chat.SendAsync(priya, "/participants request 1 method=survey study=Pricing"), MoreParticipantsHandler.ActionId);
        Assert.Contains("Override recorded", await chat.SayAsync(noah, $"/participants override {first} ann.one@acme.example reason=\"She asked to join\""));
        Assert.Contains("no-show", await chat.SayAsync(priya, $"/participants done {first} ann.one@acme.example no-show"));
        var now = chat.Clock.GetUtcNow();

        foreach (var id in new[] { first, second })
        {
            var request = (await chat.Requests.FindAsync(long.Parse(id, CultureInfo.InvariantCulture), CancellationToken.None))!;
            var (expected, actual) = await BothAsync(chat, [ann, ben], RuleValues.Defaults, request.Context(null), now);

            Assert.Equal(expected, actual);
        }

        var inSecond = await InMemoryAsync(chat, [ann, ben], RuleValues.Defaults, (await chat.Requests.FindAsync(long.Parse(second, CultureInfo.InvariantCulture), CancellationToken.None))!.Context(null), now);
        Assert.Equal([RuleKind.Cooldown, RuleKind.AccountCap], inSecond[0].Exclusions.Select(e => e.Rule));
        Assert.Equal([RuleKind.NoShows, RuleKind.AccountCap], inSecond[1].Exclusions.Select(e => e.Rule));
    }

    private static RequestDraft Draft(decimal incentive) =>
        new("Study", Method.Interview, 5, new PoolFilter(Method.Interview, [], [], [], [], []), incentive, null, null, 1, "Team0");

    /// <summary>Each person's assessment, described, from the contacts read out and from the counts made in SQL.</summary>
    private static async Task<(string[] Expected, string[] Actual)> BothAsync(
        ParticipantsChat chat, IReadOnlyList<Candidate> people, RuleValues rules, StudyContext study, DateTimeOffset now)
    {
        var counts = await chat.Ledger.CountAsync(
            people.Select(c => c.Person.Id).ToArray(), people.Select(c => c.Account.Id).Distinct().ToArray(), LedgerQuestion.For(rules, study, now), CancellationToken.None);
        return (
            (await InMemoryAsync(chat, people, rules, study, now)).Select(Describe).ToArray(),
            RuleEngine.Assess(people, counts, rules, study, now).Select(Describe).ToArray());
    }

    private static async Task<IReadOnlyList<Assessment>> InMemoryAsync(
        ParticipantsChat chat, IReadOnlyList<Candidate> people, RuleValues rules, StudyContext study, DateTimeOffset now)
    {
        var history = await chat.Ledger.HistoryAsync(
            people.Select(c => c.Person.Id).ToArray(), people.Select(c => c.Account.Id).Distinct().ToArray(), rules.Window(now), CancellationToken.None);
        return RuleEngine.Assess(people, history, rules, study, now);
    }

    private static string Describe(Assessment a) =>
        $"{a.Candidate.Person.Id} {a.LastContact:O} {a.ApprovalNeeded} " + string.Join(" | ", a.Exclusions.Select(e => $"{e.Rule} {e.Why} {e.Until}"));
}
