using System.Globalization;
using ProductOps.Skills.Conversation;

namespace ProductOps.Skills.Cadences;

/// <summary>
/// The form that creates and edits a cadence, and the checks its submission passes before anything is
/// saved. A problem is reported on its field, so the form stays open with everything typed.
/// </summary>
public static class CadenceForm
{
    public const string FormId = "cadences.configure";
    public const int MaxName = 80;
    public const int MaxChannel = 80;

    public static Form Build(Cadence? existing, Person asker)
    {
        var d = existing?.Draft;
        Input[] inputs =
        [
            new TextInput("name", "Name") { Required = true, MaxLength = MaxName, Initial = d?.Name, Placeholder = "Monthly roadmap check-in" },
            new SelectInput("template", "Template", Templates.All.Select(t => new Choice(t.Key, t.Title)).ToArray())
            {
                Required = true,
                Initial = d is null ? [] : [d.Template],
                Hint = string.Join(" ", Templates.All.Select(t => $"{t.Title}: {t.Summary}")),
            },
            new TextInput("schedule", "Schedule") { Required = true, Initial = d?.Schedule, Placeholder = "monthly on the first Monday at 10:00", Hint = "For example: " + string.Join("; ", ScheduleParser.Examples.Take(4)) },
            new TextInput("time_zone", "Time zone of the schedule") { Required = true, Initial = d?.TimeZone ?? asker.TimeZone ?? Zones.Fallback, Hint = "An IANA time zone, like Europe/London or America/New_York." },
            new CheckboxInput("frequent", "Allow more often than weekly (admin override; cadences are not stand-ups)") { Initial = d?.AllowFrequent ?? false },
            new UserInput("people", "Participants: people") { Multiple = true, Initial = d?.Participants.People.Select(Id).ToArray() ?? [] },
            new SelectInput("roles", "Participants: everyone with a role", RoleNames.Keys.Select(k => new Choice(k, RoleNames.TryParse(k, out var r) ? RoleNames.Display(r) : k)).ToArray())
            {
                Multiple = true,
                Initial = d?.Participants.Roles.Select(RoleNames.Key).ToArray() ?? [],
            },
            new CheckboxInput("area_owners", "Participants: the owners of product areas") { Initial = d?.Participants.AreaOwners ?? false },
            new TextInput("window", "Response window (from opening to due)") { Required = true, Initial = d is null ? "4 days 7 hours" : Durations.Show(d.Window), Hint = "Like 4 days, 2 days 6 hours or 48 hours." },
            new TextInput("reminders", "Reminders before due") { Initial = d is null ? "1 day, 2 hours" : string.Join(", ", d.Reminders.Select(Durations.Show)), Hint = "Comma-separated, like 1 day, 2 hours. Only people who have not submitted get them." },
            new UserInput("escalate_to", "Escalate the missing to") { Initial = d?.EscalateTo is { } e ? [Id(e)] : [] },
            new TextInput("channel", "Roll-up channel for the digest") { Required = true, MaxLength = MaxChannel, Initial = d is null ? null : "#" + d.RollupChannel, Placeholder = "#product-rollup" },
            new UserInput("observers", "Observers (get the digest, never asked)") { Multiple = true, Initial = d?.Observers.Select(Id).ToArray() ?? [] },
        ];
        var title = existing is null ? "New cadence" : "Edit cadence";
        return new Form(FormId, title, inputs, existing is null ? "Create" : "Save", existing?.Id.ToString(CultureInfo.InvariantCulture));
    }

