using ProductOps.Skills.Conversation;

namespace ProductOps.Skills.Admin;

/// <summary>Checks shared by the admin commands: which options a command takes and how many plain arguments.</summary>
public static class ArgCheck
{
    /// <summary>A problem reply for an option the command does not take or a surplus argument; null when the shape is fine.</summary>
    public static Response? Shape(Args args, CommandSpec spec, int maxPositional, params string[] keys)
    {
        foreach (var key in args.Keys)
        {
            if (!keys.Contains(key, StringComparer.OrdinalIgnoreCase))
            {
                var close = Suggestions.Closest(key, keys);
                var text = Markup.Of($"{Md.Code("/" + spec.Words)} has no option {Md.Code(key + "=")}.");
                text += close.Count > 0
                    ? " Did you mean " + string.Join(" or ", close.Select(k => k + "=")) + "?"
                    : keys.Length == 0 ? " It takes no options." : " Options: " + string.Join(", ", keys.Select(k => k + "=")) + ".";
                return AdminReplies.Problem(text, spec);
            }
        }

        if (args.Repeated(keys) is { } twice)
        {
            return AdminReplies.Problem(Markup.Of($"{Md.Code(twice + "=")} is given more than once. Give it once."), spec);
        }

        var positional = args.Positional;
        if (positional.Count > maxPositional)
        {
            var extra = string.Join(" ", positional.Skip(maxPositional).Select(a => a.Display));
            var hint = maxPositional == 0
                ? "It takes nothing after the command."
                : "Put a name with spaces in \"quotes\".";
            return AdminReplies.Problem(Markup.Of($"I don't know what to do with {Md.Code(extra)}. {hint}"), spec);
        }

        return null;
    }

    /// <summary>The word that confirms a change with consequences, after the command's one argument.</summary>
    public const string Confirm = "confirm";

    /// <summary>
    /// Whether the argument after the command's first is <see cref="Confirm"/>; any other word there
    /// is a problem (most likely a name that needed quotes).
    /// </summary>
    public static (bool Confirmed, Response? Problem) Confirmation(Args args, CommandSpec spec)
    {
        if (args.Positional is not [_, var last])
        {
            return (false, null);
        }

        return last.Value.Equals(Confirm, StringComparison.OrdinalIgnoreCase)
            ? (true, null)
            : (false, AdminReplies.Problem(Markup.Of($"I don't know what to do with {Md.Code(last.Display)}. Put a name with spaces in \"quotes\", or end with {Md.Code(Confirm)}."), spec));
    }

    /// <summary>The first plain argument, or null.</summary>
    public static Arg? First(Args args) => args.Positional is [var first, ..] ? first : null;
}
