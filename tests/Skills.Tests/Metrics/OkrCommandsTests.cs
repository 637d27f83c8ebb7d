using ProductOps.Skills.Conversation;
using ProductOps.Skills.Metrics;

namespace ProductOps.Skills.Tests.Metrics;

public sealed class OkrCommandsTests
{
    [Fact]
    public async Task CreateAddUpdate_InlineCheckIn_ShowsInStatusAndHistory()
    {
        await using var m = await MetricsChat.StartAsync();

        var created = await m.SayAsync(m.Priya, "/okr create \"Grow enterprise revenue\" team=Payments");
        var added = await m.SayAsync(m.Priya, "/okr kr add O-1 \"New enterprise accounts\" target=40");
        await m.SayAsync(m.Priya, "/okr kr add O-1 \"Win rate to 30%\" start=20 target=30 unit=percent");
        var updated = await m.SayAsync(m.Priya, "/okr update KR-1 10 confidence=6 \"pipeline strong, closes slipping\"");
        var status = await m.SayAsync(m.Helen, "/okr status payments");
        var history = await m.SayAsync(m.Helen, "/okr history KR-1");

        Assert.Contains("Created O-1 Grow enterprise revenue for Payments in 2026-Q1", created);
        Assert.Contains("Added KR-1 New enterprise accounts to O-1: from 0 to 40", added);
        Assert.Contains("Checked in on KR-1.", updated);
        Assert.Contains("OKRs 2026-Q1 · Payments", status);
        Assert.Contains("▓▓▓░░░░░░░ 25% (expected 67%) · confidence 6/10 · updated today · ⚠ at risk: 42 points behind", status);
        Assert.Contains("2026-03-02 10 · confidence 6/10 · Priya Patel: pipeline strong, closes slipping", history);
    }

    [Fact]
    public async Task Status_AtRiskFirstAndStaleMarked()
    {
        await using var m = await MetricsChat.StartAsync();
        await m.SayAsync(m.Priya, "/okr create \"Calm objective\" team=Payments");
        await m.SayAsync(m.Priya, "/okr kr add O-1 \"On track\" target=100");
        await m.SayAsync(m.Priya, "/okr update KR-1 70 confidence=8 \"fine\"");
        await m.SayAsync(m.Sam, "/okr create \"Risky objective\" team=Onboarding");
        await m.SayAsync(m.Sam, "/okr kr add O-2 \"Behind\" target=100");
        await m.SayAsync(m.Sam, "/okr update KR-2 60 confidence=2 \"blocked\"");
        m.Chat.Clock.Advance(TimeSpan.FromDays(15));

        var status = await m.SayAsync(m.Helen, "/okr status");

        Assert.True(status.IndexOf("Risky objective", StringComparison.Ordinal) < status.IndexOf("Calm objective", StringComparison.Ordinal), status);
        Assert.Contains("⚠ at risk: confidence 2/10 · ⏳ stale", status);
        Assert.Contains("updated 15 days ago", status);
        Assert.Contains("Has 1 key result; objectives need 2–5.", status);
    }

    [Theory]
    [InlineData("/okr status O-99", "No objective of 2026-Q1 matches O-99.\nTeams with objectives: Payments.")]
    [InlineData("/okr status 2026-Q5", "2026-Q5 is not a quarter: quarters run Q1 to Q4, like 2026-Q1.")]
    [InlineData("/okr kr add O-99 \"Result\" target=5", "There is no objective O-99; /okr status lists them.")]
    [InlineData("/okr history KR-999", "There is no key result KR-999; /okr status shows them.")]
    [InlineData("/okr status Paymnts", "No objective of 2026-Q1 matches \"Paymnts\". Did you mean Payments?")]
    public async Task Okr_UnknownObjectiveKeyResultOrQuarter_SaysWhatWasAskedAndSuggestsOnlyForWords(string command, string expected)
    {
        await using var m = await MetricsChat.StartAsync();
        await m.SayAsync(m.Priya, "/okr create \"Objective\" team=Payments");

        var text = await m.SayAsync(m.Helen, command);

        Assert.StartsWith(expected, text);
    }