    /// <summary>The checked draft, or the problems by field. <paramref name="skips"/> carries over from the cadence being edited.</summary>
    public static (CadenceDraft? Draft, Dictionary<string, string> Errors) Read(Form form, FormValues values, IReadOnlyDictionary<long, Person> people, IReadOnlyList<DateOnly> skips)
    {
        var errors = FormValidation.Check(form, values);
        var name = values.Text("name") ?? "";
        var template = Templates.Find(values.Text("template"));
        if (template is null && values.Text("template") is { } typed)
        {
            errors["template"] = $"There is no template \"{typed}\". Choose one of: {string.Join(", ", Templates.All.Select(t => t.Key))}.";
        }

        var zone = Zones.Find(values.Text("time_zone"));
        if (zone is null && values.Text("time_zone") is { } typedZone)
        {
            errors.TryAdd("time_zone", $"\"{typedZone}\" is not a time zone I know. Use an IANA name like Europe/London, America/New_York or Asia/Singapore.");
        }

        Schedule? schedule = null;
        if (values.Text("schedule") is { } scheduleText)
        {
            if (!ScheduleParser.TryParse(scheduleText, out var parsed, out var problem))
            {
                errors.TryAdd("schedule", $"{problem} I understand, for example: {string.Join("; ", ScheduleParser.Examples)}.");
            }
            else if (parsed.MoreFrequentThanWeekly && !values.Flag("frequent"))
            {
                errors.TryAdd("schedule", $"That reads as {parsed.Describe()}, more often than weekly. Cadences are for check-ins, not stand-ups; tick the admin override to allow it.");
            }
            else
            {
                schedule = parsed;
            }
        }

        var window = ReadWindow(values, schedule, zone, errors);
        var reminders = ReadReminders(values, window, errors);
        var participants = new ParticipantRule(
            PeopleIds(values, "people", people, errors),
            values.List("roles").Select(r => RoleNames.TryParse(r, out var role) ? role : (Role?)null).OfType<Role>().Distinct().ToArray(),
            values.Flag("area_owners"));
        if (participants.IsEmpty)
        {
            errors.TryAdd("people", "A cadence needs participants: choose people, a role, or the owners of product areas.");
        }

        var escalate = PeopleIds(values, "escalate_to", people, errors);
        var observers = PeopleIds(values, "observers", people, errors);
        var channel = (values.Text("channel") ?? "").TrimStart('#');
        if (channel.Length > 0 && channel.Any(char.IsWhiteSpace))
        {
            errors.TryAdd("channel", $"\"{values.Text("channel")}\" is not a channel name: write it like #product-rollup, without spaces.");
        }

        if (errors.Count > 0)
        {
            return (null, errors);
        }

        var draft = new CadenceDraft(
            name,
            template!.Key,
            schedule!.Text,
            zone!.Id,
            values.Flag("frequent"),
            participants,
            window!.Value,
            reminders!,
            escalate.Length > 0 ? escalate[0] : null,
            channel,
            observers,
            skips);
        return (draft, errors);
    }

    private static TimeSpan? ReadWindow(FormValues values, Schedule? schedule, TimeZoneInfo? zone, Dictionary<string, string> errors)
    {
        if (values.Text("window") is not { } text)
        {
            return null;
        }

        if (Durations.Parse(text, out var problem) is not { } window)
        {
            errors.TryAdd("window", problem);
            return null;
        }

        if (window <= TimeSpan.Zero)
        {
            errors.TryAdd("window", $"A window of {text.Trim()} closes before it opens. Give how long people have to answer, like 4 days.");
            return null;
        }

        if (schedule is not null && zone is not null)
        {
            var next = schedule.Next(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), zone, 6);
            var gap = next.Zip(next.Skip(1), (a, b) => b - a).Min();
            if (window >= gap)
            {
                errors.TryAdd("window", $"A window of {Durations.Show(window)} runs into the next cycle: cycles can open {Durations.Show(gap)} apart. Make it shorter.");
                return null;
            }
        }

        return window;
    }

    private static TimeSpan[]? ReadReminders(FormValues values, TimeSpan? window, Dictionary<string, string> errors)
    {
        if (Durations.ParseList(values.Text("reminders"), out var problem) is not { } reminders)
        {
            errors.TryAdd("reminders", problem);
            return null;
        }

        if (reminders.Any(r => r <= TimeSpan.Zero))
        {
            errors.TryAdd("reminders", "Reminders are times before the due time, like 1 day or 2 hours; they must be longer than nothing.");
            return null;
        }

        if (window is { } w && reminders.Where(r => r >= w).Select(r => (TimeSpan?)r).FirstOrDefault() is { } early)
        {
            errors.TryAdd("reminders", $"A reminder {Durations.Show(early)} before due would come before the cycle opens (the window is {Durations.Show(w)}).");
            return null;
        }

        return reminders.Distinct().OrderDescending().ToArray();
    }

    private static long[] PeopleIds(FormValues values, string field, IReadOnlyDictionary<long, Person> people, Dictionary<string, string> errors)
    {
        var ids = new List<long>();
        foreach (var value in values.List(field))
        {
            if (!long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var id) || !people.ContainsKey(id))
            {
                errors.TryAdd(field, $"\"{value}\" is not someone I know; choose people from the list.");
                continue;
            }

            ids.Add(id);
        }

        return ids.Distinct().ToArray();
    }

    private static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);
}
