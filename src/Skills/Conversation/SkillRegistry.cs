namespace ProductOps.Skills.Conversation;

/// <summary>A skill registers its commands, actions, forms and shortcuts here, in one method.</summary>
public interface ISkill
{
    /// <summary>The skill's name as help shows it ("Feedback", "Admin").</summary>
    string Name { get; }

    void Register(SkillRegistry registry);
}

public sealed record CommandRegistration(string Skill, CommandSpec Spec, Type Handler);

public sealed record HandlerRegistration(string Skill, string Id, Type Handler, IReadOnlySet<Role> Roles);

/// <summary>
/// Every surface of every skill, by its trigger. Handlers are resolved per turn from the host's
/// service provider, so the host registers <see cref="HandlerTypes"/> with its container.
/// </summary>
public sealed class SkillRegistry
{
    private static readonly IReadOnlySet<Role> Anyone = new HashSet<Role>();
    private readonly List<CommandRegistration> _commands = [];
    private readonly Dictionary<string, HandlerRegistration> _actions = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HandlerRegistration> _forms = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HandlerRegistration> _shortcuts = new(StringComparer.Ordinal);
    private string _skill = "";

    // Every message looks its command up by name: indexed once, after the skills registered.
    private Dictionary<string, CommandRegistration[]>? _byName;
    private string[]? _names;

    public SkillRegistry(IEnumerable<ISkill> skills)
    {
        foreach (var skill in skills)
        {
            _skill = skill.Name;
            skill.Register(this);
        }
    }

    public IReadOnlyList<CommandRegistration> Commands => _commands;

    public IEnumerable<Type> HandlerTypes =>
        _commands.Select(c => c.Handler)
            .Concat(_actions.Values.Select(a => a.Handler))
            .Concat(_forms.Values.Select(f => f.Handler))
            .Concat(_shortcuts.Values.Select(s => s.Handler))
            .Distinct();

    public void Command<THandler>(CommandSpec spec)
        where THandler : ICommandHandler
    {
        if (_commands.Any(c => c.Spec.Words.Equals(spec.Words, StringComparison.OrdinalIgnoreCase)))
        {
            throw new InvalidOperationException($"The command '/{spec.Words}' is registered twice.");
        }

        _commands.Add(new CommandRegistration(_skill, spec with { Command = spec.Command.ToLowerInvariant() }, typeof(THandler)));
        (_byName, _names) = (null, null);
    }

    public void Action<THandler>(string actionId, params Role[] roles)
        where THandler : IActionHandler => Add(_actions, "action", actionId, typeof(THandler), roles);

    public void Form<THandler>(string formId, params Role[] roles)
        where THandler : IFormHandler => Add(_forms, "form", formId, typeof(THandler), roles);

    public void Shortcut<THandler>(string shortcutId)
        where THandler : IShortcutHandler => Add(_shortcuts, "shortcut", shortcutId, typeof(THandler), []);

    public HandlerRegistration? FindAction(string id) => _actions.GetValueOrDefault(id);

    public HandlerRegistration? FindForm(string id) => _forms.GetValueOrDefault(id);

    public HandlerRegistration? FindShortcut(string id) => _shortcuts.GetValueOrDefault(id);

    public IReadOnlyList<CommandRegistration> CommandsNamed(string command) =>
        (_byName ??= _commands.GroupBy(c => c.Spec.Command, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.ToArray(), StringComparer.OrdinalIgnoreCase))
        .GetValueOrDefault(command) ?? [];

    public IReadOnlyList<string> CommandNames => _names ??= _commands.Select(c => c.Spec.Command).Distinct().ToArray();

    private void Add(Dictionary<string, HandlerRegistration> into, string kind, string id, Type handler, Role[] roles)
    {
        if (!into.TryAdd(id, new HandlerRegistration(_skill, id, handler, roles.Length == 0 ? Anyone : roles.ToHashSet())))
        {
            throw new InvalidOperationException($"The {kind} '{id}' is registered twice.");
        }
    }
}
