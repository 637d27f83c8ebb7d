using ProductOps.Skills.Metrics;

namespace ProductOps.Skills.Tests.Metrics;

public sealed class OkrCadenceQuestionsTests
{
    [Fact]
    public async Task Questions_PerOwnKeyResult_ValueOnlyWhereNotFollowingAMetric()
    {
        await using var m = await MetricsChat.StartAsync();
        await m.AddArrAsync();
        await m.SayAsync(m.Priya, "/okr create \"Grow enterprise revenue\" team=Payments");
        await m.SayAsync(m.Priya, "/okr kr add O-1 \"New enterprise logos\" target=40");
        await m.SayAsync(m.Priya, "/okr kr add O-1 \"ARR to $250k\" target=250000 metric=arr");
        await m.SayAsync(m.Sam, "/okr create \"Onboarding\" team=Onboarding");
        await m.SayAsync(m.Sam, "/okr kr add O-2 \"Activation\" target=60");

        var questions = await Questions(m).QuestionsAsync(m.Priya, CancellationToken.None);

        Assert.Equal(["KR-1 value", "KR-1 confidence", "KR-1 reason", "KR-2 confidence", "KR-2 reason"], questions.Select(q => q.Id));
        Assert.Equal("New enterprise logos: now 0, target 40", questions[0].Hint);
        Assert.StartsWith("ARR to $250k: now $174.9k, target $250k (follows arr)", questions[3].Hint, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Applied_RecordsCheckInsOnceAndOnlyForTheOwnersKeyResults()
    {
        await using var m = await MetricsChat.StartAsync();
        await m.SayAsync(m.Priya, "/okr create \"Grow enterprise revenue\" team=Payments");
        await m.SayAsync(m.Priya, "/okr kr add O-1 \"New enterprise logos\" target=40");
        await m.SayAsync(m.Sam, "/okr create \"Onboarding\" team=Onboarding");
        await m.SayAsync(m.Sam, "/okr kr add O-2 \"Activation\" target=60");
        var answers = new Dictionary<string, string>
        {
            ["KR-1 value"] = "12", ["KR-1 confidence"] = "6", ["KR-1 reason"] = "Two big wins",
            ["KR-2 value"] = "50", ["KR-2 confidence"] = "9", ["KR-2 reason"] = "Not mine",
        };

        await Questions(m).AppliedAsync(m.Priya, answers, CancellationToken.None);
        await Questions(m).AppliedAsync(m.Priya, answers, CancellationToken.None);

        var history = await Okrs(m).HistoryAsync(1, CancellationToken.None);
        var checkIn = Assert.Single(history);
        Assert.Equal((12d, 6, "Two big wins", m.Priya.Id), (checkIn.Value, checkIn.Confidence, checkIn.Reason, checkIn.ById));
        Assert.Equal(12, (await Okrs(m).FindKeyResultAsync(1, CancellationToken.None))!.Current);
        Assert.Empty(await Okrs(m).HistoryAsync(2, CancellationToken.None));
    }

    private static OkrCadenceQuestions Questions(MetricsChat m) => (OkrCadenceQuestions)m.Chat.Services.GetService(typeof(OkrCadenceQuestions))!;

    private static IOkrStore Okrs(MetricsChat m) => m.Chat.Services.Get<IOkrStore>();
}
