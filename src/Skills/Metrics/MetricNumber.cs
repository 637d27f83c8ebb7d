namespace ProductOps.Skills.Metrics;

/// <summary>
/// How large a metric value or key result number may be: a quadrillion either way holds any count or
/// amount a product org tracks, and catches a slip of the keyboard (or 1e308) before it skews every
/// chart and roll-up that includes it.
/// </summary>
public static class MetricNumber
{
    public const double Max = 1e15;

    public static bool InRange(double value) => Math.Abs(value) <= Max;

    /// <summary>What to say of a number past <see cref="Max"/>.</summary>
    public static string TooLarge(string text) => $"\"{text}\" is past a quadrillion (1e15) either way, the most a metric holds; check the digits.";
}
