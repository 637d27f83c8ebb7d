using System.Globalization;
using ProductOps.Skills.Admin;
using ProductOps.Skills.Conversation;

namespace ProductOps.Skills.Metrics;

/// <summary>
/// <c>/okr update KR-12 63 confidence=6 "pipeline strong, closes slipping"</c> checks in at once;
/// <c>/okr update</c> alone opens a form prefilled with the asker's key results.
/// </summary>
public sealed class UpdateKeyResultHandler(IOkrStore okrs, OkrBoard board, IPeopleStore people, TimeProvider clock) : ICommandHandler
{
    public const int MaxReasonLength = 500;

    public static readonly CommandSpec Spec = new(
        "okr",
        "update",
        "Checks in on a key result: its new value, your confidence (1–10) and why.",
        "/okr update [KR-<n> [<value>] confidence=<1-10> \"<reason>\"]",
        "/okr update KR-12 63 confidence=6 \"pipeline strong, closes slipping\"",
        "/okr update")
    {
        Details = "Without arguments it opens a form with your key results of this quarter. A key result linked to a metric takes its value from the metric; give only confidence and reason. Only its owner or an admin updates a key result.",
    };

    public async Task<Response> HandleAsync(CommandRequest request, CancellationToken ct)
    {
        if (request.Args.IsEmpty)
        {
            return await UpdateKeyResultsFormHandler.OpenAsync(request.Person, okrs, board, ct);
        }

        if (ArgCheck.Shape(request.Args, Spec, 3, "confidence", "reason") is { } shape)
        {
            return shape;
        }

        var positional = request.Args.Positional;
        if (Codes.ParseKeyResult(positional[0].Value) is not { } id || await okrs.FindKeyResultAsync(id, ct) is not { } kr)
        {
            return AdminReplies.Problem(Markup.Of($"{Md.Code(positional[0].Value)} is not a key result. Give its code, like KR-12; {Md.Code("/okr status")} shows them."), Spec);
        }

        if (Refusal(kr, request.Person) is { } refusal)
        {
            return refusal;
        }

        double? value = null;
        var reason = request.Args.Named("reason")?.Value;
        foreach (var arg in positional.Skip(1))
        {
            if (arg.Kind == ArgKind.Quoted)
            {
                reason = arg.Value;
            }
            else if (double.TryParse(arg.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var n) && double.IsFinite(n))
            {
                if (!MetricNumber.InRange(n))
                {
                    return AdminReplies.Problem(MetricNumber.TooLarge(arg.Value), Spec);
                }

                value = n;
            }
            else
            {
                return AdminReplies.Problem(Markup.Of($"{Md.Code(arg.Value)} is not a number. Give the new value in digits, like 63 or 1250000, and the reason in \"quotes\"."), Spec);
            }
        }

        if (value is not null && kr.MetricKey is { } metric)
        {
            return AdminReplies.Problem(Markup.Of($"{kr.Code} follows the metric {Md.Code(metric)}, so its value comes from there. Give only confidence= and a reason."), Spec);
        }

        var confidence = kr.Confidence;
        if (request.Args.Named("confidence") is { } c)
        {
            if (!int.TryParse(c.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) || parsed is < 1 or > 10)
            {
                return AdminReplies.Problem(Markup.Of($"{Md.Code("confidence=" + c.Value)} must be a whole number from 1 (won't make it) to 10 (certain)."), Spec);
            }

            confidence = parsed;
        }

        if (confidence is null)
        {
            return AdminReplies.Problem(Markup.Of($"{kr.Code} has no confidence yet. Add confidence=<1-10>."), Spec);
        }

        if (string.IsNullOrWhiteSpace(reason) || reason.Length > MaxReasonLength)
        {
            return AdminReplies.Problem(Markup.Of($"Every check-in needs a reason of up to {MaxReasonLength} characters, in \"quotes\": what moved, or why confidence changed."), Spec);
        }

        var recorded = value ?? (kr.MetricKey is null ? kr.Current : await board.CurrentAsync(kr, ct));
        await okrs.CheckInAsync(new CheckIn(kr.Id, clock.GetUtcNow(), value ?? (kr.MetricKey is null ? null : recorded), confidence.Value, reason.Trim(), request.Person.Id, request.Person.Name), ct);
        var updated = (await okrs.FindKeyResultAsync(kr.Id, ct))!;
        var objective = (await okrs.FindObjectiveAsync(kr.ObjectiveId, ct))!;
        var state = board.Assess(updated, recorded, objective.Quarter);
        var everyone = (await people.ListAsync(ct)).ToDictionary(p => p.Id);
        return Response.Say(new ReplyBuilder()
            .Section(Markup.Of($"Checked in on {Md.Bold(kr.Code)}.\n") + OkrReplies.KeyResult(state, everyone))
            .Context(Markup.Of($"{Md.Code("/okr history " + kr.Code)} shows every check-in."))
            .Build());
    }

    /// <summary>Only the key result's owner or an admin checks in.</summary>
    public static Response? Refusal(KeyResult kr, Person person) =>
        kr.OwnerId == person.Id || person.Has(Role.Admin)
            ? null
            : Response.Say(Markup.Of($"Only the owner of {kr.Code} or an admin can update it. {Md.Code("/okr status")} shows who owns it."));
}
