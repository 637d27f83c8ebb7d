using ProductOps.Skills.Conversation;

namespace ProductOps.Skills.Admin;

/// <summary><c>/productops token create "dbt nightly"</c>: a new API token, shown once.</summary>
public sealed class CreateTokenHandler(IApiTokenStore tokens, IAuditLog audit) : ICommandHandler
{
    public const int MaxNameLength = 80;

    public static readonly CommandSpec Spec = new(Router.Umbrella, "token create", "Creates an API token for a BI job or CRM sync; it is shown once.", "/productops token create \"<name>\"", "/productops token create \"dbt nightly\"")
    {
        Details = "Send it as `Authorization: Bearer <token>` to /api/…. Only its hash is stored, so keep it safe: nobody can show it again. Revoke it with /productops token revoke \"<name>\".",
        Roles = new HashSet<Role> { Role.Admin },
    };

    public async Task<Response> HandleAsync(CommandRequest request, CancellationToken ct)
    {
        if (ArgCheck.Shape(request.Args, Spec, 1) is { } shape)
        {
            return shape;
        }

        if (ArgCheck.First(request.Args) is not { Kind: ArgKind.Word or ArgKind.Quoted } name || name.Value.Trim().Length == 0)
        {
            return AdminReplies.Problem("Give the token a name that says who uses it.", Spec);
        }

        if (name.Value.Length > MaxNameLength)
        {
            return AdminReplies.Problem($"That name is {name.Value.Length} characters long; the limit is {MaxNameLength}.", Spec);
        }

        var (token, hash, prefix) = ApiTokens.New();
        if (await tokens.AddAsync(name.Value.Trim(), hash, prefix, request.Person.Name, ct) is not { } stored)
        {
            return AdminReplies.Problem(
                Markup.Of($"A token called {Md.Bold(name.Value)} already exists. Choose another name, or revoke it first with {Md.Code($"/productops token revoke \"{name.Value}\"")}."),
                Spec);
        }

        await audit.WriteAsync(AuditChange.By(request.Person, AuditActions.TokenCreate, stored.Name, null, $"prefix {stored.Prefix}"), ct);

        // The token must never land in a shared channel: asked there, it goes by DM.
        var visibility = request.Inbound.Where.Kind == PlaceKind.Channel ? Visibility.DirectMessage : Visibility.Asker;
        return Response.Say(new ReplyBuilder()
            .Section(Markup.Of($"API token {Md.Bold(stored.Name)} created. Copy it now: it is shown only this once."))
            .Section(Md.Code(token))
            .Context(Markup.Of($"Send it as {Md.Code("Authorization: Bearer <token>")}. Revoke it with {Md.Code($"/productops token revoke \"{stored.Name}\"")}."))
            .Build(visibility));
    }
}
