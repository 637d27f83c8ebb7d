using ProductOps.Skills.Participants;

namespace ProductOps.Skills.Tests.Participants;

public sealed class RuleEngineTests
{
    private static readonly DateTimeOffset Now = new DateTimeOffset(2026, 3, 2, 9, 30, 0, TimeSpan.Zero);
    private static readonly StudyContext Interview = new(100, "SSO onboarding", Method.Interview, "Payments", 1, 0);
    private static readonly AccountBrief Acme = new(10, "Acme Health", "enterprise", 7, new DateOnly(2026, 12, 1));
    private long _ids;

    [Fact]
    public void Assess_WhenDoNotContact_ExcludesWithReasonAndNoOverride()
    {
        var jane = Person(1, doNotContact: "asked us to stop");

        var result = Assess(jane, []);

        Assert.Equal(RuleKind.DoNotContact, result.First!.Rule);
        Assert.Equal("do-not-contact (asked us to stop)", result.First.Why);
        Assert.False(result.First.Overridable);
    }

    [Fact]
    public void Assess_WhenNotOptedInToMethod_ExcludesAndNamesTheMethod()
    {
        var jane = Person(1, optIns: [Method.Survey]);

        var result = Assess(jane, []);

        Assert.Equal(RuleKind.NoOptIn, result.First!.Rule);
        Assert.Equal("has not opted in to interviews", result.First.Why);
    }

    [Fact]
    public void Assess_WhenContactedWithinCooldown_ExcludesUntilCooldownEnds()
    {
        var jane = Person(1);

        var result = Assess(jane, [Contact(jane, "Onboarding", daysAgo: 10)]);

        Assert.Equal(RuleKind.Cooldown, result.First!.Rule);
        Assert.Equal("contacted by Onboarding on 2026-02-20 (interview); the interview cooldown is 30 days", result.First.Why);
        Assert.Equal(new DateOnly(2026, 3, 22), result.First.Until);
        Assert.True(result.First.Overridable);
    }

    [Fact]
    public void Assess_SurveyAfterTwentyDays_PassesTheShorterSurveyCooldown()
    {
        var jane = Person(1);

        var result = RuleEngine.Assess([jane], [Contact(jane, "Onboarding", daysAgo: 20)], RuleValues.Defaults, Interview with { Method = Method.Survey }, Now)[0];

        Assert.True(result.Eligible);
    }

    [Fact]
    public void Assess_WhenThreeStudiesInNinetyDays_ExcludesByPersonCap()
    {
        var jane = Person(1);
        var rules = RuleValues.Defaults.With(RuleBook.CooldownInterview, 0);

        var result = RuleEngine.Assess([jane], [Contact(jane, "A", 80), Contact(jane, "B", 50), Contact(jane, "C", 40)], rules, Interview, Now)[0];

        Assert.Equal(RuleKind.PersonCap, result.First!.Rule);
        Assert.Equal("already in 3 studies in the last 90 days (cap 3)", result.First.Why);
        Assert.Equal(new DateOnly(2026, 3, 12), result.First.Until);
    }

    [Fact]
    public void Assess_WhenIncentiveWouldPassYearlyCap_ExcludesUntilNextYear()
    {
        var jane = Person(1);
        var paid = Contact(jane, "Payments", 50) with { Incentive = 450 };

        var result = RuleEngine.Assess([jane], [paid], RuleValues.Defaults, Interview with { Incentive = 100 }, Now)[0];

        Assert.Equal(RuleKind.IncentiveCap, result.First!.Rule);
        Assert.Equal("$450 in incentives this year; $100 more would pass the $500 cap", result.First.Why);
        Assert.Equal(new DateOnly(2027, 1, 1), result.First.Until);
    }

    [Fact]
    public void Assess_WhenAccountTouchedByTwoTeams_ExcludesEveryoneThereAndNamesTheTeams()
    {
        var jane = Person(1);
        var bob = Person(2);
        var carl = Person(3);

        var result = RuleEngine.Assess([jane], [Contact(bob, "Payments", 5), Contact(carl, "Onboarding", 12)], RuleValues.Defaults, Interview, Now)[0];

        Assert.Equal(RuleKind.AccountCap, result.First!.Rule);
        Assert.Equal("Acme Health was contacted by Onboarding and Payments in the last 30 days (2 studies; cap 2)", result.First.Why);
        Assert.Equal(new DateOnly(2026, 3, 20), result.First.Until);
    }

    [Fact]
    public void Assess_WhenOwnStudyAlreadyTouchesAccount_DoesNotCountItAgainstTheCap()
    {
        var jane = Person(1);
        var bob = Person(2);

        var result = RuleEngine.Assess([jane], [Contact(bob, "Payments", 5), Contact(bob, "Payments", 0) with { RequestId = Interview.RequestId }], RuleValues.Defaults, Interview, Now)[0];

        Assert.True(result.Eligible);
    }

    [Fact]
    public void Assess_AfterTwoNoShows_ExcludesForHalfAYear()
    {
        var jane = Person(1);

        var result = Assess(jane, [Contact(jane, "A", 150, ContactStatus.NoShow), Contact(jane, "B", 100, ContactStatus.NoShow)]);

        Assert.Equal(RuleKind.NoShows, result.First!.Rule);
        Assert.Equal("2 no-shows in the last 180 days", result.First.Why);
        Assert.False(result.First.Overridable);
    }

    [Fact]
    public void Assess_ReleasedAndLapsedContacts_DoNotCount()
    {
        var jane = Person(1);
        var released = Contact(jane, "A", 3, ContactStatus.Released);
        var lapsed = Contact(jane, "B", 8, ContactStatus.Reserved) with { ExpiresAt = Now.AddDays(-1) };

        var result = Assess(jane, [released, lapsed]);

        Assert.True(result.Eligible);
    }

    [Fact]
    public void Assess_WhenAccountRenewsWithinQuietPeriod_NeedsOwnerApproval()
    {
        var jane = Person(1) with { Account = Acme with { RenewalDate = new DateOnly(2026, 3, 20) } };

        var result = Assess(jane, []);

        Assert.True(result.Eligible);
        Assert.Equal("Acme Health renews on 2026-03-20, within the 30-day renewal quiet period", result.ApprovalNeeded);
    }

    [Fact]
    public void Explanations_EveryRule_SaysItsValue()
    {
        var explained = RuleBook.All.Select(r => r.Explain(42)).ToArray();

        Assert.All(explained, e => Assert.Contains("42", e));
        Assert.Equal(RuleBook.All.Count, RuleBook.All.Select(r => r.Name).Distinct().Count());
    }

    private static Assessment Assess(Candidate who, IReadOnlyList<Contact> ledger) =>
        RuleEngine.Assess([who], ledger, RuleValues.Defaults, Interview, Now)[0];

    private static Candidate Person(long id, string? doNotContact = null, Method[]? optIns = null) =>
        new(new Participant(id, $"p{id}@acme.example", $"Person {id}", Acme.Id, "admin", null, null, null, (optIns ?? Enum.GetValues<Method>()).ToHashSet(), doNotContact, null, null), Acme);

    private Contact Contact(Candidate who, string team, int daysAgo, ContactStatus status = ContactStatus.Completed) =>
        new(++_ids, _ids, who.Person.Id, who.Account.Id, $"{team} study", Method.Interview, team, 2, status, 0, Now.AddDays(-daysAgo), null, null, null, null, null);
}
