namespace ProductOps.Skills.Conversation;

/// <summary>
/// A command after routing: the inbound, the person who sent it, its parsed arguments and the spec
/// it matched (handlers quote <see cref="CommandSpec.Usage"/> in their error messages).
/// </summary>
public sealed record CommandRequest(CommandInbound Inbound, Person Person, Args Args, CommandSpec Spec);

/// <summary>Handles one command or sub-command; registered with its <see cref="CommandSpec"/>.</summary>
public interface ICommandHandler
{
    Task<Response> HandleAsync(CommandRequest request, CancellationToken ct);
}

/// <summary>Handles presses of one button action id.</summary>
public interface IActionHandler
{
    Task<Response> HandleAsync(ActionInbound action, Person person, CancellationToken ct);
}

/// <summary>Handles submissions of one form id; answers <see cref="Response.Invalid"/> to keep the form open.</summary>
public interface IFormHandler
{
    Task<Response> HandleAsync(FormSubmission submission, Person person, CancellationToken ct);
}

/// <summary>Handles messages shared with the bot through one shortcut ("Send to product").</summary>
public interface IShortcutHandler
{
    Task<Response> HandleAsync(MessageInbound message, Person person, CancellationToken ct);
}

/// <summary>
/// Finds the person behind a chat identity, creating them (with no roles) on first contact, and
/// refreshing what the platform tells about them (name, e-mail, time zone).
/// </summary>
public interface IPersonResolver
{
    Task<Person> ResolveAsync(ChatUser user, CancellationToken ct);
}
