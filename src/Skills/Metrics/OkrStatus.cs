using ProductOps.Skills.Admin;
using ProductOps.Skills.Conversation;

namespace ProductOps.Skills.Metrics;

/// <summary><c>/okr status [team | @owner | O-3 | words] [quarter]</c>: objectives with progress against the quarter, at-risk first.</summary>
public sealed class OkrStatusHandler(OkrBoard board, IPeopleStore people) : ICommandHandler
{
    /// <summary>Objectives shown in full; chat platforms cap the size of one message.</summary>
    public const int MaxShown = 10;

    public static readonly CommandSpec Spec = new(
        "okr",
        "status",
        "Shows objectives and key results: progress, the progress expected by now, confidence and freshness, at-risk first.",
        "/okr status [team | @owner | O-<n> | words] [quarter]",
        "/okr status",
        "/okr status payments",
        "/okr status @priya 2026-Q1")
    {
        Details = "Expected progress is the share of the quarter gone by. A key result is at risk when it trails that by more than the configured points or its confidence is low, and stale without a recent check-in.",
    };

    public async Task<Response> HandleAsync(CommandRequest request, CancellationToken ct)
    {
        var quarter = board.CurrentQuarter;
        Person? owner = null;
        long? objectiveId = null;
        var words = new List<string>();
        foreach (var arg in request.Args.All)
        {
            if (arg.Key is not null)
            {
                return AdminReplies.Problem(Markup.Of($"{Md.Code("/okr status")} takes no options like {Md.Code(arg.Display)}: name a team, an @owner, an objective or a quarter."), Spec);
            }

            if (arg.Kind == ArgKind.Person)
            {
                if (await people.FindAsync(arg, request.Inbound.From.Identity, ct) is not { } found)
                {
                    return AdminReplies.UnknownPerson(arg, await people.ListAsync(ct), Spec);
                }

                owner = found;
            }
            else if (Quarter.Parse(arg.Value, board.CurrentQuarter) is { } q)
            {
                quarter = q;
            }
            else if (Quarter.LooksLikeOne(arg.Value))
            {
                return AdminReplies.Problem(Markup.Of($"{Md.Code(arg.Value)} is not a quarter: quarters run Q1 to Q4, like {board.CurrentQuarter}."), Spec);
            }
            else if (arg.Value.StartsWith("O-", StringComparison.OrdinalIgnoreCase) && Codes.ParseObjective(arg.Value) is { } id)
            {
                objectiveId = id;
            }
            else
            {
                words.Add(arg.Value);
            }
        }

        var text = string.Join(' ', words);
        var all = await board.AssessAsync(quarter, _ => true, ct);
        var teams = all.Select(o => o.Objective.Team).Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.OrdinalIgnoreCase).ToArray();
        var byTeam = teams.Contains(text, StringComparer.OrdinalIgnoreCase);
        var shown = all.Where(o =>
                (owner is null || o.Objective.OwnerId == owner.Id || o.Objective.KeyResults.Any(k => k.OwnerId == owner.Id))
                && (objectiveId is null || o.Objective.Id == objectiveId)
                && (text.Length == 0 || (byTeam ? o.Objective.Team.Equals(text, StringComparison.OrdinalIgnoreCase) : o.Objective.Title.Contains(text, StringComparison.OrdinalIgnoreCase))))
            .ToArray();
        if (shown.Length == 0)
        {
            return Response.Say(Nothing(quarter, all.Count, teams, text, owner, objectiveId));
        }

        var everyone = (await people.ListAsync(ct)).ToDictionary(p => p.Id);
        var keyResults = shown.SelectMany(o => o.KeyResults).ToArray();
        var scope = text.Length > 0 ? $" · {(byTeam ? teams.First(t => t.Equals(text, StringComparison.OrdinalIgnoreCase)) : $"\"{text}\"")}" : "";
        scope += owner is null ? "" : $" · @{owner.Handle}";
        var elapsed = keyResults.Length > 0 ? keyResults[0].Expected : 0;
        var reply = new ReplyBuilder()
            .Header($"OKRs {quarter}{scope}")
            .Section(Markup.Of(
                $"{shown.Length} objective{(shown.Length == 1 ? "" : "s")}, {keyResults.Length} key results: {Md.Bold($"{keyResults.Count(k => k.AtRisk)} at risk")}, {keyResults.Count(k => k.Stale)} stale. Expected progress by now: {MetricFormat.Percent(elapsed)}."));
        foreach (var state in shown.Take(MaxShown))
        {
            var body = state.KeyResults.Aggregate(OkrReplies.Objective(state, everyone), (m, k) => m + "\n" + OkrReplies.KeyResult(k, everyone));
            reply.Section(body);
        }

        if (shown.Length > MaxShown)
        {
            reply.Context($"… and {shown.Length - MaxShown} more objectives. Narrow it with a team, an @owner or an objective like O-3.");
        }

        var rules = board.Rules;
        return Response.Say(reply
            .Context($"At risk: more than {rules.AtRiskPoints} points behind the expected progress, or confidence {rules.AtRiskConfidence} or lower. Stale: no check-in for {rules.StaleDays} days.")
            .Build());
    }

    private static Markup Nothing(Quarter quarter, int total, IReadOnlyList<string> teams, string text, Person? owner, long? objectiveId)
    {
        if (total == 0)
        {
            return Markup.Of($"There are no objectives for {quarter} yet. Create one with {Md.Code("/okr create \"<title>\" team=<team>")}.");
        }

        var asked = objectiveId is { } id ? Codes.Objective(id) : owner is not null ? "@" + owner.Handle : $"\"{text}\"";
        var close = text.Length == 0 ? [] : Suggestions.Closest(text, teams);
        var hint = close.Count > 0 ? $" Did you mean {string.Join(" or ", close)}?" : "";
        return Markup.Of($"No objective of {quarter} matches {asked}.{hint}\nTeams with objectives: {string.Join(", ", teams)}.");
    }
}
