using System.Globalization;
using ProductOps.Skills.Admin;
using ProductOps.Skills.Conversation;

namespace ProductOps.Skills.Metrics;

/// <summary><c>/okr history KR-12</c>: every check-in, newest first.</summary>
public sealed class KeyResultHistoryHandler(IOkrStore okrs) : ICommandHandler
{
    public const int MaxShown = 20;

    public static readonly CommandSpec Spec = new("okr", "history", "Shows every check-in of a key result, newest first.", "/okr history KR-<n>", "/okr history KR-12");

    public async Task<Response> HandleAsync(CommandRequest request, CancellationToken ct)
    {
        if (ArgCheck.Shape(request.Args, Spec, 1) is { } shape)
        {
            return shape;
        }

        if (ArgCheck.First(request.Args) is not { } typed || Codes.ParseKeyResult(typed.Value) is not { } id)
        {
            return AdminReplies.Problem("Give the code of a key result, like KR-12; /okr status shows them.", Spec);
        }

        if (await okrs.FindKeyResultAsync(id, ct) is not { } kr)
        {
            return AdminReplies.Problem(Markup.Of($"There is no key result {Codes.KeyResult(id)}; {Md.Code("/okr status")} shows them."), Spec);
        }

        var history = await okrs.HistoryAsync(kr.Id, ct);
        var reply = new ReplyBuilder().Header($"{kr.Code} {kr.Title}");
        if (history.Count == 0)
        {
            return Response.Say(reply.Section(Markup.Of($"No check-ins yet. Its owner checks in with {Md.Code($"/okr update {kr.Code} <value> confidence=<1-10> \"<reason>\"")}.")).Build());
        }

        var lines = history.Take(MaxShown).Select(h =>
            Markup.Of($"{Md.Bold(h.At.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))} {(h.Value is { } v ? MetricFormat.Value(v, kr.Unit) : "no value")} · confidence {h.Confidence}/10 · {h.ByName}: {Md.Italic(h.Reason)}"));
        reply.Section(lines.Aggregate((a, b) => a + "\n" + b));
        if (history.Count > MaxShown)
        {
            reply.Context($"… and {history.Count - MaxShown} earlier check-ins.");
        }

        return Response.Say(reply.Context($"Start {MetricFormat.Value(kr.Start, kr.Unit)}, target {MetricFormat.Value(kr.Target, kr.Unit)}.").Build());
    }
}
