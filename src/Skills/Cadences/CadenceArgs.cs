using System.Globalization;
using ProductOps.Skills.Admin;
using ProductOps.Skills.Conversation;

namespace ProductOps.Skills.Cadences;

/// <summary>What the cadence commands share: finding a cadence by name, dates, and audit records.</summary>
public static class CadenceArgs
{
    public const string Command = "cadence";

    public static readonly IReadOnlySet<Role> Admins = new HashSet<Role> { Role.Admin };

    /// <summary>The cadence named by the words after the command (quotes optional), or a reply saying which names exist.</summary>
    public static async Task<(Cadence? Cadence, Response? Problem)> FindAsync(ICadenceStore cadences, string name, CommandSpec spec, CancellationToken ct)
    {
        name = name.Trim().Trim('"', '“', '”');
        if (name.Length == 0)
        {
            return (null, AdminReplies.Problem("Name the cadence.", spec));
        }

        if (await cadences.FindAsync(name, ct) is { } cadence)
        {
            return (cadence, null);
        }

        var all = await cadences.ListAsync(ct);
        var text = Markup.Of($"There is no cadence called {Md.Bold(name)}.");
        var close = Suggestions.Closest(name, all.Select(c => c.Name));
        if (close.Count > 0)
        {
            text += " Did you mean " + string.Join(" or ", close.Select(n => $"\"{n}\"")) + "?";
        }

        text += all.Count == 0
            ? Markup.Of($"\nThere are no cadences yet; an admin creates one with {Md.Code("/cadence create")}.")
            : Markup.Of($"\n{Md.Code("/cadence list")} shows them all.");
        return (null, AdminReplies.Problem(text, spec));
    }

    /// <summary>A date written as 2026-03-31.</summary>
    public static DateOnly? Date(string text) =>
        DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null;

    public static DateOnly Today(TimeProvider clock, string? zone) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(clock.GetUtcNow(), Zones.Of(zone, Zones.Find(Zones.Fallback)!)).DateTime);

    /// <summary>A cadence as one line for the audit log.</summary>
    public static string Describe(CadenceDraft d) =>
        $"template={d.Template} schedule=\"{d.Schedule}\" zone={d.TimeZone} frequent={d.AllowFrequent} people=[{string.Join(",", d.Participants.People)}] " +
        $"roles=[{string.Join(",", d.Participants.Roles.Select(RoleNames.Key))}] area_owners={d.Participants.AreaOwners} window={Durations.Key(d.Window)} " +
        $"reminders=[{string.Join(",", d.Reminders.Select(Durations.Key))}] escalate={d.EscalateTo?.ToString(CultureInfo.InvariantCulture) ?? "none"} channel=#{d.RollupChannel} " +
        $"observers=[{string.Join(",", d.Observers)}] skips=[{string.Join(",", d.Skips.Select(s => s.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)))}]";
}

/// <summary>The audit actions of cadences, stable names readers of the log can filter on.</summary>
public static class CadenceAudit
{
    public const string Create = "cadence.create";
    public const string Edit = "cadence.edit";
    public const string Pause = "cadence.pause";
    public const string Resume = "cadence.resume";
    public const string Skip = "cadence.skip";
    public const string Run = "cadence.run";
    public const string Delete = "cadence.delete";
    public const string Away = "cadence.away";
}
