using System.Globalization;

namespace ProductOps.Skills.Accounts;

/// <summary>Amounts as people type them: <c>120000</c>, <c>120k</c>, <c>$1.2M</c>, <c>120,000</c>.</summary>
public static class Money
{
    /// <summary>The largest amount taken anywhere: a trillion, beyond any account's revenue, so a slip of the keyboard is caught.</summary>
    public const decimal Max = 1_000_000_000_000m;

    /// <summary>An amount typed; beyond what a decimal holds reads as <see cref="decimal.MaxValue"/>, so it fails the caller's <see cref="Max"/> check.</summary>
    public static bool TryParse(string? text, out decimal amount)
    {
        amount = 0;
        var s = (text ?? "").Trim().Replace(",", "", StringComparison.Ordinal).Replace("_", "", StringComparison.Ordinal).TrimStart('$', '€', '£');
        if (s.Length == 0)
        {
            return false;
        }

        var multiplier = char.ToLowerInvariant(s[^1]) switch
        {
            'k' => 1_000m,
            'm' => 1_000_000m,
            'b' => 1_000_000_000m,
            _ => 1m,
        };
        if (multiplier != 1m)
        {
            s = s[..^1];
        }

        if (!decimal.TryParse(s, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
        {
            return false;
        }

        amount = value > decimal.MaxValue / multiplier ? decimal.MaxValue : value * multiplier;
        return true;
    }

    /// <summary>What to say of an amount over <see cref="Max"/>.</summary>
    public static string TooLarge(string text) => $"\"{text}\" is more than {Format(Max)}, the most ProductOps takes; check the digits.";

    /// <summary>Short and readable: $950, $120k, $1.4M.</summary>
    public static string Format(decimal amount) => amount switch
    {
        >= 1_000_000_000m => "$" + (amount / 1_000_000_000m).ToString("0.#", CultureInfo.InvariantCulture) + "B",
        >= 1_000_000m => "$" + (amount / 1_000_000m).ToString("0.#", CultureInfo.InvariantCulture) + "M",
        >= 10_000m => "$" + (amount / 1_000m).ToString("0", CultureInfo.InvariantCulture) + "k",
        _ => "$" + amount.ToString("#,0", CultureInfo.InvariantCulture),
    };
}
