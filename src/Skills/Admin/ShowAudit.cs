using System.Globalization;
using ProductOps.Skills.Conversation;

namespace ProductOps.Skills.Admin;

/// <summary><c>/productops audit [n]</c>: the latest configuration changes, newest first.</summary>
public sealed class ShowAuditHandler(IAuditLog audit) : ICommandHandler
{
    public const int DefaultCount = 20;
    public const int MaxCount = 200;

    public static readonly CommandSpec Spec = new(Router.Umbrella, "audit", "Shows the latest changes: who changed what, and when.", "/productops audit [n]", "/productops audit", "/productops audit 50")
    {
        Details = $"Shows {DefaultCount} entries unless told otherwise, at most {MaxCount}. Times are UTC.",
        Roles = new HashSet<Role> { Role.Admin },
    };

    public async Task<Response> HandleAsync(CommandRequest request, CancellationToken ct)
    {
        if (ArgCheck.Shape(request.Args, Spec, 1) is { } shape)
        {
            return shape;
        }

        var count = DefaultCount;
        if (ArgCheck.First(request.Args) is { } typed
            && (!int.TryParse(typed.Value, NumberStyles.None, CultureInfo.InvariantCulture, out count) || count < 1 || count > MaxCount))
        {
            return AdminReplies.Problem(Markup.Of($"{Md.Code(typed.Display)} is not a number of entries: give a whole number from 1 to {MaxCount}."), Spec);
        }

        var entries = await audit.LatestAsync(count, ct);
        if (entries.Count == 0)
        {
            return Response.Say("Nothing has been changed yet.");
        }

        var lines = Markup.Empty;
        foreach (var e in entries)
        {
            var change = (e.Before, e.After) switch
            {
                (null, null) => "",
                (null, { } after) => $": {after}",
                ({ } before, null) => $": was {before}",
                ({ } before, { } after) => $": {before} → {after}",
            };
            lines += Markup.Of($"{(lines.IsEmpty ? "" : "\n")}{Md.Code(e.At.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture))} {Md.Bold(e.ActorName)} {e.Action} {e.Subject}{change}");
        }

        return Response.Say(new ReplyBuilder().Header($"Latest {entries.Count} changes").Section(lines).Context("Times are UTC, newest first.").Build());
    }
}
