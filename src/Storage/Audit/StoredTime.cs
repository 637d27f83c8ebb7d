using System.Globalization;

namespace ProductOps.Storage.Audit;

/// <summary>Times are stored as ISO 8601 UTC text of fixed width, so text order is time order.</summary>
internal static class StoredTime
{
    public static string Text(DateTimeOffset at) =>
        at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    public static DateTimeOffset Parse(string text) =>
        DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
}
