using System.Globalization;
using System.Text.Json.Nodes;
using ProductOps.Skills.Conversation;

namespace ProductOps.Bot.Slack.Rendering;

/// <summary>One Slack message: its notification text and its blocks (none for a text-only message).</summary>
public sealed record SlackMessageBody(string Text, JsonArray Blocks)
{
    public JsonObject ToJson()
    {
        var json = new JsonObject { ["text"] = Text };
        if (Blocks.Count > 0)
        {
            json["blocks"] = Blocks.DeepClone();
        }

        return json;
    }
}

/// <summary>
/// Renders neutral replies and forms as Block Kit. One exhaustive switch per neutral type; limits
/// come from <see cref="SlackLimits"/>: long text is split over several blocks, too many blocks over
/// several messages, and anything else too long is cut with a visible marker. Every piece of text
/// from a span is escaped, so user words never become mentions or links.
/// </summary>
public static class BlockKitRenderer
{
    /// <summary>The reply as one or more messages, in order.</summary>
    public static IReadOnlyList<SlackMessageBody> Render(Reply reply)
    {
        var actionIds = new Dictionary<string, int>(StringComparer.Ordinal);
        var blocks = reply.Blocks.SelectMany(b => Render(b, actionIds)).ToList();
        var fallback = SlackLimits.Cut(SlackText.Escape(reply.Fallback), SlackLimits.FallbackText);
        if (blocks.Count == 0)
        {
            return fallback.Length == 0 ? [] : [new SlackMessageBody(fallback, [])];
        }

        var messages = new List<SlackMessageBody>();
        var current = new JsonArray();
        var chars = 0;
        foreach (var (block, size) in blocks)
        {
            if (current.Count > 0 && (current.Count == SlackLimits.BlocksPerMessage || chars + size > SlackLimits.TextPerMessage))
            {
                messages.Add(new SlackMessageBody(messages.Count == 0 ? fallback : Continued(fallback), current));
                current = [];
                chars = 0;
            }

            current.Add(block);
            chars += size;
        }

        messages.Add(new SlackMessageBody(messages.Count == 0 ? fallback : Continued(fallback), current));
        return messages;
    }

    /// <summary>A block as Slack blocks, each with the characters of text it holds.</summary>
    public static IEnumerable<(JsonObject Block, int Size)> Render(Block block, Dictionary<string, int> actionIds) => block switch
    {
        HeaderBlock header => Header(header),
        SectionBlock section => Section(section),
        ContextBlock context => Context(context),
        DividerBlock => [(new JsonObject { ["type"] = "divider" }, 0)],
        ButtonsBlock buttons => Buttons(buttons, actionIds),
        _ => throw new ArgumentOutOfRangeException(nameof(block), block.GetType().Name, "Slack has no rendering for this block."),
    };

    public static string Mrkdwn(Markup markup) => string.Concat(markup.Spans.Select(Mrkdwn));

    public static string Mrkdwn(Span span) => span switch
    {
        TextSpan text => SlackText.Escape(text.Text),
        BoldSpan bold => Wrap('*', bold.Text),
        ItalicSpan italic => Wrap('_', italic.Text),
        CodeSpan code => Wrap('`', code.Text.Replace('`', '\'')),
        LinkSpan { IsSafe: true } link => $"<{SlackText.Escape(link.Url).Replace("|", "%7C", StringComparison.Ordinal)}|{SlackText.Escape(link.Label).Replace('|', '¦')}>",
        LinkSpan link => SlackText.Escape(link.PlainText),
        UserSpan user => user.Identities.FirstOrDefault(i => i.Platform == Platforms.Slack) is { } slack && IsSlackId(slack.UserId)
            ? $"<@{slack.UserId}>"
            : SlackText.Escape(user.PlainText),
        ChannelSpan channel => channel.Id is { } id && IsSlackId(id) ? $"<#{id}>" : SlackText.Escape(channel.PlainText),
        _ => throw new ArgumentOutOfRangeException(nameof(span), span.GetType().Name, "Slack has no rendering for this span."),
    };

