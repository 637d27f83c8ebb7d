using ProductOps.Skills.Conversation;

namespace ProductOps.Skills.Admin;

/// <summary>How areas read in audit records and replies.</summary>
public static class AreaText
{
    /// <summary>The area as its own command options would set it, for before/after in the audit log.</summary>
    public static string Describe(Area area, Person? owner) =>
        $"name=\"{area.Name}\" owner={(owner is null ? "person " + area.OwnerId : "@" + owner.Handle)} channel=#{area.Channel}"
        + (area.Aliases.Count == 0 ? "" : " aliases=" + string.Join(",", area.Aliases));

    public static Markup AliasSentence(Area area) =>
        area.Aliases.Count == 0 ? Markup.Empty : Markup.Of($" Also known as {string.Join(", ", area.Aliases)}.");
}
