using System.Globalization;
using ProductOps.Skills.Conversation;

namespace ProductOps.Skills.Feedback;

/// <summary>How items (<c>#123</c>) and themes (<c>T7</c>) are written and read back.</summary>
public static class FeedbackRefs
{
    public static string Item(long id) => "#" + id.ToString(CultureInfo.InvariantCulture);

    public static string Theme(long id) => "T" + id.ToString(CultureInfo.InvariantCulture);

    /// <summary>An item id from <c>#123</c> or <c>123</c>.</summary>
    public static long? ItemId(Arg arg) =>
        arg.Kind is ArgKind.Word or ArgKind.Channel && arg.Key is null && long.TryParse(arg.Value.TrimStart('#'), NumberStyles.None, CultureInfo.InvariantCulture, out var id)
            ? id
            : null;

    /// <summary>A theme id from <c>T7</c>; titles are looked up by the caller.</summary>
    public static long? ThemeId(string text) =>
        text.Length > 1 && text[0] is 'T' or 't' && long.TryParse(text.AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;
}
