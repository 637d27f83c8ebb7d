using System.Buffers;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using ProductOps.Skills.Conversation;

namespace ProductOps.Bot.Teams;

/// <summary>
/// Renders neutral replies and forms as Adaptive Cards (schema 1.5) for Teams. Words go into
/// TextRuns and plain-text properties, which Teams never reads as markdown, so user text cannot
/// turn into formatting, links or mentions. Cards are kept under <see cref="MaxCardBytes"/>
/// (Teams refuses messages near 100 KB, and cards much earlier); what does not fit is cut with
/// a visible note.
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

    public static Attachment Attachment(JsonObject card) => new(ContentType, card);

    public static JsonObject Render(Reply reply)
    {
        var body = new List<JsonNode>(reply.Blocks.Select(Render));
        return Fit(body, reply.Fallback);
    }

    public static JsonNode Render(Block block) => block switch
    {
        HeaderBlock header => Rich([With(With(Run(header.Text), "size", "Large"), "weight", "Bolder")]),
        SectionBlock section => section.Fields.Count == 0
            ? Rich(Runs(section.Text))
            : new JsonObject
            {
                ["type"] = "Container",
                ["items"] = new JsonArray([.. section.Text.IsEmpty ? [] : new[] { Rich(Runs(section.Text)) }, .. section.Fields.Select(FieldRow)]),
            },
        ContextBlock context => Rich(Runs(context.Text).Select(r => Subtle(r)).ToList()),
        DividerBlock => new JsonObject { ["type"] = "ColumnSet", ["separator"] = true, ["spacing"] = "Medium", ["columns"] = new JsonArray() },
        ButtonsBlock buttons => new JsonObject { ["type"] = "ActionSet", ["actions"] = new JsonArray([.. buttons.Buttons.Select(Button)]) },
        _ => throw new ArgumentOutOfRangeException(nameof(block), block.GetType().Name, "Teams has no rendering for this block."),
    };

    /// <summary>One span as a TextRun; links only when safe, people and channels by name.</summary>
    public static JsonObject Render(Span span) => span switch
    {
        TextSpan text => Run(text.Text),
        BoldSpan bold => With(Run(bold.Text), "weight", "Bolder"),
        ItalicSpan italic => With(Run(italic.Text), "italic", true),
        CodeSpan code => With(With(Run(code.Text), "fontType", "Monospace"), "highlight", true),
        LinkSpan { IsSafe: true } link => With(With(Run(link.Label), "color", "Accent"), "selectAction",
            new JsonObject { ["type"] = "Action.OpenUrl", ["url"] = link.Url }),
        LinkSpan link => Run(link.PlainText),
        UserSpan user => With(Run(user.PlainText), "weight", "Bolder"),
        ChannelSpan channel => With(Run(channel.PlainText), "weight", "Bolder"),
        _ => throw new ArgumentOutOfRangeException(nameof(span), span.GetType().Name, "Teams has no rendering for this span."),
    };

    /// <summary>A card that stands for a form in a chat: its title and a button that opens it as a dialog.</summary>
    public static JsonObject RenderFormLauncher(Form form, JsonObject openData) => Card(
        [Rich([With(Run(form.Title), "weight", "Bolder")])],
        [new JsonObject { ["type"] = "Action.Submit", ["title"] = "Open form", ["style"] = "positive", ["data"] = openData }]);

    /// <summary>
    /// The form as a dialog card: one input per field with its label, hint and required mark (which
    /// Teams checks before submitting), the values given so far, and the skill's errors under their fields.
    /// </summary>
    public static JsonObject RenderDialog(
        Form form, JsonObject submitData, FormValues values, IReadOnlyDictionary<string, string> errors, IReadOnlyList<Person> people)
    {
        var body = new List<JsonNode>();
        var stray = errors.Where(e => form.Inputs.All(i => i.Id != e.Key)).Select(e => e.Value).ToArray();
        if (stray.Length > 0)
        {
            body.Add(Error(string.Join("\n", stray)));
        }

        foreach (var input in form.Inputs)
        {
            body.AddRange(Render(input, values, errors.GetValueOrDefault(input.Id), people));
        }

        return Card(body, [new JsonObject { ["type"] = "Action.Submit", ["title"] = form.SubmitLabel, ["style"] = "positive", ["data"] = submitData }]);
    }

    /// <summary>The input, then its hint and its error, each as its own element.</summary>
    public static IEnumerable<JsonNode> Render(Input input, FormValues values, string? error, IReadOnlyList<Person> people)
    {
        if (input.Id == CardData.Key)
        {
            throw new ArgumentException($"The input id \"{CardData.Key}\" is reserved for ProductOps' own card data.", nameof(input));
        }

        var given = values.All.TryGetValue(input.Id, out var list) ? list : null;
        var first = given is [var one, ..] ? one : null;
        var element = input switch
        {
            TextInput t => Input("Input.Text", t)
                .Set("isMultiline", t.Multiline)
                .Set("maxLength", t.MaxLength)
                .Set("placeholder", t.Placeholder)
                .Set("value", first ?? t.Initial),
            NumberInput n => Input("Input.Number", n)
                .Set("min", n.Min)
                .Set("max", n.Max)
                .Set("value", Number(first) ?? n.Initial),
            DateInput d => Input("Input.Date", d)
                .Set("value", Date(first) ?? d.Initial?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
            SelectInput s => Choices(Input("Input.ChoiceSet", s), s.Choices, s.Multiple, given ?? s.Initial),
            UserInput u => PeoplePicker(Input("Input.ChoiceSet", u), people, u.Multiple, given ?? u.Initial),
            CheckboxInput c => Input("Input.Toggle", c)
                .Set("title", c.Label)
                .Set("valueOn", "true")
                .Set("valueOff", "false")
                .Set("value", (given is [var v, ..] ? v is "true" or "on" or "1" : c.Initial) ? "true" : "false"),
            _ => throw new ArgumentOutOfRangeException(nameof(input), input.GetType().Name, "Teams has no rendering for this input."),
        };
        yield return element;
        if (input.Hint is { } hint)
        {
            yield return Rich([Subtle(Run(hint))]);
        }

        if (error is not null)
        {
            yield return Error(error);
        }
    }

    private static JsonObject Input(string type, Input input)
    {
        var element = new JsonObject { ["type"] = type, ["id"] = input.Id, ["label"] = input.Label };
        if (input.Required)
        {
            element["isRequired"] = true;
            element["errorMessage"] = $"{input.Label} is required.";
        }

        return element;
    }

    private static JsonObject Choices(JsonObject element, IReadOnlyList<Choice> choices, bool multiple, IReadOnlyList<string> selected)
    {
        element["choices"] = new JsonArray([.. choices.Select(c => new JsonObject { ["title"] = Cut(c.Label), ["value"] = c.Value })]);
        element["isMultiSelect"] = multiple;

        // A long list gets type-to-filter; a short one shows every choice at once.
        element["style"] = choices.Count > 12 ? "filtered" : choices.Count <= 4 || multiple ? "expanded" : "compact";
        if (selected.Count > 0)
        {
            element["value"] = string.Join(",", selected);
        }

        return element;
    }

    /// <summary>How a person reads in a picker and in its typeahead results.</summary>
    public static string PersonLabel(Person person) => $"{person.Name} (@{person.Handle})";

    /// <summary>
    /// Everyone as choices while they fit in a card; past that, only the people already chosen, and
    /// the rest found as the user types (<see cref="TeamsPeopleSearch"/>).
    /// </summary>
    private static JsonObject PeoplePicker(JsonObject element, IReadOnlyList<Person> people, bool multiple, IReadOnlyList<string> selected)
    {
        if (people.Count <= StaticPeopleLimit)
        {
            return Choices(element, People(people), multiple, selected);
        }

        var chosen = people.Where(p => selected.Contains(p.Id.ToString(CultureInfo.InvariantCulture))).ToList();
        Choices(element, People(chosen), multiple, selected);
        element["style"] = "filtered";
        element["choices.data"] = new JsonObject { ["type"] = "Data.Query", ["dataset"] = TeamsPeopleSearch.Dataset };
        element["placeholder"] = "Type a name";
        return element;
    }

    private static Choice[] People(IEnumerable<Person> people) =>
        people.OrderBy(p => p.Name, StringComparer.OrdinalIgnoreCase)
            .Select(p => new Choice(p.Id.ToString(CultureInfo.InvariantCulture), PersonLabel(p)))
            .ToArray();

    private static JsonObject Set(this JsonObject element, string name, object? value)
    {
        switch (value)
        {
            case null:
                break;
            case bool b:
                element[name] = b;
                break;
            case int i:
                element[name] = i;
                break;
            case decimal d:
                element[name] = d;
                break;
            default:
                element[name] = Convert.ToString(value, CultureInfo.InvariantCulture);
                break;
        }

        return element;
    }

    private static decimal? Number(string? text) =>
        decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var n) ? n : null;

    private static string? Date(string? text) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _) ? text : null;

    private static JsonObject Button(Button button)
    {
        var style = button.Style switch
        {
            ButtonStyle.Primary => "positive",
            ButtonStyle.Danger => "destructive",
            _ => "default",
        };

        // Action.Execute answers in place (adaptiveCard/action); clients without Universal Actions fall back to a message with the same data.
        return new JsonObject
        {
            ["type"] = "Action.Execute",
            ["title"] = Cut(button.Label),
            ["verb"] = button.ActionId,
            ["style"] = style,
            ["data"] = CardData.Action(button),
            ["fallback"] = new JsonObject { ["type"] = "Action.Submit", ["title"] = Cut(button.Label), ["style"] = style, ["data"] = CardData.Action(button) },
        };
    }

    private static JsonObject FieldRow(Field field) => new()
    {
        ["type"] = "ColumnSet",
        ["columns"] = new JsonArray(
            new JsonObject { ["type"] = "Column", ["width"] = "auto", ["items"] = new JsonArray(Rich([With(Run(field.Label), "weight", "Bolder")])) },
            new JsonObject { ["type"] = "Column", ["width"] = "stretch", ["items"] = new JsonArray(Rich(Runs(field.Value))) }),
    };

    private static List<JsonObject> Runs(Markup markup) => markup.Spans.Select(Render).ToList();

    private static JsonObject Rich(IReadOnlyList<JsonObject> runs) =>
        new() { ["type"] = "RichTextBlock", ["inlines"] = new JsonArray([.. runs.Select(Inline)]) };

    /// <summary>A run with no style as the plain string the schema allows for it: long cards stay well under Teams' size limit.</summary>
    private static JsonNode Inline(JsonObject run) =>
        run.Count == 2 && run["text"] is JsonValue text ? JsonValue.Create(text.GetValue<string>()) : run;

    private static JsonObject Error(string text) => Rich([With(With(Run(text), "color", "Attention"), "size", "Small")]);

    private static JsonObject Run(string text) => new() { ["type"] = "TextRun", ["text"] = Cut(text) };

    private static JsonObject Subtle(JsonObject run)
    {
        run["isSubtle"] = true;
        run["size"] = "Small";
        return run;
    }

    private static JsonObject With(JsonObject node, string name, JsonNode? value)
    {
        node[name] = value;
        return node;
    }

    private static string Cut(string text) => text.Length <= MaxRunLength ? text : text[..(MaxRunLength - 1)] + "…";

    private static JsonObject Card(IEnumerable<JsonNode> body, IEnumerable<JsonNode>? actions = null)
    {
        var card = new JsonObject
        {
            ["type"] = "AdaptiveCard",
            ["$schema"] = "http://adaptivecards.io/schemas/adaptive-card.json",
            ["version"] = Version,
            ["body"] = new JsonArray([.. body]),
            ["msteams"] = new JsonObject { ["width"] = "Full" },
        };
        if (actions is not null)
        {
            card["actions"] = new JsonArray([.. actions]);
        }

        return card;
    }

    /// <summary>The card of <paramref name="body"/>, dropping trailing elements (and saying so) until it fits.</summary>
    private static JsonObject Fit(List<JsonNode> body, string fallback)
    {
        var card = Card(body);
        if (Fits(card))
        {
            return card;
        }

        var notice = Rich([Subtle(Run(Shortened))]);
        var items = ((JsonArray)card["body"]!).Select(n => n!.DeepClone()).ToList();
        while (items.Count > 1)
        {
            items.RemoveAt(items.Count - 1);
            var shorter = Card([.. items.Select(i => i.DeepClone()), notice.DeepClone()]);
            if (Fits(shorter))
            {
                return shorter;
            }
        }

        // One element alone is too big (a section with very many fields): show the plain text, cut.
        var text = fallback.Length > MaxRunLength ? fallback[..MaxRunLength] : fallback;
        return Card([Rich([Run(text)]), notice]);
    }

    /// <summary>
    /// Whether the card serialises within <see cref="MaxCardBytes"/>. Most cards are well below it, and
    /// a bound shows so without serialising them, as the reply does again when it is sent.
    /// </summary>
    private static bool Fits(JsonNode card) => Bound(card) <= MaxCardBytes || Size(card) <= MaxCardBytes;

    /// <summary>
    /// At least the card's serialised size: a letter, digit or space is one byte, and any other
    /// character at most six (an escape such as <c>\u003C</c>; half of a surrogate pair is one too).
    /// </summary>
    private static long Bound(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject o:
                long inObject = 2;
                foreach (var (key, value) in o)
                {
                    inObject += Bound(key) + 3 + Bound(value);
                }

                return inObject;
            case JsonArray a:
                long inArray = 2;
                foreach (var item in a)
                {
                    inArray += Bound(item) + 1;
                }

                return inArray;
            case JsonValue v when v.GetValueKind() == JsonValueKind.String:
                return Bound(v.GetValue<string>());
            case null:
                return 4;
            default:
                return 32; // a number, true, false
        }
    }

    private static long Bound(string text)
    {
        long bytes = 2;
        foreach (var c in text)
        {
            bytes += char.IsAsciiLetterOrDigit(c) || c == ' ' ? 1 : 6;
        }

        return bytes;
    }

    private static int Size(JsonNode card)
    {
        var buffer = new ArrayBufferWriter<byte>(MaxCardBytes);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            card.WriteTo(writer);
        }

        return buffer.WrittenCount;
    }
}
