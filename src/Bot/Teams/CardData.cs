using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.DataProtection;
using ProductOps.Skills.Conversation;

namespace ProductOps.Bot.Teams;

/// <summary>
/// The data ProductOps puts on card actions and reads back from Teams, under one key so it never
/// mixes with input values. Buttons carry their action id and value; forms travel inside the card
/// (Teams keeps no state for a bot), protected so a crafted submission cannot change the form, its
/// id or its opaque state.
/// </summary>
public sealed class CardData(IDataProtectionProvider protection)
{
    /// <summary>The data key ProductOps owns; no form input may use it as its id.</summary>
    public const string Key = "productops";

    private static readonly JsonSerializerOptions FormJson = new(JsonSerializerDefaults.Web)
    {
        TypeInfoResolver = new DefaultJsonTypeInfoResolver { Modifiers = { AddInputTypes } },
    };

    private readonly IDataProtector _forms = protection.CreateProtector("ProductOps.Teams.Form.v1");

    /// <summary>A button press: Action.Execute data and its Action.Submit fallback.</summary>
    public static JsonObject Action(Button button) => new()
    {
        [Key] = new JsonObject { ["action"] = button.ActionId, ["value"] = button.Value },
    };

    /// <summary>A button that opens <paramref name="form"/> as a dialog (task/fetch).</summary>
    public JsonObject OpenForm(Form form) => new()
    {
        ["msteams"] = new JsonObject { ["type"] = "task/fetch" },
        [Key] = new JsonObject { ["open"] = Protect(form) },
    };

    /// <summary>The submit button of a dialog: the form comes back with the input values.</summary>
    public JsonObject SubmitForm(Form form) => new()
    {
        [Key] = new JsonObject { ["form"] = Protect(form) },
    };

    /// <summary>The action id and value of a ProductOps button, or null for data that is not ours.</summary>
    public static (string ActionId, string? Value)? ReadAction(JsonElement? data)
    {
        if (Ours(data) is { } ours && ours.TryGetProperty("action", out var id) && id.ValueKind == JsonValueKind.String)
        {
            return (id.GetString()!, ours.TryGetProperty("value", out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null);
        }

        return null;
    }

    /// <summary>The form an "open" button carries; null when absent, tampered with or from before a key change.</summary>
    public Form? ReadOpenForm(JsonElement? data) => Unprotect(Ours(data), "open");

    /// <summary>The form a dialog submission answers; null when absent, tampered with or from before a key change.</summary>
    public Form? ReadSubmittedForm(JsonElement? data) => Unprotect(Ours(data), "form");

    /// <summary>
    /// The submitted values of the form's inputs. Teams sends every input as a string; multi-selects
    /// as one comma-separated string.
    /// </summary>
    public static FormValues Values(Form form, JsonElement? data)
    {
        var values = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        if (data is not { ValueKind: JsonValueKind.Object } submitted)
        {
            return new FormValues(values);
        }

        foreach (var input in form.Inputs)
        {
            if (!submitted.TryGetProperty(input.Id, out var raw))
            {
                continue;
            }

            var text = raw.ValueKind switch
            {
                JsonValueKind.String => raw.GetString() ?? "",
                JsonValueKind.Number => raw.GetRawText(),
                JsonValueKind.True => "true",
                JsonValueKind.False => "false",
                _ => "",
            };
            values[input.Id] = input is SelectInput { Multiple: true } or UserInput { Multiple: true }
                ? text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                : [text];
        }

        return new FormValues(values);
    }

    private static JsonElement? Ours(JsonElement? data) =>
        data is { ValueKind: JsonValueKind.Object } d && d.TryGetProperty(Key, out var ours) && ours.ValueKind == JsonValueKind.Object ? ours : null;

    private string Protect(Form form) => _forms.Protect(JsonSerializer.Serialize(form, FormJson));

    private Form? Unprotect(JsonElement? ours, string name)
    {
        if (ours is not { } o || !o.TryGetProperty(name, out var text) || text.ValueKind != JsonValueKind.String)
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<Form>(_forms.Unprotect(text.GetString()!), FormJson);
        }
        catch (CryptographicException)
        {
            return null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    // Every input type of the neutral model, found by reflection, so a new one travels without a change here.
    private static void AddInputTypes(JsonTypeInfo info)
    {
        if (info.Type != typeof(Input))
        {
            return;
        }

        info.PolymorphismOptions = new JsonPolymorphismOptions { TypeDiscriminatorPropertyName = "$kind" };
        foreach (var type in typeof(Input).Assembly.GetTypes().Where(t => t.IsSubclassOf(typeof(Input)) && !t.IsAbstract).OrderBy(t => t.Name, StringComparer.Ordinal))
        {
            info.PolymorphismOptions.DerivedTypes.Add(new JsonDerivedType(type, type.Name));
        }
    }
}
