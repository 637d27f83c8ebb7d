using ProductOps.Skills.Help;

namespace ProductOps.Skills.Conversation;

/// <summary>
/// Turns any inbound into a response: resolves the person, finds the registered handler by
/// command words, action id, form id or shortcut, checks roles, and answers what it cannot route
/// with "did you mean" and help. Handlers come from the turn's service provider.
/// </summary>
public sealed class Router(SkillRegistry registry, IPersonResolver people, IServiceProvider services)
{
    /// <summary>The umbrella command: <c>/productops help</c> lists everything.</summary>
    public const string Umbrella = "productops";

    /// <summary>Longest command text accepted; longer text is refused before any handler runs.</summary>
    public const int MaxTextLength = 4000;

    public async Task<Response> HandleAsync(Inbound inbound, CancellationToken ct)
    {
        var person = await people.ResolveAsync(inbound.From, ct);
        inbound = inbound with { Person = person };
        return inbound switch
        {
            CommandInbound command => await RunCommandAsync(command, person, ct),
            ActionInbound action => await RunActionAsync(action, person, ct),
            FormSubmission form => await RunFormAsync(form, person, ct),
            MessageInbound message => await RunMessageAsync(message, person, ct),
            _ => throw new ArgumentOutOfRangeException(nameof(inbound), inbound.GetType().Name, "Unknown inbound shape."),
        };
    }

    private async Task<Response> RunCommandAsync(CommandInbound inbound, Person person, CancellationToken ct)
    {
        var name = inbound.Command.Trim().TrimStart('/').ToLowerInvariant();
        var text = inbound.Text.Trim();
        if (text.Length > MaxTextLength)
        {
            return Response.Say($"That is {text.Length:N0} characters; a command takes up to {MaxTextLength:N0}. Shorten it and try again.");
        }

        var specs = registry.CommandsNamed(name).Select(c => c.Spec).ToArray();
        if (specs.Length == 0)
        {
            return UnknownCommand(name);
        }

        if (IsHelp(text))
        {
            return Response.Say(name == Umbrella ? HelpReplies.Overview(registry) : HelpReplies.ForCommand(specs));
        }

        var registration = Match(name, text, out var rest);
        if (registration is null)
        {
            return UnknownSub(name, text, specs, person);
        }

        if (IsHelp(rest))
        {
            return Response.Say(HelpReplies.ForCommand([registration.Spec]));
        }

        if (Access.Refusal(person, registration.Spec.Roles, "/" + registration.Spec.Words) is { } refusal)
        {
            return refusal;
        }

        Args args;
        try
        {
            args = CommandLine.Parse(rest);
        }
        catch (ArgsException e)
        {
            return Response.Say(Markup.Of($"{e.Message}\nUsage: {Md.Code(registration.Spec.Usage)}"));
        }

        var handler = Resolve<ICommandHandler>(registration.Handler);
        return await handler.HandleAsync(new CommandRequest(inbound with { Command = name, Person = person }, person, args, registration.Spec), ct);
    }

    private CommandRegistration? Match(string name, string text, out string rest)
    {
        var words = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        var best = registry.CommandsNamed(name)
            .Where(c => c.Spec.Sub is not null)
            .Select(c => (Registration: c, Words: c.Spec.Sub!.Split(' ')))
            .Where(c => c.Words.Length <= words.Length
                        && c.Words.Select((w, i) => w.Equals(words[i], StringComparison.OrdinalIgnoreCase)).All(x => x))
            .OrderByDescending(c => c.Words.Length)
            .FirstOrDefault();
        if (best.Registration is not null)
        {
            rest = SkipWords(text, best.Words.Length);
            return best.Registration;
        }

        rest = text;
        return registry.CommandsNamed(name).FirstOrDefault(c => c.Spec.Sub is null);
    }

    private Response UnknownCommand(string name)
    {
        var known = registry.CommandNames;
        var close = Suggestions.Closest(name, known);
        var text = Markup.Of($"I don't know the command {Md.Code("/" + name)}.");
        if (close.Count > 0)
        {
            text += " Did you mean " + string.Join(" or ", close.Select(c => "/" + c)) + "?";
        }

        return Response.Say(text + Markup.Of($"\nType {Md.Code("/productops help")} to see every command."));
    }

