using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using ProductOps.Skills.Conversation;

namespace ProductOps.Bot.DevChat;

/// <summary>
/// Renders neutral replies and forms as HTML fragments for the dev chat page. Every piece of text
/// is encoded, so user-supplied words never become markup; links survive only when safe.
/// </summary>
public static class HtmlRenderer
{
    // Keeps accented names readable in the page source; markup characters are still encoded.
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    public static string Render(Reply reply) => string.Concat(reply.Blocks.Select(Render));

    public static string Render(Block block) => block switch
    {
        HeaderBlock header => $"<h3 class=\"dc-header\">{Text(header.Text)}</h3>",
        SectionBlock section => $"<div class=\"dc-section\"><p>{Render(section.Text)}</p>{Fields(section.Fields)}</div>",
        ContextBlock context => $"<p class=\"dc-context\">{Render(context.Text)}</p>",
        DividerBlock => "<hr class=\"dc-divider\">",
        ButtonsBlock buttons => $"<div class=\"dc-buttons\">{string.Concat(buttons.Buttons.Select(Button))}</div>",
        _ => throw new ArgumentOutOfRangeException(nameof(block), block.GetType().Name, "The dev chat has no rendering for this block."),
    };

    public static string Render(Markup markup) => string.Concat(markup.Spans.Select(Render));

    public static string Render(Span span) => span switch
    {
        TextSpan text => Text(text.Text),
        BoldSpan bold => $"<strong>{Text(bold.Text)}</strong>",
        ItalicSpan italic => $"<em>{Text(italic.Text)}</em>",
        CodeSpan code => $"<code>{Text(code.Text)}</code>",
        LinkSpan { IsSafe: true } link => $"<a href=\"{Attr(link.Url)}\" rel=\"noopener\" target=\"_blank\">{Text(link.Label)}</a>",
        LinkSpan link => Text(link.PlainText),
        UserSpan user => $"<span class=\"dc-mention\">{Text(user.PlainText)}</span>",
        ChannelSpan channel => $"<span class=\"dc-channel\">{Text(channel.PlainText)}</span>",
        _ => throw new ArgumentOutOfRangeException(nameof(span), span.GetType().Name, "The dev chat has no rendering for this span."),
    };

    /// <summary>
    /// The form's fields; the page adds the title and buttons. Required fields are marked but not
    /// enforced by the browser, so the skill's own validation answers with its messages. A user
    /// picker offers <paramref name="people"/>.
    /// </summary>
    public static string RenderFields(Form form, IReadOnlyList<Person> people)
    {
        var html = new StringBuilder("<div class=\"dc-form-problem\" role=\"alert\" hidden></div>");
        for (var i = 0; i < form.Inputs.Count; i++)
        {
            html.Append(Render(form.Inputs[i], $"dc-f{i}", people));
        }

        return html.ToString();
    }

