namespace ProductOps.Skills.Conversation;

/// <summary>
/// What a handler answers: replies to show, a form to open, or per-field errors that keep the
/// submitted form open. An empty response acknowledges and shows nothing.
/// </summary>
public sealed record Response
{
    public static readonly Response None = new();

    public IReadOnlyList<Reply> Replies { get; init; } = [];

    public Form? Form { get; init; }

    public IReadOnlyDictionary<string, string> FieldErrors { get; init; } = new Dictionary<string, string>();

    public static Response Say(params Reply[] replies) => new() { Replies = replies };

    public static Response Say(Markup text, Visibility visibility = Visibility.Asker) => Say(Reply.Say(text, visibility));

    public static Response Open(Form form) => new() { Form = form };

    public static Response Invalid(IReadOnlyDictionary<string, string> errors) => new() { FieldErrors = errors };
}
