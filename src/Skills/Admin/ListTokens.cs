using System.Globalization;
using ProductOps.Skills.Conversation;

namespace ProductOps.Skills.Admin;

/// <summary><c>/productops tokens</c>: API tokens by name and prefix, with when they were last used.</summary>
public sealed class ListTokensHandler(IApiTokenStore tokens) : ICommandHandler
{
    public static readonly CommandSpec Spec = new(Router.Umbrella, "tokens", "Lists API tokens: name, prefix, creator, last use, revoked or not.", "/productops tokens", "/productops tokens")
    {
        Roles = new HashSet<Role> { Role.Admin },
    };

    public async Task<Response> HandleAsync(CommandRequest request, CancellationToken ct)
    {
        if (ArgCheck.Shape(request.Args, Spec, 0) is { } shape)
        {
            return shape;
        }

        var all = await tokens.ListAsync(ct);
        if (all.Count == 0)
        {
            return Response.Say(Markup.Of($"There are no API tokens yet. Create one with {Md.Code(CreateTokenHandler.Spec.Examples[0])}."));
        }

        var lines = Markup.Empty;
        foreach (var t in all)
        {
            var used = t.LastUsedAt is { } at ? "last used " + Day(at) : "never used";
            var state = t.RevokedAt is { } revoked ? $"revoked {Day(revoked)}" : used;
            lines += Markup.Of($"{(lines.IsEmpty ? "" : "\n")}{Md.Bold(t.Name)} {Md.Code(t.Prefix + "…")} by {t.CreatedBy} on {Day(t.CreatedAt)}, {state}");
        }

        return Response.Say(new ReplyBuilder().Header("API tokens").Section(lines).Build());
    }

    private static string Day(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