    [Fact]
    public async Task Update_ByOtherPm_RefusedAndNothingRecorded()
    {
        await using var m = await MetricsChat.StartAsync();
        await m.SayAsync(m.Priya, "/okr create \"Objective\" team=Payments");
        await m.SayAsync(m.Priya, "/okr kr add O-1 \"Result\" target=10");

        var text = await m.SayAsync(m.Sam, "/okr update KR-1 5 confidence=6 \"mine now\"");

        Assert.Contains("Only the owner of KR-1 or an admin can update it.", text);
        Assert.Contains("No check-ins yet", await m.SayAsync(m.Sam, "/okr history KR-1"));
    }

    [Fact]
    public async Task AddKeyResult_ByAnAdminWithoutOwner_BelongsToTheObjectivesOwner()
    {
        await using var m = await MetricsChat.StartAsync();
        await m.SayAsync(m.Priya, "/okr create \"Objective\" team=Payments");

        var added = await m.SayAsync(m.Maya, "/okr kr add O-1 \"Result\" target=10");
        var update = await m.SayAsync(m.Priya, "/okr update KR-1 5 confidence=6 \"halfway\"");

        Assert.EndsWith("owned by @Priya Patel.", added);
        Assert.DoesNotContain("Only the owner", update);
    }

    [Fact]
    public async Task CreateAndAdd_SameTitleAgain_RefusedNamingTheOneThatExists()
    {
        await using var m = await MetricsChat.StartAsync();
        await m.SayAsync(m.Priya, "/okr create \"Delight admins\" team=Payments");
        await m.SayAsync(m.Priya, "/okr kr add O-1 \"Admin NPS to 50\" target=50");

        var objective = await m.SayAsync(m.Priya, "/okr create \"delight admins\" team=Payments");
        var keyResult = await m.SayAsync(m.Priya, "/okr kr add O-1 \"Admin NPS to 50\" target=50");

        Assert.StartsWith("O-1 Delight admins already exists in 2026-Q1. Add key results to it, or give this objective another title.", objective);
        Assert.StartsWith("O-1 already has KR-1 Admin NPS to 50. Check in on it with /okr update KR-1, or give this key result another title.", keyResult);
        Assert.DoesNotContain("KR-2", await m.SayAsync(m.Priya, "/okr status O-1"));
    }

    [Fact]
    public async Task AddKeyResult_TargetPastAQuadrillion_IsRefusedNamingTheLimit()
    {
        await using var m = await MetricsChat.StartAsync();
        await m.SayAsync(m.Priya, "/okr create \"Objective\" team=Payments");

        var text = await m.SayAsync(m.Priya, "/okr kr add O-1 \"Result\" target=1e20");

        Assert.Contains("target=\"1e20\" is past a quadrillion (1e15) either way, the most a metric holds; check the digits.", text);
        Assert.DoesNotContain("KR-1", await m.SayAsync(m.Priya, "/okr status O-1"));
    }

    [Theory]
    [InlineData("/okr update KR-1 5 confidence=11 \"x\"", "confidence=11 must be a whole number from 1 (won't make it) to 10 (certain).")]
    [InlineData("/okr update KR-1 5,5 confidence=6 \"x\"", "5,5 is not a number.")]
    [InlineData("/okr update KR-1 99999999999999999999999 confidence=6 \"x\"", "\"99999999999999999999999\" is past a quadrillion (1e15) either way, the most a metric holds; check the digits.")]
    [InlineData("/okr update KR-1 5 confidence=6", "Every check-in needs a reason")]
    [InlineData("/okr update KR-9 5 confidence=6 \"x\"", "KR-9 is not a key result.")]
    [InlineData("/okr update KR-1 5 \"x\"", "KR-1 has no confidence yet. Add confidence=<1-10>.")]
    public async Task Update_BadInput_ExplainsAndRecordsNothing(string command, string expected)
    {
        await using var m = await MetricsChat.StartAsync();
        await m.SayAsync(m.Priya, "/okr create \"Objective\" team=Payments");
        await m.SayAsync(m.Priya, "/okr kr add O-1 \"Result\" target=10");

        var text = await m.SayAsync(m.Priya, command);

        Assert.Contains(expected, text);
        Assert.Contains("No check-ins yet", await m.SayAsync(m.Priya, "/okr history KR-1"));
    }

