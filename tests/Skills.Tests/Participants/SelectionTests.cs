using ProductOps.Skills.Participants;

namespace ProductOps.Skills.Tests.Participants;

public sealed class SelectionTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Propose_LeastRecentlyContactedFirst_NeverContactedLeads()
    {
        var assessed = new[] { Eligible(1, 1, 10), Eligible(2, 2, null), Eligible(3, 3, 40) };

        var proposal = Selection.Propose(assessed, 3, 1, [], new HashSet<long>());

        Assert.Equal([2L, 3L, 1L], proposal.Picked.Select(a => a.Candidate.Person.Id));
    }

    [Fact]
    public void Propose_OnePerAccountByDefault_SpreadsAndCountsTheRestAsHeld()
    {
        var assessed = new[] { Eligible(1, 1, null), Eligible(2, 1, null), Eligible(3, 2, null), Eligible(4, 3, null) };

        var proposal = Selection.Propose(assessed, 3, 1, [], new HashSet<long>());

        Assert.Equal([1L, 3L, 4L], proposal.Picked.Select(a => a.Candidate.Person.Id));
        Assert.Equal(1, proposal.HeldBySpread);
    }

    [Fact]
    public void Propose_WithTwoPerAccount_TakesTwoFromOneAccount()
    {
        var assessed = new[] { Eligible(1, 1, null), Eligible(2, 1, null), Eligible(3, 1, null) };

        var proposal = Selection.Propose(assessed, 3, 2, [], new HashSet<long>());

        Assert.Equal([1L, 2L], proposal.Picked.Select(a => a.Candidate.Person.Id));
    }

    [Fact]
    public void Propose_CountsExclusionsPerRule_AndSkipsDropped()
    {
        var excluded = Eligible(5, 5, null) with { Exclusions = [new Exclusion(RuleKind.Cooldown, "contacted", null)] };
        var assessed = new[] { Eligible(1, 1, null), Eligible(2, 2, null), excluded };

        var proposal = Selection.Propose(assessed, 5, 1, [], new HashSet<long> { 1 });

        Assert.Equal([2L], proposal.Picked.Select(a => a.Candidate.Person.Id));
        Assert.Equal(3, proposal.Matched);
        Assert.Equal(RuleKind.Cooldown, Assert.Single(proposal.Excluded).Rule);
    }

    private static Assessment Eligible(long id, long account, int? daysAgo) =>
        new(
            new Candidate(
                new Participant(id, $"p{id}@x.example", $"P{id}", account, null, null, null, null, new HashSet<Method> { Method.Interview }, null, null, null),
                new AccountBrief(account, $"Account {account}", null, null, null)),
            [],
            null,
            daysAgo is { } d ? Now.AddDays(-d) : null);
}