    /// <summary>
    /// The modal for a form, or null when its state does not fit Slack's private_metadata.
    /// <paramref name="slackUsers"/> maps person ids (the neutral user-picker values) to Slack user ids.
    /// </summary>
    public static JsonObject? Modal(Form form, ModalMetadata metadata, IReadOnlyDictionary<string, string> slackUsers)
    {
        var privateMetadata = metadata.Serialize();
        if (privateMetadata.Length > SlackLimits.PrivateMetadata)
        {
            return null;
        }

        var blocks = new JsonArray();
        var inputs = form.Inputs.Count > SlackLimits.BlocksPerModal ? form.Inputs.Take(SlackLimits.BlocksPerModal - 1).ToList() : form.Inputs;
        foreach (var input in inputs)
        {
            blocks.Add(Input(input, slackUsers));
        }

        if (inputs.Count < form.Inputs.Count)
        {
            blocks.Add(ContextOf($"{SlackLimits.Marker} {form.Inputs.Count - inputs.Count} more fields do not fit in a Slack form."));
        }

        var title = string.IsNullOrWhiteSpace(form.Title) ? "ProductOps" : form.Title;
        if (blocks.Count == 0)
        {
            // Slack refuses a modal without blocks; a form with nothing to fill in still says what it is.
            blocks.Add(new JsonObject { ["type"] = "section", ["text"] = Plain(title, SlackLimits.SectionText) });
        }

        return new JsonObject
        {
            ["type"] = "modal",
            ["callback_id"] = ModalMetadata.CallbackId,
            ["title"] = Plain(title, SlackLimits.ModalTitle),
            ["submit"] = Plain(string.IsNullOrWhiteSpace(form.SubmitLabel) ? "Submit" : form.SubmitLabel, SlackLimits.ModalButton),
            ["close"] = Plain("Cancel", SlackLimits.ModalButton),
            ["private_metadata"] = privateMetadata,
            ["blocks"] = blocks,
        };
    }

    /// <summary>The answer to a view submission that keeps the modal open with a message under each bad field.</summary>
    public static JsonObject Errors(IReadOnlyDictionary<string, string> fieldErrors)
    {
        var errors = new JsonObject();
        foreach (var (field, message) in fieldErrors)
        {
            errors[BlockId(field)] = SlackLimits.Cut(message, SlackLimits.ErrorText);
        }

        return new JsonObject { ["response_action"] = "errors", ["errors"] = errors };
    }

    public static JsonObject Input(Input input, IReadOnlyDictionary<string, string> slackUsers)
    {
        var id = BlockId(input.Id);
        JsonObject element = input switch
        {
            TextInput t => TextElement(t),
            NumberInput n => NumberElement(n),
            DateInput d => Element("datepicker", id, ("initial_date", d.Initial?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))),
            SelectInput s => SelectElement(s),
            UserInput u => UserElement(u, slackUsers),
            CheckboxInput c => CheckboxElement(c),
            _ => throw new ArgumentOutOfRangeException(nameof(input), input.GetType().Name, "Slack has no rendering for this input."),
        };
        element["action_id"] = id;
        var block = new JsonObject
        {
            ["type"] = "input",
            ["block_id"] = id,
            ["label"] = Plain(input.Label, SlackLimits.InputLabel),
            // A check box is "on or off": an unticked box is an answer, so Slack must not demand a tick.
            ["optional"] = !input.Required || input is CheckboxInput,
            ["element"] = element,
        };
        var hint = input.Hint;
        if (input is SelectInput { Choices.Count: > SlackLimits.Options } many)
        {
            hint = $"{hint} (showing the first {SlackLimits.Options} of {many.Choices.Count} choices{SlackLimits.Marker})".Trim();
        }

        if (!string.IsNullOrWhiteSpace(hint))
        {
            block["hint"] = Plain(hint, SlackLimits.InputHint);
        }

