using System.Globalization;
using ProductOps.Skills.Conversation;

namespace ProductOps.Skills.Metrics;

/// <summary>How objectives and key results read in status replies and digests.</summary>
public static class OkrReplies
{
    /// <summary>Objective headline: marks, code, title, team and owner.</summary>
    public static Markup Objective(ObjectiveState state, IReadOnlyDictionary<long, Person> people)
    {
        var o = state.Objective;
        var mark = state.AtRisk ? "⚠ " : state.Stale ? "⏳ " : "";
        var text = Markup.Of($"{mark}{Md.Bold($"{o.Code} {o.Title}")} · {o.Team} · ") + Who(o.OwnerId, people);
        if (o.KeyResults.Count < 2)
        {
            text += Markup.Of($"\n{Md.Italic($"Has {o.KeyResults.Count} key result{(o.KeyResults.Count == 1 ? "" : "s")}; objectives need 2–5.")}");
        }

        return text;
    }

    /// <summary>Two lines: the key result and its owner, then bar, progress vs expected, confidence, age and risk.</summary>
    public static Markup KeyResult(KeyResultState s, IReadOnlyDictionary<long, Person> people)
    {
        var kr = s.KeyResult;
        var value = $"{MetricFormat.Value(s.Current, kr.Unit)} of {MetricFormat.Value(kr.Target, kr.Unit)}";
        var linked = kr.MetricKey is { } key ? $" (follows {key})" : "";
        var confidence = kr.Confidence is { } c ? $"confidence {c}/10" : "no confidence yet";
        var updated = (kr.LastCheckIn is null, s.DaysSinceUpdate <= 0) switch
        {
            (true, true) => "no check-in yet",
            (true, false) => $"no check-in for {Days(s.DaysSinceUpdate)}",
            (false, true) => "updated today",
            (false, false) => $"updated {Days(s.DaysSinceUpdate)} ago",
        };
        var flags = (s.AtRisk ? $" · ⚠ at risk: {string.Join(", ", s.RiskReasons)}" : "") + (s.Stale ? " · ⏳ stale" : "");
        return Markup.Of($"{Md.Code(kr.Code)} {kr.Title}: {value}{linked} · ") + Who(kr.OwnerId, people)
               + Markup.Of($"\n{Md.Code(MetricFormat.ProgressBar(s.Progress))} {MetricFormat.Percent(s.Progress)} (expected {MetricFormat.Percent(s.Expected)}) · {confidence} · {updated}{flags}");
    }

    public static Markup Who(long personId, IReadOnlyDictionary<long, Person> people) =>
        people.TryGetValue(personId, out var p) ? Md.User(p) : Markup.Text("someone who has left");

    public static string Number(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    private static string Days(int days) => days == 1 ? "1 day" : $"{days} days";
}
