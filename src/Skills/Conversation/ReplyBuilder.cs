namespace ProductOps.Skills.Conversation;

/// <summary>Builds a <see cref="Reply"/> block by block; the fallback is the blocks' plain text unless given.</summary>
public sealed class ReplyBuilder
{
    private readonly List<Block> _blocks = [];

    public ReplyBuilder Header(string text)
    {
        _blocks.Add(new HeaderBlock(text));
        return this;
    }

    public ReplyBuilder Section(Markup text, params Field[] fields)
    {
        _blocks.Add(new SectionBlock(text, fields));
        return this;
    }

    public ReplyBuilder Context(Markup text)
    {
        _blocks.Add(new ContextBlock(text));
        return this;
    }

    public ReplyBuilder Divider()
    {
        _blocks.Add(new DividerBlock());
        return this;
    }

    public ReplyBuilder Buttons(params Button[] buttons)
    {
        _blocks.Add(new ButtonsBlock(buttons));
        return this;
    }

    public Reply Build(Visibility visibility = Visibility.Asker, string? fallback = null) =>
        new(_blocks.ToArray(), visibility, fallback ?? string.Join("\n", _blocks.Select(b => b.PlainText).Where(t => t.Length > 0)));
}
