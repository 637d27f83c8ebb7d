using System.Globalization;
using ProductOps.Skills.Conversation;

namespace ProductOps.Skills.Metrics;

/// <summary>The check-in form of <c>/okr update</c>: value, confidence and reason for each of the asker's key results.</summary>
public sealed class UpdateKeyResultsFormHandler(IOkrStore okrs, OkrBoard board, TimeProvider clock) : IFormHandler
{
    public const string FormId = "metrics.okr-update";

    /// <summary>Key results in one form; a form with more fields is hard to fill in on a phone.</summary>
    public const int MaxKeyResults = 5;

    public static async Task<Response> OpenAsync(Person person, IOkrStore okrs, OkrBoard board, CancellationToken ct)
    {
        var quarter = board.CurrentQuarter;
        var mine = (await okrs.ListAsync(quarter, ct)).SelectMany(o => o.KeyResults).Where(k => k.OwnerId == person.Id).Take(MaxKeyResults).ToArray();
        if (mine.Length == 0)
        {
            return Response.Say(Markup.Of(
                $"You own no key results in {quarter}. Check in on someone else's with {Md.Code("/okr update KR-<n> <value> confidence=<1-10> \"<reason>\"")} if you are an admin."));
        }

        var inputs = new List<Input>();
        foreach (var kr in mine)
        {
            var current = kr.MetricKey is null ? kr.Current : await board.CurrentAsync(kr, ct);
            if (kr.MetricKey is null)
            {
                inputs.Add(new NumberInput("value." + kr.Id, $"{kr.Code} {kr.Title}") { Initial = (decimal)current, Hint = $"Target {OkrReplies.Number(kr.Target)}" });
            }

            inputs.Add(new NumberInput("confidence." + kr.Id, $"{kr.Code} confidence (1–10)")
            {
                Min = 1,
                Max = 10,
                WholeNumber = true,
                Initial = kr.Confidence,
                Hint = kr.MetricKey is { } key ? $"{kr.Title}: follows {key}, now {MetricFormat.Value(current, kr.Unit)}" : null,
            });
            inputs.Add(new TextInput("reason." + kr.Id, $"{kr.Code} why") { MaxLength = UpdateKeyResultHandler.MaxReasonLength, Placeholder = "What moved, or why confidence changed" });
        }

        return Response.Open(new Form(FormId, "Update key results", inputs, "Check in", string.Join(',', mine.Select(k => k.Id))));
    }

    public async Task<Response> HandleAsync(FormSubmission submission, Person person, CancellationToken ct)
    {
        var ids = (submission.State ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries)
            .Select(s => long.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : 0).Where(id => id > 0).ToArray();
        var checkIns = new List<(KeyResult Kr, double? Value, int Confidence, string Reason)>();
        var errors = new Dictionary<string, string>();
        foreach (var id in ids)
        {
            if (await okrs.FindKeyResultAsync(id, ct) is not { } kr || UpdateKeyResultHandler.Refusal(kr, person) is not null)
            {
                continue;
            }

            var values = submission.Values;
            var value = kr.MetricKey is null ? (double?)values.Number("value." + id) : null;
            var confidence = values.Number("confidence." + id);
            var reason = values.Text("reason." + id);
            var changed = (value is { } v && Math.Abs(v - kr.Current) > 1e-9) || (confidence is { } c && (int)c != kr.Confidence) || reason is not null;
            if (!changed)
            {
                continue;
            }

            if (confidence is not { } conf || conf != decimal.Truncate(conf) || conf is < 1 or > 10)
            {
                errors["confidence." + id] = "Give your confidence, a whole number from 1 to 10.";
            }
            else if (reason is null)
            {
                errors["reason." + id] = "Say why: what moved, or why confidence changed.";
            }
            else
            {
                checkIns.Add((kr, value, (int)conf, reason));
            }
        }

        if (errors.Count > 0)
        {
            return Response.Invalid(errors);
        }

        if (checkIns.Count == 0)
        {
            return Response.Say("Nothing changed, so nothing was recorded. Change a value or a confidence and say why to check in.");
        }

        foreach (var (kr, value, confidence, reason) in checkIns)
        {
            var recorded = value ?? (kr.MetricKey is null ? null : await board.CurrentAsync(kr, ct));
            await okrs.CheckInAsync(new CheckIn(kr.Id, clock.GetUtcNow(), recorded, confidence, reason, person.Id, person.Name), ct);
        }

        return Response.Say(Markup.Of($"Checked in on {string.Join(", ", checkIns.Select(c => c.Kr.Code))}. {Md.Code("/okr status @" + person.Handle)} shows where they stand."));
    }
}
