using System.Globalization;

namespace ProductOps.Skills.Conversation;

/// <summary>
/// Checks a submission against the form it answers: required fields, numbers, dates, lengths and
/// choices. Handlers call it first and add their own rules; a non-empty result keeps the form open.
/// </summary>
public static class FormValidation
{
    public static Dictionary<string, string> Check(Form form, FormValues values)
    {
        var errors = new Dictionary<string, string>();
        foreach (var input in form.Inputs)
        {
            if (Problem(input, values) is { } message)
            {
                errors[input.Id] = message;
            }
        }

        return errors;
    }

    private static string? Problem(Input input, FormValues values)
    {
        var items = values.List(input.Id);
        if (items.Count == 0)
        {
            return input.Required && input is not CheckboxInput ? $"{input.Label} is required." : null;
        }

        var first = items[0].Trim();
        return input switch
        {
            TextInput t when first.Length > t.MaxLength =>
                $"{t.Label} is {first.Length} characters long; the limit is {t.MaxLength}.",
            NumberInput n => NumberProblem(n, first),
            DateInput d when values.Date(d.Id) is null => $"{d.Label} must be a date like 2026-03-31.",
            SelectInput { Multiple: false } s when items.Count > 1 => $"Choose one {s.Label}.",
            SelectInput s when items.FirstOrDefault(i => s.Choices.All(c => c.Value != i)) is { } bad =>
                $"\"{bad}\" is not one of the choices for {s.Label}.",
            UserInput { Multiple: false } u when items.Count > 1 => $"Choose one person for {u.Label}.",
            _ => null,
        };
    }

    private static string? NumberProblem(NumberInput input, string text)
    {
        if (!decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var n))
        {
            return $"{input.Label} must be a number, like 42 or 12.5.";
        }

        if (input.WholeNumber && n != decimal.Truncate(n))
        {
            return $"{input.Label} must be a whole number.";
        }

        if (n < input.Min || n > input.Max)
        {
            return $"{input.Label} must be between {input.Min} and {input.Max}.";
        }

        return null;
    }
}
