namespace ProductOps.Skills.Conversation;

/// <summary>
/// Everything help says about a command, written once where the command is registered.
/// <paramref name="Sub"/> is the sub-command words ("area add"), or null for the command's default form.
/// </summary>
public sealed record CommandSpec(string Command, string? Sub, string Summary, string Usage, params string[] Examples)
{
    /// <summary>More lines for <c>/command help</c>: options, limits, what happens next.</summary>
    public string? Details { get; init; }

    /// <summary>Roles of which the asker must hold at least one; empty means anyone.</summary>
    public IReadOnlySet<Role> Roles { get; init; } = new HashSet<Role>();

    /// <summary>The words a person types after the slash.</summary>
    public string Words => Sub is null ? Command : $"{Command} {Sub}";
}
