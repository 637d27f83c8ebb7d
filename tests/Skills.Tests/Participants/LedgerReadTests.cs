using ProductOps.Skills.Participants;

namespace ProductOps.Skills.Tests.Participants;

public sealed class LedgerReadTests
{
    [Fact]
    public async Task Holding_GivesTheRulesTheSameAnswersAsTheFullHistory()
    {
        await using var chat = await ParticipantsChat.StartAsync();
        var ct = CancellationToken.None;
        var busy = await chat.AccountAsync("Busy Health");
        var quiet = await chat.AccountAsync("Quiet Clinic", renewsInDays: 10);
        var people = new List<Candidate>();
        for (var i = 0; i < 6; i++)
        {
            people.Add(await chat.ParticipantAsync($"p{i}@test.example", i % 2 == 0 ? busy : quiet));
        }

        // Every status, in and out of each rule's window, with incentives and equal times.
        ContactStatus[] statuses = [ContactStatus.Completed, ContactStatus.NoShow, ContactStatus.Released, ContactStatus.Contacted, ContactStatus.Reserved];
        for (var i = 0; i < 60; i++)
        {
            await chat.PastAsync(people[i % people.Count], $"Team{i % 4}", (i * 7) % 400, statuses[i % statuses.Length], (Method)(i % 4), i % 3 * 40);
        }

        var now = chat.Clock.GetUtcNow();
        var study = new StudyContext(null, "Study", Method.Interview, "Team0", null, 0);
        var lapsed = new NewContact(people[1].Person.Id, quiet, ContactStatus.Reserved, now.AddDays(-1), null, ContactEvents.Reserved, null);
        var held = new NewContact(people[2].Person.Id, busy, ContactStatus.Reserved, now.AddDays(3), null, ContactEvents.Reserved, null);
        await chat.Ledger.ReserveAsync(study, people, LedgerWindow.Since(now), _ => [lapsed, held], ct);

        var rules = RuleValues.Defaults.With(RuleBook.IncentiveCap, 100);
        var ids = people.Select(c => c.Person.Id).ToArray();
        var accounts = new[] { busy, quiet };
        var full = await chat.Ledger.HistoryAsync(ids, accounts, rules.Window(now), ct);
        var holding = await chat.Ledger.HoldingAsync(ids, accounts, rules.Window(now), now, ct);
        Assert.True(holding.Count < full.Count);
        foreach (var asking in new[] { study, study with { RequestId = 1, Incentive = 50 } })
        {
            var expected = RuleEngine.Assess(people, full, rules, asking, now);
            var actual = RuleEngine.Assess(people, holding, rules, asking, now);
            Assert.Equal(expected.Select(Describe), actual.Select(Describe));
            Assert.Contains(expected, a => !a.Eligible);
        }
    }

    private static string Describe(Assessment a) =>
        $"{a.Candidate.Person.Id} {a.LastContact:O} {a.ApprovalNeeded} " + string.Join(" | ", a.Exclusions.Select(e => $"{e.Rule} {e.Why} {e.Until}"));
}
