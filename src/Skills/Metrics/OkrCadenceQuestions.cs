using System.Globalization;
using ProductOps.Skills.Cadences;
using ProductOps.Skills.Conversation;

namespace ProductOps.Skills.Metrics;

/// <summary>
/// The OKR confidence update cadence, per key result: each person is asked value (for manual key
/// results), confidence 1–10 and a one-line reason for each key result they own this quarter, and
/// their answers become check-ins, exactly as <c>/okr update</c> records them.
/// </summary>
public sealed class OkrCadenceQuestions(IOkrStore okrs, OkrBoard board, TimeProvider clock) : IPersonalQuestions
{
    private const string ValueSuffix = " value";

    private const string ReasonSuffix = " reason";

    public bool Serves(Template form) => form.Key == Templates.Okr.Key;

    public async Task<IReadOnlyList<Question>> QuestionsAsync(Person person, CancellationToken ct)
    {
        var mine = (await okrs.ListAsync(board.CurrentQuarter, ct))
            .SelectMany(o => o.KeyResults)
            .Where(k => k.OwnerId == person.Id)
            .Take(UpdateKeyResultsFormHandler.MaxKeyResults);
        var questions = new List<Question>();
        foreach (var kr in mine)
        {
            var current = await board.CurrentAsync(kr, ct);
            var where = $"{kr.Title}: now {MetricFormat.Value(current, kr.Unit)}, target {MetricFormat.Value(kr.Target, kr.Unit)}";
            if (kr.MetricKey is null)
            {
                questions.Add(new Question(kr.Code + ValueSuffix, $"{kr.Code} {kr.Title}: value now", QuestionType.Number, true) { Hint = where });
            }

            questions.Add(new Question(kr.Code + Template.ConfidenceSuffix, $"{kr.Code} confidence (1–10)", QuestionType.Scale, true)
            {
                Hint = kr.MetricKey is { } key ? $"{where} (follows {key})" : null,
            });
            questions.Add(new Question(kr.Code + ReasonSuffix, $"{kr.Code} one-line reason", QuestionType.ShortText, true));
        }

        return questions;
    }

    public async Task AppliedAsync(Person person, IReadOnlyDictionary<string, string> answers, CancellationToken ct)
    {
        foreach (var (id, confidenceText) in answers.Where(a => a.Key.EndsWith(Template.ConfidenceSuffix, StringComparison.Ordinal)))
        {
            var code = id[..^Template.ConfidenceSuffix.Length];
            if (Codes.ParseKeyResult(code) is not { } krId
                || await okrs.FindKeyResultAsync(krId, ct) is not { } kr
                || UpdateKeyResultHandler.Refusal(kr, person) is not null
                || !int.TryParse(confidenceText, NumberStyles.None, CultureInfo.InvariantCulture, out var confidence)
                || answers.GetValueOrDefault(code + ReasonSuffix) is not { } reason)
            {
                continue;
            }

            double? value = kr.MetricKey is null && double.TryParse(answers.GetValueOrDefault(code + ValueSuffix), NumberStyles.Float, CultureInfo.InvariantCulture, out var v)
                ? v
                : null;
            var history = await okrs.HistoryAsync(kr.Id, ct);
            var last = history.Count > 0 ? history[0] : null;

            // Editing the update later in the cycle records a check-in only for what changed.
            if (last is not null && last.Confidence == confidence && last.Reason == reason && (value is null || Math.Abs(value.Value - kr.Current) < 1e-9))
            {
                continue;
            }

            var recorded = value ?? (kr.MetricKey is null ? null : await board.CurrentAsync(kr, ct));
            await okrs.CheckInAsync(new CheckIn(kr.Id, clock.GetUtcNow(), recorded, confidence, reason, person.Id, person.Name), ct);
        }
    }
}
