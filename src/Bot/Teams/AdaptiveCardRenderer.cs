using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using ProductOps.Skills.Conversation;

namespace ProductOps.Bot.Teams;

/// <summary>
/// Renders neutral replies and forms as Adaptive Cards (schema 1.5) for Teams, written straight to
/// UTF-8 (<see cref="CardJson"/>): building the card as a tree of JSON nodes cost more than the
/// rest of a help turn. Words go into TextRuns and plain-text properties, which Teams never reads as
/// markdown, so user text cannot turn into formatting, links or mentions. Cards are kept under
/// <see cref="MaxCardBytes"/> (Teams refuses messages near 100 KB, and cards much earlier); what
/// does not fit is cut with a visible note.
/// </summary>
public static class AdaptiveCardRenderer
{
    public const string ContentType = "application/vnd.microsoft.card.adaptive";
    public const string Version = "1.5";
    public const int MaxCardBytes = 28 * 1024;
    public const int MaxRunLength = 4000;
    public const string Shortened = "This message was shortened to fit in Teams. Ask for less to see the rest.";

    /// <summary>Person pickers list everyone up to this many people (about 3 KB per 50); beyond, they search as the user types.</summary>
    public const int StaticPeopleLimit = 50;

    private static readonly Look Subtle = new(Subtle: true);

    // Cards of lasting replies, rendered once: the help overview's is 18 KB and was a fifth of a help turn.
    private static readonly ConditionalWeakTable<Reply, CardJson> LastingCards = [];

    public static Attachment Attachment(CardJson card) => new(ContentType, card.AsNode());

    /// <summary>The reply as a card; trailing blocks are dropped, and the card says so, until it fits.</summary>
    public static CardJson Render(Reply reply) => reply.Lasting ? LastingCards.GetValue(reply, RenderNow) : RenderNow(reply);

    private static CardJson RenderNow(Reply reply)
    {
        var blocks = reply.Blocks;
        var json = CardWriter.Begin();
        var ends = new long[blocks.Count];
        StartCard(json);
        for (var i = 0; i < blocks.Count; i++)
        {
            Write(json, blocks[i]);
            ends[i] = CardWriter.Position(json);
        }

        EndCard(json);
        var size = CardWriter.Position(json);
        if (size <= MaxCardBytes)
        {
            return CardWriter.End(json);
        }

        // Too big, so there is at least one block; what follows the last one closes the card.
        var closing = size - ends[^1];
        for (var keep = blocks.Count - 1; keep >= 1; keep--)
        {
            if (ends[keep - 1] + closing >= MaxCardBytes)
            {
                continue; // too big before the notice is even added
            }

            json = CardWriter.Begin();
            StartCard(json);
            for (var i = 0; i < keep; i++)
            {
                Write(json, blocks[i]);
            }

            Rich(json, Shortened, Subtle);
            EndCard(json);
            if (CardWriter.Position(json) <= MaxCardBytes)
            {
                return CardWriter.End(json);
            }
        }

        // One block alone is too big (a section with very many fields): show the plain text, cut.
        json = CardWriter.Begin();
        StartCard(json);
        Rich(json, reply.Fallback.Length > MaxRunLength ? reply.Fallback[..MaxRunLength] : reply.Fallback, Look.Plain);
        Rich(json, Shortened, Subtle);
        EndCard(json);
        return CardWriter.End(json);
    }

    /// <summary>A card that stands for a form in a chat: its title and a button that opens it as a dialog.</summary>
    public static CardJson RenderFormLauncher(Form form, JsonObject openData)
    {
        var json = CardWriter.Begin();
        StartCard(json);
        Rich(json, form.Title, new Look(Bold: true));
        EndCard(json, actions => Submit(actions, "Open form", openData));
        return CardWriter.End(json);
    }

