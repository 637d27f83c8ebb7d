using ProductOps.Skills.Conversation;

namespace ProductOps.Skills.Admin;

/// <summary><c>/productops token revoke "dbt nightly"</c>: the token stops working at once.</summary>
public sealed class RevokeTokenHandler(IApiTokenStore tokens, IAuditLog audit) : ICommandHandler
{
    public static readonly CommandSpec Spec = new(Router.Umbrella, "token revoke", "Revokes an API token; calls with it are refused from now on.", "/productops token revoke \"<name>\"", "/productops token revoke \"dbt nightly\"")
    {
        Roles = new HashSet<Role> { Role.Admin },
    };

    public async Task<Response> HandleAsync(CommandRequest request, CancellationToken ct)
    {
        if (ArgCheck.Shape(request.Args, Spec, 1) is { } shape)
        {
            return shape;
        }

        if (ArgCheck.First(request.Args) is not { Kind: ArgKind.Word or ArgKind.Quoted } name)
        {
            return AdminReplies.Problem("Name the token to revoke.", Spec);
        }

        if (await tokens.RevokeAsync(name.Value.Trim(), ct) is not { } revoked)
        {
            var active = (await tokens.ListAsync(ct)).Where(t => t.RevokedAt is null).Select(t => t.Name).ToArray();
            var close = Suggestions.Closest(name.Value, active);
            var text = Markup.Of($"There is no active token called {Md.Bold(name.Value)}.");
            text += close.Count > 0 ? " Did you mean " + string.Join(" or ", close.Select(n => $"\"{n}\"")) + "?" : "";
            return AdminReplies.Problem(text + Markup.Of($"\n{Md.Code("/productops tokens")} lists them."), Spec);
        }

        await audit.WriteAsync(AuditChange.By(request.Person, AuditActions.TokenRevoke, revoked.Name, $"prefix {revoked.Prefix}", "revoked"), ct);
        return Response.Say(Markup.Of($"Revoked {Md.Bold(revoked.Name)}. Calls with it now get 401."));
    }
}
