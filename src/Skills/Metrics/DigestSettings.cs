using System.Globalization;

namespace ProductOps.Skills.Metrics;

/// <summary>
/// The weekly product-health digest: where it goes, which metrics it shows, and when (UTC).
/// Defaults come from settings; admins change them in chat.
/// </summary>
public sealed record DigestSettings(string? Channel, IReadOnlyList<string> Metrics, DayOfWeek Day, TimeOnly Time)
{
    /// <summary>The start of the week (Monday, UTC) that <paramref name="now"/> falls in, which names that week's digest.</summary>
    public static DateOnly WeekOf(DateTimeOffset now)
    {
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        return today.AddDays(-(((int)today.DayOfWeek + 6) % 7));
    }

    /// <summary>When this week's digest is due.</summary>
    public DateTimeOffset DueIn(DateOnly week) =>
        new(week.AddDays(((int)Day + 6) % 7).ToDateTime(Time), TimeSpan.Zero);

    public string Schedule => $"{Day} {Time.ToString("HH:mm", CultureInfo.InvariantCulture)} UTC";
}

/// <summary>The digest settings admins changed in chat, and which weeks' digests were sent.</summary>
public interface IDigestSettingsStore
{
    /// <summary>Null until an admin changes them; the settings file's defaults apply until then.</summary>
    Task<DigestSettings?> GetAsync(CancellationToken ct);

    Task SaveAsync(DigestSettings settings, CancellationToken ct);

    /// <summary>Marks the week's digest as sent; false when it already was, so each week's digest goes once.</summary>
    Task<bool> ClaimWeekAsync(DateOnly week, CancellationToken ct);
}