    /// <summary>
    /// The form as a dialog card: one input per field with its label, hint and required mark (which
    /// Teams checks before submitting), the values given so far, and the skill's errors under their fields.
    /// </summary>
    public static CardJson RenderDialog(
        Form form, JsonObject submitData, FormValues values, IReadOnlyDictionary<string, string> errors, IReadOnlyList<Person> people)
    {
        if (form.Inputs.FirstOrDefault(i => i.Id == CardData.Key) is { } reserved)
        {
            throw new ArgumentException($"The input id \"{reserved.Id}\" is reserved for ProductOps' own card data.", nameof(form));
        }

        var json = CardWriter.Begin();
        StartCard(json);
        var stray = errors.Where(e => form.Inputs.All(i => i.Id != e.Key)).Select(e => e.Value).ToArray();
        if (stray.Length > 0)
        {
            Error(json, string.Join("\n", stray));
        }

        foreach (var input in form.Inputs)
        {
            Write(json, input, values, people);
            if (input.Hint is { } hint)
            {
                Rich(json, hint, Subtle);
            }

            if (errors.GetValueOrDefault(input.Id) is { } error)
            {
                Error(json, error);
            }
        }

        EndCard(json, actions => Submit(actions, form.SubmitLabel, submitData));
        return CardWriter.End(json);
    }

    /// <summary>How a person reads in a picker and in its typeahead results.</summary>
    public static string PersonLabel(Person person) => $"{person.Name} (@{person.Handle})";

