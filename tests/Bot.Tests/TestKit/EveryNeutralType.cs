using ProductOps.Skills.Conversation;

namespace ProductOps.Bot.Tests.TestKit;

/// <summary>
/// One example of every block, span and input of the neutral model, for the renderers' coverage
/// tests: they fail when a new type is added without an example here or a rendering there.
/// </summary>
public static class EveryNeutralType
{
    public static readonly Block[] Blocks =
    [
        new HeaderBlock("Header"),
        new SectionBlock("Section", [new Field("Label", "Value")]),
        new ContextBlock("Context"),
        new DividerBlock(),
        new ButtonsBlock([new Button("Go", "x.go", "1")]),
    ];

    public static readonly Span[] Spans =
    [
        new TextSpan("text"),
        new BoldSpan("bold"),
        new ItalicSpan("italic"),
        new CodeSpan("code"),
        new LinkSpan("docs", "https://example.com"),
        new UserSpan("Priya", []),
        new ChannelSpan("payments"),
    ];

    public static readonly Input[] Inputs =
    [
        new TextInput("t", "Text") { Multiline = true, Required = true },
        new NumberInput("n", "Number") { Min = 0, Max = 5 },
        new DateInput("d", "Date"),
        new SelectInput("s", "Select", [new Choice("a", "A"), new Choice("b", "B")]) { Multiple = true },
        new UserInput("u", "User"),
        new CheckboxInput("c", "Check"),
    ];

    /// <summary>Every concrete subtype of <typeparamref name="T"/> in the neutral model, by name.</summary>
    public static Type[] DerivedTypes<T>() =>
        typeof(T).Assembly.GetTypes().Where(t => t.IsSubclassOf(typeof(T)) && !t.IsAbstract).OrderBy(t => t.Name).ToArray();
}
