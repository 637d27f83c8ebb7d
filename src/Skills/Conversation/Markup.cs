using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json.Serialization;

namespace ProductOps.Skills.Conversation;

/// <summary>
/// Rich text in the project's own small markup: plain text, bold, italic, code, links and mentions of
/// people and channels. It is structured, not a string with markers, so user-supplied text can never
/// turn into formatting: each renderer escapes every text span for its platform.
/// Build it with <see cref="Of"/>: <c>Markup.Of($"Owner {Md.User(person)} of {Md.Bold(area)}")</c>;
/// interpolated strings stay plain text, <see cref="Span"/> holes keep their meaning.
/// </summary>
public sealed record Markup(IReadOnlyList<Span> Spans)
{
    public static readonly Markup Empty = new([]);

    public static Markup Of(MarkupHandler handler) => new(handler.Build());

    public static Markup Text(string text) => new([new TextSpan(text)]);

    public static implicit operator Markup(string text) => Text(text);

    public static implicit operator Markup(Span span) => new([span]);

    public static Markup operator +(Markup left, Markup right) => new([.. left.Spans, .. right.Spans]);

    [JsonIgnore]
    public bool IsEmpty => Spans.All(s => s.PlainText.Length == 0);

    /// <summary>The text without formatting, for fallbacks, notifications and search.</summary>
    public string ToPlainText() => string.Concat(Spans.Select(s => s.PlainText));

    public override string ToString() => ToPlainText();
}

/// <summary>One piece of <see cref="Markup"/>. A newline inside any text is a line break.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(TextSpan), "text")]
[JsonDerivedType(typeof(BoldSpan), "bold")]
[JsonDerivedType(typeof(ItalicSpan), "italic")]
[JsonDerivedType(typeof(CodeSpan), "code")]
[JsonDerivedType(typeof(LinkSpan), "link")]
[JsonDerivedType(typeof(UserSpan), "user")]
[JsonDerivedType(typeof(ChannelSpan), "channel")]
public abstract record Span
{
    [JsonIgnore]
    public abstract string PlainText { get; }
}

public sealed record TextSpan(string Text) : Span
{
    [JsonIgnore]
    public override string PlainText => Text;
}

public sealed record BoldSpan(string Text) : Span
{
    [JsonIgnore]
    public override string PlainText => Text;
}

public sealed record ItalicSpan(string Text) : Span
{
    [JsonIgnore]
    public override string PlainText => Text;
}

public sealed record CodeSpan(string Text) : Span
{
    [JsonIgnore]
    public override string PlainText => Text;
}

/// <summary>A link; only http, https and mailto addresses are kept as links, anything else renders as text.</summary>
public sealed record LinkSpan(string Label, string Url) : Span
{
    [JsonIgnore]
    public override string PlainText => Label == Url ? Url : $"{Label} ({Url})";

    [JsonIgnore]
    public bool IsSafe =>
        Uri.TryCreate(Url, UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeMailto);
}

/// <summary>A person; renderers use the person's identity on their platform and fall back to the name.</summary>
public sealed record UserSpan(string Name, IReadOnlyList<ChatIdentity> Identities) : Span
{
    [JsonIgnore]
    public override string PlainText => "@" + Name;
}

/// <summary>A channel by name and, where known, its platform id.</summary>
public sealed record ChannelSpan(string Name, string? Id = null) : Span
{
    [JsonIgnore]
    public override string PlainText => "#" + Name.TrimStart('#');
}

/// <summary>Short constructors for spans, so skills read as sentences.</summary>
public static class Md
{
    public static Span Bold(object? text) => new BoldSpan(text?.ToString() ?? "");

    public static Span Italic(object? text) => new ItalicSpan(text?.ToString() ?? "");

    public static Span Code(object? text) => new CodeSpan(text?.ToString() ?? "");

    public static Span Link(string label, string url) => new LinkSpan(label, url);

    public static Span User(Person person) => new UserSpan(person.Name, person.Identities);

    public static Span User(ChatUser user) => new UserSpan(user.DisplayName, [user.Identity]);

    public static Span Channel(string name, string? id = null) => new ChannelSpan(name.TrimStart('#'), id);
}

/// <summary>Collects an interpolated string into spans: literal parts and plain holes become text.</summary>
[InterpolatedStringHandler]
public ref struct MarkupHandler
{
    private readonly List<Span> _spans;
    private readonly StringBuilder _text;

    public MarkupHandler(int literalLength, int formattedCount)
    {
        _spans = new List<Span>(formattedCount + 1);
        _text = new StringBuilder(literalLength);
    }

    public readonly void AppendLiteral(string value) => _text.Append(value);

    public readonly void AppendFormatted<T>(T value) => AppendFormatted(value, null);

    public readonly void AppendFormatted<T>(T value, string? format)
    {
        switch (value)
        {
            case Span span:
                Flush();
                _spans.Add(span);
                break;
            case Markup markup:
                Flush();
                _spans.AddRange(markup.Spans);
                break;
            case IFormattable formattable:
                _text.Append(formattable.ToString(format, System.Globalization.CultureInfo.InvariantCulture));
                break;
            default:
                _text.Append(value?.ToString());
                break;
        }
    }

    internal readonly IReadOnlyList<Span> Build()
    {
        Flush();
        return _spans;
    }

    private readonly void Flush()
    {
        if (_text.Length == 0)
        {
            return;
        }

        _spans.Add(new TextSpan(_text.ToString()));
        _text.Clear();
    }
}
