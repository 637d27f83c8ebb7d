namespace ProductOps.Skills.Conversation;

public enum ArgKind
{
    /// <summary>A bare word.</summary>
    Word,

    /// <summary>A "quoted string", quotes removed.</summary>
    Quoted,

    /// <summary>A person: <c>@handle</c>, or a platform mention with its user id in <see cref="Arg.PlatformId"/>.</summary>
    Person,

    /// <summary>A channel: <c>#name</c>, or a platform channel reference with its id in <see cref="Arg.PlatformId"/>.</summary>
    Channel,
}

/// <summary>
/// One argument. <paramref name="Key"/> is set for <c>key=value</c> and <c>key:value</c>.
/// For people and channels <paramref name="Value"/> is the handle or name, where the platform gave one.
/// </summary>
public sealed record Arg(string Value, ArgKind Kind, string? Key = null, string? PlatformId = null)
{
    /// <summary>The argument as a person would have typed it, for messages.</summary>
    public string Display => (Key is null ? "" : Key + "=") + Kind switch
    {
        ArgKind.Person => "@" + Value,
        ArgKind.Channel => "#" + Value,
        ArgKind.Quoted => $"\"{Value}\"",
        _ => Value,
    };
}

/// <summary>The parsed arguments of a command, and the raw text they came from.</summary>
public sealed class Args(IReadOnlyList<Arg> all, string text)
{
    public static readonly Args Empty = new([], "");

    public IReadOnlyList<Arg> All => all;

    /// <summary>The raw text after the command words, for commands that take free text.</summary>
    public string Text => text;

    public IReadOnlyList<Arg> Positional => all.Where(a => a.Key is null).ToArray();

    public IEnumerable<string> Keys => all.Where(a => a.Key is not null).Select(a => a.Key!);

    /// <summary>The last value given for a key (keys are case-insensitive), or null.</summary>
    public Arg? Named(string key) => all.LastOrDefault(a => string.Equals(a.Key, key, StringComparison.OrdinalIgnoreCase));

    /// <summary>The first of these option names given more than once, or null: which value was meant is not for the bot to guess.</summary>
    public string? Repeated(IReadOnlyCollection<string> keys) =>
        Keys.Where(k => keys.Contains(k, StringComparer.OrdinalIgnoreCase))
            .GroupBy(k => k, StringComparer.OrdinalIgnoreCase)
            .FirstOrDefault(g => g.Skip(1).Any())?.Key;

    public bool IsEmpty => all.Count == 0;
}

/// <summary>Text that cannot be read as arguments; the message says what is wrong and how to fix it.</summary>
public sealed class ArgsException(string message) : Exception(message);