    private static Response UnknownSub(string name, string text, IReadOnlyList<CommandSpec> specs, Person person)
    {
        var typed = FirstWord(text) ?? "";

        // Suggest only what this person may run, and nothing for nothing typed.
        var subs = specs.Where(s => s.Sub is not null && (s.Roles.Count == 0 || s.Roles.Any(person.Has))).Select(s => s.Sub!).ToArray();
        var close = typed.Length == 0 ? [] : Suggestions.Closest(typed, subs.Select(s => s.Split(' ')[0]));
        var intro = typed.Length == 0
            ? Markup.Of($"{Md.Code("/" + name)} needs a sub-command.")
            : Markup.Of($"{Md.Code("/" + name)} has no sub-command {Md.Code(typed)}.");
        if (close.Count > 0)
        {
            intro += " Did you mean " + string.Join(" or ", close.Select(c => $"/{name} {c}")) + "?";
        }

        return Response.Say(new ReplyBuilder().Section(intro).Section(HelpReplies.Lines(specs)).Build());
    }

    private async Task<Response> RunActionAsync(ActionInbound action, Person person, CancellationToken ct)
    {
        if (registry.FindAction(action.ActionId) is not { } registration)
        {
            return Response.Say("That button no longer does anything here: it may come from an older version of ProductOps. Run the command again for a fresh message.");
        }

        return Access.Refusal(person, registration.Roles, "That button")
               ?? await Resolve<IActionHandler>(registration.Handler).HandleAsync(action with { Person = person }, person, ct);
    }

    private async Task<Response> RunFormAsync(FormSubmission form, Person person, CancellationToken ct)
    {
        if (registry.FindForm(form.FormId) is not { } registration)
        {
            return Response.Say("That form is no longer known here: it may come from an older version of ProductOps. Open it again with its command.");
        }

        return Access.Refusal(person, registration.Roles, "That form")
               ?? await Resolve<IFormHandler>(registration.Handler).HandleAsync(form with { Person = person }, person, ct);
    }

    private async Task<Response> RunMessageAsync(MessageInbound message, Person person, CancellationToken ct)
    {
        if (message.Kind == MessageKind.Shared && message.Shortcut is { } shortcut)
        {
            return registry.FindShortcut(shortcut) is { } registration
                ? await Resolve<IShortcutHandler>(registration.Handler).HandleAsync(message with { Person = person }, person, ct)
                : Response.Say("That shortcut is not known here. Type /productops help to see what I can do.");
        }

        var text = message.Text.Trim();
        var first = FirstWord(text)?.TrimStart('/').ToLowerInvariant();
        if (first is "help" or "?")
        {
            return Response.Say(HelpReplies.Overview(registry));
        }

        if (first is not null && registry.CommandNames.Contains(first))
        {
            var command = new CommandInbound(message.From, message.Where, first, SkipWords(text, 1), message.ThreadId) { Person = person };
            return await RunCommandAsync(command, person, ct);
        }

        return Response.Say(Markup.Of(
            $"I read commands, like {Md.Code("okr status")} or {Md.Code("productops whoami")}. Type {Md.Code("help")} to see them all."));
    }

    private T Resolve<T>(Type type) =>
        (T)(services.GetService(type) ?? throw new InvalidOperationException($"{type.Name} is registered with a skill but not with the service provider."));

    private static bool IsHelp(string text) =>
        text.Equals("help", StringComparison.OrdinalIgnoreCase) || text == "?";

    private static string? FirstWord(string text) => CommandLine.LeadingWords(text, 1) is [var word, ..] ? word : null;

    private static string SkipWords(string text, int count)
    {
        var rest = text.TrimStart();
        for (var i = 0; i < count; i++)
        {
            var space = rest.IndexOfAny([' ', '\t', '\n', '\r']);
            rest = space < 0 ? "" : rest[space..].TrimStart();
        }

        return rest;
    }
}