    [Fact]
    public async Task Update_NoArguments_OpensPrefilledFormAndSubmissionChecksIn()
    {
        await using var m = await MetricsChat.StartAsync();
        await m.SayAsync(m.Priya, "/okr create \"Objective\" team=Payments");
        await m.SayAsync(m.Priya, "/okr kr add O-1 \"Result\" target=10");
        await m.SayAsync(m.Priya, "/okr update KR-1 2 confidence=5 \"start\"");

        var opened = await m.Chat.SendAsync(m.Priya, "/okr update");
        var form = Assert.IsType<Form>(opened.Form);
        var missingReason = await Submit(m, form, ("value.1", "4"), ("confidence.1", "6"));
        var submitted = await Submit(m, form, ("value.1", "4"), ("confidence.1", "6"), ("reason.1", "two more signed"));

        Assert.Equal(2m, form.Inputs.OfType<NumberInput>().Single(i => i.Id == "value.1").Initial);
        Assert.Equal(5m, form.Inputs.OfType<NumberInput>().Single(i => i.Id == "confidence.1").Initial);
        Assert.Equal("Say why: what moved, or why confidence changed.", missingReason.FieldErrors["reason.1"]);
        Assert.Contains("Checked in on KR-1.", TestKit.TestChat.PlainText(submitted));
        Assert.Contains("4 · confidence 6/10 · Priya Patel: two more signed", await m.SayAsync(m.Priya, "/okr history KR-1"));
    }

    [Fact]
    public async Task KeyResult_LinkedToMetric_FollowsTheMetric()
    {
        await using var m = await MetricsChat.StartAsync();
        await m.AddArrAsync();
        await m.SayAsync(m.Priya, "/okr create \"Revenue\" team=Payments");

        var added = await m.SayAsync(m.Priya, "/okr kr add O-1 \"ARR to $200k\" start=150000 target=200000 metric=arr");
        var status = await m.SayAsync(m.Priya, "/okr status @priya");
        var withValue = await m.SayAsync(m.Priya, "/okr update KR-1 180000 confidence=6 \"x\"");

        Assert.Contains("following arr", added);
        Assert.Contains("KR-1 ARR to $200k: $174.9k of $200k (follows arr)", status);
        Assert.Contains("50% (expected 67%)", status);
        Assert.Contains("KR-1 follows the metric arr, so its value comes from there.", withValue);
    }

    [Fact]
    public async Task Create_ForSomeoneElseByPm_Refused()
    {
        await using var m = await MetricsChat.StartAsync();

        var text = await m.SayAsync(m.Priya, "/okr create \"Theirs\" team=Payments owner=@sam");

        Assert.Contains("Only admins create objectives for someone else.", text);
        Assert.Contains("There are no objectives for 2026-Q1 yet.", await m.SayAsync(m.Helen, "/okr status"));
    }

    [Fact]
    public async Task KeyResultAdd_SixthOne_Refused()
    {
        await using var m = await MetricsChat.StartAsync();
        await m.SayAsync(m.Priya, "/okr create \"Objective\" team=Payments");
        for (var i = 1; i <= 5; i++)
        {
            await m.SayAsync(m.Priya, $"/okr kr add O-1 \"Result {i}\" target=10");
        }

        var text = await m.SayAsync(m.Priya, "/okr kr add O-1 \"Result 6\" target=10");

        Assert.Contains("O-1 already has 5 key results, the most an objective takes.", text);
    }

    private static Task<Response> Submit(MetricsChat m, Form form, params (string Id, string Value)[] values)
    {
        var from = new ChatUser(TestKit.TestChat.Identity(m.Priya.Handle), m.Priya.Name);
        return new Router(new SkillRegistry([new MetricsSkill()]), m.Chat.People, m.Chat.Services)
            .HandleAsync(new FormSubmission(from, Place.Direct("D1"), form.FormId, FormValues.Of(values), form.State), CancellationToken.None);
    }
}
