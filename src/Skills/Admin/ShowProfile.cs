using ProductOps.Skills.Conversation;

namespace ProductOps.Skills.Admin;

/// <summary><c>/productops whoami</c>: how ProductOps knows the asker.</summary>
public sealed class ShowProfileHandler : ICommandHandler
{
    public static readonly CommandSpec Spec = new(Router.Umbrella, "whoami", "Shows your name, handle, roles, chat accounts and time zone.", "/productops whoami", "/productops whoami")
    {
        Details = "Roles decide which commands you can use; an admin changes them with /productops role.",
    };

    public Task<Response> HandleAsync(CommandRequest request, CancellationToken ct)
    {
        if (ArgCheck.Shape(request.Args, Spec, 0) is { } problem)
        {
            return Task.FromResult(problem);
        }

        var me = request.Person;
        var identities = me.Identities.Count == 0
            ? "none"
            : string.Join("\n", me.Identities.Select(i => $"{i.Platform} · {i.Tenant} · {i.UserId}"));
        var reply = new ReplyBuilder()
            .Section(
                Markup.Of($"You are {Md.User(me)} ({Md.Bold(me.Name)})."),
                new Field("Handle", Md.Code("@" + me.Handle)),
                new Field("Roles", AdminReplies.Roles(me.Roles)),
                new Field("E-mail", me.Email ?? "not known"),
                new Field("Time zone", me.TimeZone ?? "not known"),
                new Field("Chat accounts", identities));
        if (me.Roles.Count == 0)
        {
            reply.Context("You have no roles yet: anyone can use the everyday commands, and an admin can grant more.");
        }

        return Task.FromResult(Response.Say(reply.Build()));
    }
}