        return block;
    }

    private static IEnumerable<(JsonObject, int)> Header(HeaderBlock header)
    {
        if (string.IsNullOrWhiteSpace(header.Text))
        {
            yield break;
        }

        var text = SlackLimits.Cut(header.Text, SlackLimits.HeaderText);
        yield return (new JsonObject { ["type"] = "header", ["text"] = Plain(text, SlackLimits.HeaderText) }, text.Length);
    }

    private static IEnumerable<(JsonObject, int)> Section(SectionBlock section)
    {
        var chunks = Split(Mrkdwn(section.Text), SlackLimits.SectionText);
        var fields = section.Fields
            .Select(f => CutMrkdwn($"*{SlackText.Escape(f.Label)}*\n{Mrkdwn(f.Value)}", SlackLimits.FieldText))
            .Chunk(SlackLimits.SectionFields)
            .ToList();
        var count = Math.Max(chunks.Count, fields.Count);
        for (var i = 0; i < count; i++)
        {
            // Long text runs over several sections; the fields sit with its last part, the rest follow in sections of their own.
            var text = i < chunks.Count ? chunks[i] : null;
            var group = i - (chunks.Count - 1) is var f && f >= 0 && f < fields.Count ? fields[f] : null;
            var block = new JsonObject { ["type"] = "section" };
            if (text is not null)
            {
                block["text"] = new JsonObject { ["type"] = "mrkdwn", ["text"] = text };
            }

            if (group is not null)
            {
                block["fields"] = new JsonArray(group.Select(g => (JsonNode)new JsonObject { ["type"] = "mrkdwn", ["text"] = g }).ToArray());
            }

            if (text is null && group is null)
            {
                continue;
            }

            yield return (block, (text?.Length ?? 0) + (group?.Sum(g => g.Length) ?? 0));
        }
    }

    private static IEnumerable<(JsonObject, int)> Context(ContextBlock context)
    {
        var text = CutMrkdwn(Mrkdwn(context.Text), SlackLimits.ContextText);
        if (text.Trim().Length == 0)
        {
            yield break;
        }

        yield return (ContextOf(text), text.Length);
    }

    private static IEnumerable<(JsonObject, int)> Buttons(ButtonsBlock buttons, Dictionary<string, int> actionIds)
    {
        foreach (var group in buttons.Buttons.Chunk(SlackLimits.ButtonsPerActions))
        {
            var elements = new JsonArray();
            var size = 0;
            foreach (var button in group)
            {
                var label = SlackLimits.Cut(button.Label, SlackLimits.ButtonText);
                var element = new JsonObject
                {
                    ["type"] = "button",
                    ["text"] = Plain(label, SlackLimits.ButtonText),
                    ["action_id"] = UniqueActionId(button.ActionId, actionIds),
                };
                if (button.Value is not null)
                {
                    element["value"] = SlackLimits.Cut(button.Value, SlackLimits.ButtonValue);
                }

                if (button.Style != ButtonStyle.Default)
                {
                    element["style"] = button.Style == ButtonStyle.Primary ? "primary" : "danger";
                }

                elements.Add(element);
                size += label.Length;
            }

            yield return (new JsonObject { ["type"] = "actions", ["elements"] = elements }, size);
        }
    }

    /// <summary>Slack refuses a message whose action ids repeat; repeats get <c>#2</c>, <c>#3</c>, which the translator strips.</summary>
    private static string UniqueActionId(string actionId, Dictionary<string, int> seen)
    {
        var suffixRoom = 6;
        var id = actionId.Length > SlackLimits.ActionId - suffixRoom ? actionId[..(SlackLimits.ActionId - suffixRoom)] : actionId;
        var n = seen.TryGetValue(id, out var count) ? count + 1 : 1;
        seen[id] = n;
        return n == 1 ? id : $"{id}#{n}";
    }

    private static JsonObject TextElement(TextInput t)
    {
        var max = Math.Clamp(t.MaxLength, 1, SlackLimits.TextInputLength);
        var element = Element("plain_text_input", t.Id, ("initial_value", t.Initial is null ? null : SlackLimits.Cut(t.Initial, max)));
        element["multiline"] = t.Multiline;
        element["max_length"] = max;
        if (t.Placeholder is not null)
        {
            element["placeholder"] = Plain(t.Placeholder, SlackLimits.Placeholder);
        }

        return element;
    }

    private static JsonObject NumberElement(NumberInput n)
    {
        var element = Element("number_input", n.Id,
            ("initial_value", Number(n.Initial)), ("min_value", Number(n.Min)), ("max_value", Number(n.Max)));
        element["is_decimal_allowed"] = !n.WholeNumber;
        return element;
    }

    private static JsonObject SelectElement(SelectInput s)
    {
        var choices = s.Choices.Take(SlackLimits.Options).ToList();
        var options = choices.Select(c => (JsonNode)Option(c.Label, c.Value)).ToArray();
        var element = Element(s.Multiple ? "multi_static_select" : "static_select", s.Id);
        element["options"] = new JsonArray(options);
        var initial = choices.Where(c => s.Initial.Contains(c.Value)).Select(c => (JsonNode)Option(c.Label, c.Value)).ToArray();
        if (s.Multiple && initial.Length > 0)
        {
            element["initial_options"] = new JsonArray(initial);
        }
        else if (!s.Multiple && initial.Length > 0)
        {
            element["initial_option"] = initial[0];
        }

        return element;
    }

    private static JsonObject UserElement(UserInput u, IReadOnlyDictionary<string, string> slackUsers)
    {
        var initial = u.Initial.Select(p => slackUsers.GetValueOrDefault(p)).OfType<string>().ToArray();
        var element = Element(u.Multiple ? "multi_users_select" : "users_select", u.Id);
        if (u.Multiple && initial.Length > 0)
        {
            element["initial_users"] = new JsonArray(initial.Select(i => (JsonNode)i).ToArray());
        }
        else if (!u.Multiple && initial.Length > 0)
        {
            element["initial_user"] = initial[0];
        }

        return element;
    }

    private static JsonObject CheckboxElement(CheckboxInput c)
    {
        var option = Option(c.Label, "true");
        var element = Element("checkboxes", c.Id);
        element["options"] = new JsonArray(option);
        if (c.Initial)
        {
            element["initial_options"] = new JsonArray(option.DeepClone());
        }

        return element;
    }

    private static JsonObject Element(string type, string id, params (string Name, string? Value)[] properties)
    {
        var element = new JsonObject { ["type"] = type, ["action_id"] = BlockId(id) };
        foreach (var (name, value) in properties)
        {
            if (value is not null)
            {
                element[name] = value;
            }
        }

        return element;
    }

    private static JsonObject Option(string label, string value) =>
        new() { ["text"] = Plain(label, SlackLimits.OptionText), ["value"] = SlackLimits.Cut(value, SlackLimits.OptionValue) };

    private static JsonObject Plain(string text, int limit) =>
        new() { ["type"] = "plain_text", ["text"] = SlackLimits.Cut(text.Length == 0 ? " " : text, limit), ["emoji"] = true };

    private static JsonObject ContextOf(string mrkdwn) =>
        new() { ["type"] = "context", ["elements"] = new JsonArray(new JsonObject { ["type"] = "mrkdwn", ["text"] = mrkdwn }) };

    private static string BlockId(string id) => id.Length > SlackLimits.BlockId ? id[..SlackLimits.BlockId] : id;

    private static string? Number(decimal? value) => value?.ToString(CultureInfo.InvariantCulture);

    private static string Continued(string fallback) => SlackLimits.Cut("(continued) " + fallback, SlackLimits.FallbackText);

    /// <summary>
    /// Bold, italic and code need their markers against the words: Slack ignores <c>* word*</c>, so
    /// surrounding spaces go outside. Empty text renders as nothing.
    /// </summary>
    private static string Wrap(char marker, string text)
    {
        var trimmed = text.Trim();
        if (trimmed.Length == 0)
        {
            return SlackText.Escape(text);
        }

        var lead = text[..text.IndexOf(trimmed, StringComparison.Ordinal)];
        var trail = text[(lead.Length + trimmed.Length)..];
        return $"{lead}{marker}{SlackText.Escape(trimmed)}{marker}{trail}";
    }

    /// <summary>Slack ids are upper-case letters and digits (U123, W123, C123, G123); anything else is a name.</summary>
    private static bool IsSlackId(string id) => id.Length is > 1 and <= 32 && id.All(c => char.IsAsciiLetterUpper(c) || char.IsAsciiDigit(c));

    /// <summary>Splits mrkdwn into parts of at most <paramref name="limit"/>, at line breaks where it can, never inside a &lt;…&gt; token.</summary>
    private static List<string> Split(string text, int limit)
    {
        var parts = new List<string>();
        var rest = text;
        while (rest.Length > limit)
        {
            var cut = rest.LastIndexOf('\n', limit - 1);
            if (cut < limit / 2)
            {
                cut = rest.LastIndexOf(' ', limit - 1);
            }

            if (cut < limit / 2)
            {
                cut = limit;
            }

            cut = SafeCut(rest, cut);
            parts.Add(rest[..cut].TrimEnd());
            rest = rest[cut..].TrimStart('\n');
        }

        if (rest.Trim().Length > 0)
        {
            parts.Add(rest);
        }

        return parts;
    }

    private static string CutMrkdwn(string text, int limit)
    {
        if (text.Length <= limit)
        {
            return text;
        }

        var cut = SafeCut(text, limit - SlackLimits.Marker.Length);
        return text[..cut] + SlackLimits.Marker;
    }

    /// <summary>Moves a cut back before an unclosed &lt;…&gt; token or an entity like &amp;amp;, and off a surrogate pair.</summary>
    private static int SafeCut(string text, int cut)
    {
        var open = text.LastIndexOf('<', cut - 1);
        if (open >= 0 && text.LastIndexOf('>', cut - 1) < open && open > 0)
        {
            cut = open;
        }

        var amp = text.LastIndexOf('&', cut - 1);
        if (amp >= 0 && cut - amp < 5 && text.IndexOf(';', amp) >= cut && amp > 0)
        {
            cut = amp;
        }

        if (cut > 0 && char.IsHighSurrogate(text[cut - 1]))
        {
            cut--;
        }

        return Math.Max(cut, 1);
    }
}