    public static string Render(Input input, string elementId, IReadOnlyList<Person> people)
    {
        var common = $"id=\"{elementId}\" name=\"{Attr(input.Id)}\" data-field=\"{Attr(input.Id)}\" aria-describedby=\"{elementId}-hint {elementId}-error\""
                     + (input.Required ? " aria-required=\"true\"" : "");
        var control = input switch
        {
            TextInput { Multiline: true } t =>
                $"<textarea {common} data-kind=\"text\" rows=\"4\" maxlength=\"{t.MaxLength}\"{Placeholder(t.Placeholder)}>{Encoder.Encode(t.Initial ?? "")}</textarea>",
            TextInput t =>
                $"<input {common} data-kind=\"text\" type=\"text\" maxlength=\"{t.MaxLength}\"{Placeholder(t.Placeholder)} value=\"{Attr(t.Initial ?? "")}\">",
            NumberInput n =>
                $"<input {common} data-kind=\"number\" type=\"number\" step=\"{(n.WholeNumber ? "1" : "any")}\"{Bound("min", n.Min)}{Bound("max", n.Max)} value=\"{Number(n.Initial)}\">",
            DateInput d =>
                $"<input {common} data-kind=\"date\" type=\"date\" value=\"{d.Initial?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}\">",
            SelectInput s =>
                Select(common, s.Multiple, s.Choices, s.Initial),
            UserInput u =>
                Select(common, u.Multiple, people.OrderBy(p => p.Name, StringComparer.OrdinalIgnoreCase)
                    .Select(p => new Choice(p.Id.ToString(CultureInfo.InvariantCulture), $"{p.Name} (@{p.Handle})")).ToArray(), u.Initial),
            CheckboxInput c =>
                $"<input {common} data-kind=\"checkbox\" type=\"checkbox\"{(c.Initial ? " checked" : "")}>",
            _ => throw new ArgumentOutOfRangeException(nameof(input), input.GetType().Name, "The dev chat has no rendering for this input."),
        };
        var label = $"<label for=\"{elementId}\">{Text(input.Label)}{(input.Required ? "<span class=\"dc-required\" aria-hidden=\"true\"> *</span>" : "")}</label>";
        var hint = input.Hint is null ? "" : $"<p class=\"dc-hint\" id=\"{elementId}-hint\">{Text(input.Hint)}</p>";
        var error = $"<p class=\"dc-error\" id=\"{elementId}-error\" data-error-for=\"{Attr(input.Id)}\" hidden></p>";
        return input is CheckboxInput
            ? $"<div class=\"dc-field dc-check\">{control}{label}{hint}{error}</div>"
            : $"<div class=\"dc-field\">{label}{control}{hint}{error}</div>";
    }

    private static string Select(string common, bool multiple, IReadOnlyList<Choice> choices, IReadOnlyList<string> initial)
    {
        var options = new StringBuilder();
        if (!multiple)
        {
            // An explicit empty choice, so "nothing chosen" is possible and a required field can be missed.
            options.Append($"<option value=\"\"{(initial.Count == 0 ? " selected" : "")}>Choose…</option>");
        }

        foreach (var choice in choices)
        {
            var selected = initial.Contains(choice.Value) ? " selected" : "";
            options.Append($"<option value=\"{Attr(choice.Value)}\"{selected}>{Text(choice.Label)}</option>");
        }

        return multiple
            ? $"<select {common} data-kind=\"multi\" multiple size=\"{Math.Clamp(choices.Count, 3, 6)}\">{options}</select>"
            : $"<select {common} data-kind=\"select\">{options}</select>";
    }

    private static string Fields(IReadOnlyList<Field> fields) =>
        fields.Count == 0
            ? ""
            : $"<dl class=\"dc-fields\">{string.Concat(fields.Select(f => $"<div><dt>{Text(f.Label)}</dt><dd>{Render(f.Value)}</dd></div>"))}</dl>";

    private static string Button(Button button)
    {
        var style = button.Style switch
        {
            ButtonStyle.Primary => " dc-btn-primary",
            ButtonStyle.Danger => " dc-btn-danger",
            _ => "",
        };
        var value = button.Value is null ? "" : $" data-value=\"{Attr(button.Value)}\"";
        return $"<button type=\"button\" class=\"dc-btn{style}\" data-action-id=\"{Attr(button.ActionId)}\"{value}>{Text(button.Label)}</button>";
    }

    private static string Placeholder(string? placeholder) => placeholder is null ? "" : $" placeholder=\"{Attr(placeholder)}\"";

    private static string Bound(string name, decimal? value) => value is null ? "" : $" {name}=\"{Number(value)}\"";

    private static string Number(decimal? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "";

    /// <summary>Encoded text with line breaks kept.</summary>
    private static string Text(string text) =>
        string.Join("<br>", text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n').Select(Encoder.Encode));

    private static string Attr(string value) => Encoder.Encode(value);
}
