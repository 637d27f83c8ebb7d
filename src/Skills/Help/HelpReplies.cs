using System.Runtime.CompilerServices;
using ProductOps.Skills.Conversation;

namespace ProductOps.Skills.Help;

/// <summary>Help, generated from the registrations: nothing here repeats what a command says of itself.</summary>
public static class HelpReplies
{
    // The overview depends only on the registrations, which never change once the bot runs; it is
    // the most asked-for reply, so it is built once per registry rather than on every "help".
    private static readonly ConditionalWeakTable<SkillRegistry, Reply> Overviews = [];

    public static Reply Overview(SkillRegistry registry) => Overviews.GetValue(registry, BuildOverview);

    private static Reply BuildOverview(SkillRegistry registry)
    {
        var reply = new ReplyBuilder().Header("ProductOps: what I can do");
        foreach (var skill in registry.Commands.GroupBy(c => c.Skill))
        {
            reply.Section(Markup.Of($"{Md.Bold(skill.Key)}\n") + Lines(skill.Select(c => c.Spec)));
        }

        return reply
            .Context(Markup.Of($"Type {Md.Code("/<command> help")} for one command in full, e.g. {Md.Code("/productops help")}. In a DM or a mention you can leave out the slash."))
            .Build() with { Lasting = true };
    }

    public static Reply ForCommand(IReadOnlyList<CommandSpec> specs)
    {
        var reply = new ReplyBuilder().Header($"/{specs[0].Command}");
        foreach (var spec in specs)
        {
            var text = Markup.Of($"{Md.Code(spec.Usage)}\n{spec.Summary}");
            if (spec.Roles.Count > 0)
            {
                text += Markup.Of($"\n{Md.Italic("Needs the " + string.Join(" or ", spec.Roles.Order().Select(RoleNames.Display)) + " role.")}");
            }

            if (spec.Details is { } details)
            {
                text += "\n" + details;
            }

            if (spec.Examples.Length > 0)
            {
                text += Markup.Of($"\nExamples: ") + Join(spec.Examples.Select(e => (Markup)Md.Code(e)), ", ");
            }

            reply.Section(text);
        }

        return reply.Build();
    }

    /// <summary>The one-line summaries of some commands, for "did you mean" and unknown sub-commands.</summary>
    public static Markup Lines(IEnumerable<CommandSpec> specs) =>
        Join(specs.Select(s => Markup.Of($"{Md.Code("/" + s.Words)} {s.Summary}") + (s.Examples.Length > 0 ? Markup.Of($" e.g. {Md.Code(s.Examples[0])}") : Markup.Empty)), "\n");

    private static Markup Join(IEnumerable<Markup> parts, string separator)
    {
        var result = Markup.Empty;
        var first = true;
        foreach (var part in parts)
        {
            result = first ? part : result + separator + part;
            first = false;
        }

        return result;
    }
}