    private static void Write(Utf8JsonWriter json, Block block)
    {
        switch (block)
        {
            case HeaderBlock header:
                Rich(json, header.Text, new Look(Bold: true, Size: "Large"));
                break;
            case SectionBlock { Fields.Count: 0 } section:
                Rich(json, section.Text, Look.Plain);
                break;
            case SectionBlock section:
                json.WriteStartObject();
                json.WriteString("type"u8, "Container"u8);
                json.WriteStartArray("items"u8);
                if (!section.Text.IsEmpty)
                {
                    Rich(json, section.Text, Look.Plain);
                }

                foreach (var field in section.Fields)
                {
                    FieldRow(json, field);
                }

                json.WriteEndArray();
                json.WriteEndObject();
                break;
            case ContextBlock context:
                Rich(json, context.Text, Subtle);
                break;
            case DividerBlock:
                json.WriteStartObject();
                json.WriteString("type"u8, "ColumnSet"u8);
                json.WriteBoolean("separator"u8, true);
                json.WriteString("spacing"u8, "Medium"u8);
                json.WriteStartArray("columns"u8);
                json.WriteEndArray();
                json.WriteEndObject();
                break;
            case ButtonsBlock buttons:
                json.WriteStartObject();
                json.WriteString("type"u8, "ActionSet"u8);
                json.WriteStartArray("actions"u8);
                foreach (var button in buttons.Buttons)
                {
                    Button(json, button);
                }

                json.WriteEndArray();
                json.WriteEndObject();
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(block), block.GetType().Name, "Teams has no rendering for this block.");
        }
    }

    private static void FieldRow(Utf8JsonWriter json, Field field)
    {
        json.WriteStartObject();
        json.WriteString("type"u8, "ColumnSet"u8);
        json.WriteStartArray("columns"u8);
        Column(json, "auto");
        Rich(json, field.Label, new Look(Bold: true));
        EndColumn(json);
        Column(json, "stretch");
        Rich(json, field.Value, Look.Plain);
        EndColumn(json);
        json.WriteEndArray();
        json.WriteEndObject();

        static void Column(Utf8JsonWriter json, string width)
        {
            json.WriteStartObject();
            json.WriteString("type"u8, "Column"u8);
            json.WriteString("width"u8, width);
            json.WriteStartArray("items"u8);
        }

        static void EndColumn(Utf8JsonWriter json)
        {
            json.WriteEndArray();
            json.WriteEndObject();
        }
    }

    /// <summary>Action.Execute answers in place (adaptiveCard/action); clients without Universal Actions fall back to a message with the same data.</summary>
    private static void Button(Utf8JsonWriter json, Button button)
    {
        var style = button.Style switch
        {
            ButtonStyle.Primary => "positive",
            ButtonStyle.Danger => "destructive",
            _ => "default",
        };
        var data = CardData.Action(button);
        json.WriteStartObject();
        json.WriteString("type"u8, "Action.Execute"u8);
        json.WriteString("title"u8, Cut(button.Label));
        json.WriteString("verb"u8, button.ActionId);
        json.WriteString("style"u8, style);
        json.WritePropertyName("data"u8);
        data.WriteTo(json);
        json.WriteStartObject("fallback"u8);
        json.WriteString("type"u8, "Action.Submit"u8);
        json.WriteString("title"u8, Cut(button.Label));
        json.WriteString("style"u8, style);
        json.WritePropertyName("data"u8);
        data.WriteTo(json);
        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static void Submit(Utf8JsonWriter json, string title, JsonObject data)
    {
        json.WriteStartObject();
        json.WriteString("type"u8, "Action.Submit"u8);
        json.WriteString("title"u8, title);
        json.WriteString("style"u8, "positive"u8);
        json.WritePropertyName("data"u8);
        data.WriteTo(json);
        json.WriteEndObject();
    }

    private static void Write(Utf8JsonWriter json, Input input, FormValues values, IReadOnlyList<Person> people)
    {
        var given = values.All.TryGetValue(input.Id, out var list) ? list : null;
        var first = given is [var one, ..] ? one : null;
        json.WriteStartObject();
        json.WriteString("type"u8, input switch
        {
            TextInput => "Input.Text",
            NumberInput => "Input.Number",
            DateInput => "Input.Date",
            SelectInput or UserInput => "Input.ChoiceSet",
            CheckboxInput => "Input.Toggle",
            _ => throw new ArgumentOutOfRangeException(nameof(input), input.GetType().Name, "Teams has no rendering for this input."),
        });
        json.WriteString("id"u8, input.Id);
        json.WriteString("label"u8, input.Label);
        if (input.Required)
        {
            json.WriteBoolean("isRequired"u8, true);
            json.WriteString("errorMessage"u8, $"{input.Label} is required.");
        }

        switch (input)
        {
            case TextInput t:
                json.WriteBoolean("isMultiline"u8, t.Multiline);
                json.WriteNumber("maxLength"u8, t.MaxLength);
                WriteIfGiven(json, "placeholder", t.Placeholder);
                WriteIfGiven(json, "value", first ?? t.Initial);
                break;
            case NumberInput n:
                WriteIfGiven(json, "min", n.Min);
                WriteIfGiven(json, "max", n.Max);
                WriteIfGiven(json, "value", Number(first) ?? n.Initial);
                break;
            case DateInput d:
                WriteIfGiven(json, "value", Date(first) ?? d.Initial?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                break;
            case SelectInput s:
                Choices(json, s.Choices, s.Multiple, given ?? s.Initial, searched: false);
                break;
            case UserInput u:
                PeoplePicker(json, people, u.Multiple, given ?? u.Initial);
                break;
            case CheckboxInput c:
                json.WriteString("title"u8, c.Label);
                json.WriteString("valueOn"u8, "true"u8);
                json.WriteString("valueOff"u8, "false"u8);
                json.WriteString("value"u8, (given is [var v, ..] ? v is "true" or "on" or "1" : c.Initial) ? "true" : "false");
                break;
        }

        json.WriteEndObject();
    }

    /// <summary>
    /// Everyone as choices while they fit in a card; past that, only the people already chosen, and
    /// the rest found as the user types (<see cref="TeamsPeopleSearch"/>).
    /// </summary>
    private static void PeoplePicker(Utf8JsonWriter json, IReadOnlyList<Person> people, bool multiple, IReadOnlyList<string> selected)
    {
        if (people.Count <= StaticPeopleLimit)
        {
            Choices(json, People(people), multiple, selected, searched: false);
            return;
        }

        Choices(json, People(people.Where(p => selected.Contains(p.Id.ToString(CultureInfo.InvariantCulture)))), multiple, selected, searched: true);
        json.WriteStartObject("choices.data"u8);
        json.WriteString("type"u8, "Data.Query"u8);
        json.WriteString("dataset"u8, TeamsPeopleSearch.Dataset);
        json.WriteEndObject();
        json.WriteString("placeholder"u8, "Type a name"u8);
    }

    private static void Choices(Utf8JsonWriter json, IReadOnlyList<Choice> choices, bool multiple, IReadOnlyList<string> selected, bool searched)
    {
        json.WriteStartArray("choices"u8);
        foreach (var choice in choices)
        {
            json.WriteStartObject();
            json.WriteString("title"u8, Cut(choice.Label));
            json.WriteString("value"u8, choice.Value);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteBoolean("isMultiSelect"u8, multiple);

        // A long or searched list gets type-to-filter; a short one shows every choice at once.
        json.WriteString("style"u8, searched || choices.Count > 12 ? "filtered" : choices.Count <= 4 || multiple ? "expanded" : "compact");
        if (selected.Count > 0)
        {
            json.WriteString("value"u8, string.Join(",", selected));
        }
    }

    private static Choice[] People(IEnumerable<Person> people) =>
        people.OrderBy(p => p.Name, StringComparer.OrdinalIgnoreCase)
            .Select(p => new Choice(p.Id.ToString(CultureInfo.InvariantCulture), PersonLabel(p)))
            .ToArray();

    private static void WriteIfGiven(Utf8JsonWriter json, string name, string? value)
    {
        if (value is not null)
        {
            json.WriteString(name, value);
        }
    }

    private static void WriteIfGiven(Utf8JsonWriter json, string name, decimal? value)
    {
        if (value is { } number)
        {
            json.WriteNumber(name, number);
        }
    }

    private static decimal? Number(string? text) =>
        decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var n) ? n : null;

    private static string? Date(string? text) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _) ? text : null;

    private static void Error(Utf8JsonWriter json, string text) => Rich(json, text, new Look(Size: "Small", Color: "Attention"));

    private static void Rich(Utf8JsonWriter json, Markup markup, Look look)
    {
        StartRich(json);
        foreach (var span in markup.Spans)
        {
            Run(json, span, look);
        }

        EndRich(json);
    }

    private static void Rich(Utf8JsonWriter json, string text, Look look)
    {
        StartRich(json);
        Run(json, text, look);
        EndRich(json);
    }

    private static void StartRich(Utf8JsonWriter json)
    {
        json.WriteStartObject();
        json.WriteString("type"u8, "RichTextBlock"u8);
        json.WriteStartArray("inlines"u8);
    }

    private static void EndRich(Utf8JsonWriter json)
    {
        json.WriteEndArray();
        json.WriteEndObject();
    }

    /// <summary>One span as a TextRun; links only when safe, people and channels by name.</summary>
    private static void Run(Utf8JsonWriter json, Span span, Look look)
    {
        switch (span)
        {
            case TextSpan text:
                Run(json, text.Text, look);
                break;
            case BoldSpan bold:
                Run(json, bold.Text, look with { Bold = true });
                break;
            case ItalicSpan italic:
                Run(json, italic.Text, look with { Italic = true });
                break;
            case CodeSpan code:
                Run(json, code.Text, look with { Code = true });
                break;
            case LinkSpan { IsSafe: true } link:
                Run(json, link.Label, look with { Url = link.Url });
                break;
            case LinkSpan link:
                Run(json, link.PlainText, look);
                break;
            case UserSpan or ChannelSpan:
                Run(json, span.PlainText, look with { Bold = true });
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(span), span.GetType().Name, "Teams has no rendering for this span.");
        }
    }

    /// <summary>A run with no style is the plain string the schema allows for it: long cards stay well under Teams' size limit.</summary>
    private static void Run(Utf8JsonWriter json, string text, Look look)
    {
        if (look == Look.Plain)
        {
            json.WriteStringValue(Cut(text));
            return;
        }

        json.WriteStartObject();
        json.WriteString(TextRun.Type, TextRun.Name);
        json.WriteString(TextRun.Text, Cut(text));
        var size = look.Size ?? (look.Subtle ? "Small" : null);
        if (size is not null)
        {
            json.WriteString("size"u8, size);
        }

        if (look.Bold)
        {
            json.WriteString(TextRun.Weight, TextRun.Bolder);
        }

        if (look.Italic)
        {
            json.WriteBoolean("italic"u8, true);
        }

        if (look.Code)
        {
            json.WriteString(TextRun.FontType, TextRun.Monospace);
            json.WriteBoolean(TextRun.Highlight, true);
        }

        if (look.Subtle)
        {
            json.WriteBoolean("isSubtle"u8, true);
        }

        var color = look.Url is null ? look.Color : "Accent";
        if (color is not null)
        {
            json.WriteString("color"u8, color);
        }

        if (look.Url is { } url)
        {
            json.WriteStartObject("selectAction"u8);
            json.WriteString("type"u8, "Action.OpenUrl"u8);
            json.WriteString("url"u8, url);
            json.WriteEndObject();
        }

        json.WriteEndObject();
    }

    private static string Cut(string text) => text.Length <= MaxRunLength ? text : text[..(MaxRunLength - 1)] + "…";

    private static void StartCard(Utf8JsonWriter json)
    {
        json.WriteStartObject();
        json.WriteString("type"u8, "AdaptiveCard"u8);
        json.WriteString("$schema"u8, "http://adaptivecards.io/schemas/adaptive-card.json"u8);
        json.WriteString("version"u8, Version);
        json.WriteStartArray("body"u8);
    }

    private static void EndCard(Utf8JsonWriter json, Action<Utf8JsonWriter>? actions = null)
    {
        json.WriteEndArray();
        json.WriteStartObject("msteams"u8);
        json.WriteString("width"u8, "Full"u8);
        json.WriteEndObject();
        if (actions is not null)
        {
            json.WriteStartArray("actions"u8);
            actions(json);
            json.WriteEndArray();
        }

        json.WriteEndObject();
    }

    /// <summary>What most text runs write, escaped and encoded once: a help card writes them hundreds of times.</summary>
    private static class TextRun
    {
        public static readonly JsonEncodedText Type = JsonEncodedText.Encode("type");
        public static readonly JsonEncodedText Name = JsonEncodedText.Encode("TextRun");
        public static readonly JsonEncodedText Text = JsonEncodedText.Encode("text");
        public static readonly JsonEncodedText Weight = JsonEncodedText.Encode("weight");
        public static readonly JsonEncodedText Bolder = JsonEncodedText.Encode("Bolder");
        public static readonly JsonEncodedText FontType = JsonEncodedText.Encode("fontType");
        public static readonly JsonEncodedText Monospace = JsonEncodedText.Encode("Monospace");
        public static readonly JsonEncodedText Highlight = JsonEncodedText.Encode("highlight");
    }

    /// <summary>How a run looks; the default is plain text.</summary>
    private readonly record struct Look(bool Bold = false, bool Italic = false, bool Code = false, bool Subtle = false, string? Size = null, string? Color = null, string? Url = null)
    {
        public static Look Plain => default;
    }

    /// <summary>
    /// A buffer and JSON writer kept per thread: a card is written into it and copied out once, so
    /// rendering allocates little more than the card itself. The JSON is escaped as the Bot Framework
    /// JSON is (<see cref="TeamsJson"/>), so a card's measured size is its size on the wire.
    /// </summary>
    [SuppressMessage("Design", "CA1001", Justification = "One per thread for the thread's life; the JSON writer holds only managed memory.")]
    private sealed class CardWriter
    {
        [ThreadStatic]
        private static CardWriter? _current;

        private readonly ArrayBufferWriter<byte> _buffer = new(MaxCardBytes);
        private readonly Utf8JsonWriter _json;

        private CardWriter() => _json = new Utf8JsonWriter(_buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });

        public static Utf8JsonWriter Begin()
        {
            var writer = _current ??= new CardWriter();
            writer._buffer.ResetWrittenCount();
            writer._json.Reset(writer._buffer);
            return writer._json;
        }

        public static long Position(Utf8JsonWriter json) => json.BytesCommitted + json.BytesPending;

        public static CardJson End(Utf8JsonWriter json)
        {
            json.Flush();
            return new CardJson(_current!._buffer.WrittenSpan.ToArray());
        }
    }
}
