using ProductOps.Skills.Conversation;

namespace ProductOps.Skills.Cadences;

/// <summary>The messages of the cadences skill: nudges, reminders, digests, escalations and status.</summary>
public static class CadenceReplies
{
    private const string NoArea = "No product area";

    public static Button SubmitButton(Cycle cycle) => new("Submit update", SubmitUpdateHandler.ActionId, cycle.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), ButtonStyle.Primary);

    public static Reply Nudge(Cadence cadence, Cycle cycle, TimeZoneInfo zone) =>
        new ReplyBuilder()
            .Header(cadence.Name)
            .Section(Markup.Of($"Time for the {Md.Bold(cadence.Name)} ({cadence.Draft.Form.Title}, cycle {cycle.Number}). Please send your update by {Md.Bold(Zones.Show(cycle.DueAt, zone))} your time."))
            .Context(cadence.Draft.Form.Summary + " You can change your answers until it closes.")
            .Buttons(SubmitButton(cycle))
            .Build(Visibility.DirectMessage);

    public static Reply Reminder(Cadence cadence, Cycle cycle, TimeZoneInfo zone) =>
        new ReplyBuilder()
            .Section(Markup.Of($"Reminding you because the {Md.Bold(cadence.Name)} closes {Md.Bold(Zones.Show(cycle.DueAt, zone))} your time, and I don't have your update for cycle {cycle.Number} yet."))
            .Buttons(SubmitButton(cycle))
            .Build(Visibility.DirectMessage);

    public static Reply Escalation(CycleState state)
    {
        var zone = state.Cadence.Draft.Zone;
        var text = Markup.Of($"{Md.Bold(state.Cadence.Name)}, cycle {state.Cycle.Number}, closed {Zones.Show(state.Cycle.DueAt, zone)} ({zone.Id}) without updates from {state.Missing.Count} of {state.Members.Count}: ")
                   + People(state.Missing) + ".";
        var reply = new ReplyBuilder().Section(text);
        if (state.Away.Count > 0)
        {
            reply.Context(Markup.Of($"Not counted as missing, because away: ") + AwayList(state.Away));
        }

        return reply.Context("Late updates are still accepted and marked late.").Build(Visibility.DirectMessage);
    }

    /// <summary>
    /// Every submission in the template's order of questions, grouped by product area; within a group,
    /// the worst risk first. Ends with who is missing, and is built even when nobody answered.
    /// </summary>
    public static Reply Digest(CycleState state)
    {
        var cadence = state.Cadence;
        var template = cadence.Draft.Form;
        var zone = cadence.Draft.Zone;
        var reply = new ReplyBuilder()
            .Header($"{cadence.Name}: cycle {state.Cycle.Number}")
            .Context($"{template.Title} · opened {Zones.Show(state.Cycle.OpensAt, zone)}, due {Zones.Show(state.Cycle.DueAt, zone)} ({zone.Id}) · {state.Submissions.Count} of {state.Members.Count} submitted");
        if (state.Submissions.Count == 0)
        {
            reply.Section("No updates were submitted this cycle.");
        }

        var areaOf = state.Members.ToDictionary(m => m.PersonId, m => m.Area ?? NoArea);
        var groups = state.Submissions
            .Select(s => (Submission: s, Risk: template.Risk(s.Answers), Area: areaOf.GetValueOrDefault(s.PersonId, NoArea), Name: NameOf(state, s.PersonId)))
            .GroupBy(s => s.Area)
            .OrderByDescending(g => g.Max(s => s.Risk))
            .ThenBy(g => g.Key == NoArea)
            .ThenBy(g => g.Key, StringComparer.OrdinalIgnoreCase);
        foreach (var group in groups)
        {
            reply.Divider().Section(Markup.Of($"{Md.Bold(group.Key)}"));
            foreach (var item in group.OrderByDescending(s => s.Risk).ThenBy(s => s.Name, StringComparer.OrdinalIgnoreCase))
            {
                reply.Section(Answers(state, template, item.Submission));
            }
        }

        reply.Divider().Section(MissingLine(state));
        return reply.Build(Visibility.Channel);
    }

    public static Reply Status(CycleState state, DateTimeOffset at)
    {
        var zone = state.Cadence.Draft.Zone;
        var cycle = state.Cycle;

        // The close (digest, escalation) runs as a scheduled step just after the due time.
        var now = cycle.ClosedAt is not null ? "closed" : at >= cycle.DueAt ? "past due, the digest goes out shortly" : "open";
        var submitted = state.Submissions
            .OrderBy(s => NameOf(state, s.PersonId), StringComparer.OrdinalIgnoreCase)
            .Select(s => Who(state, s.PersonId) + (s.Late ? Markup.Text(" (late)") : Markup.Empty))
            .ToArray();
        return new ReplyBuilder()
            .Section(
                Markup.Of($"{Md.Bold(state.Cadence.Name)}, cycle {cycle.Number}: {now}; opened {Zones.Show(cycle.OpensAt, zone)}, due {Zones.Show(cycle.DueAt, zone)} ({zone.Id})."),
                new Field($"Submitted ({submitted.Length} of {state.Members.Count})", submitted.Length == 0 ? "nobody yet" : Join(submitted)),
                new Field($"Missing ({state.Missing.Count})", state.Missing.Count == 0 ? "nobody" : People(state.Missing)),
                new Field($"Away ({state.Away.Count})", state.Away.Count == 0 ? "nobody" : AwayList(state.Away)))
            .Build();
    }

    /// <summary>Everything about a cadence, in words: what create, edit and show echo back.</summary>
    public static Field[] Describe(Cadence cadence, IReadOnlyDictionary<long, Person> people, IReadOnlyList<DateTimeOffset> next)
    {
        var d = cadence.Draft;
        var zone = d.Zone;
        var schedule = d.ParsedSchedule.Describe() + $" ({zone.Id})" + (d.AllowFrequent && d.ParsedSchedule.MoreFrequentThanWeekly ? ", allowed by an admin override" : "");
        var who = new List<string>();
        if (d.Participants.Roles.Count > 0)
        {
            who.Add("everyone with the role " + string.Join(" or ", d.Participants.Roles.Select(RoleNames.Display)));
        }

        if (d.Participants.AreaOwners)
        {
            who.Add("the owners of product areas");
        }

        var participants = Markup.Text(string.Join(", ", who));
        var named = d.Participants.People.Select(id => people.GetValueOrDefault(id)).OfType<Person>().ToArray();
        if (named.Length > 0)
        {
            participants += (who.Count > 0 ? Markup.Text(", and ") : Markup.Empty) + People(named);
        }

        return
        [
            new Field("Template", $"{d.Form.Title} ({d.Form.Key})"),
            new Field("Schedule", schedule),
            new Field("Next openings", next.Count == 0 ? "none: paused" : string.Join("; ", next.Select(n => Zones.Show(n, zone, next[0])))),
            new Field("Window", $"due {Durations.Show(d.Window)} after it opens"),
            new Field("Reminders", d.Reminders.Count == 0 ? "none" : string.Join(", ", d.Reminders.Select(Durations.Show)) + " before it closes, to those missing"),
            new Field("Participants", participants),
            new Field("Digest to", Markup.Of($"{Md.Channel(d.RollupChannel)}") + (d.Observers.Count > 0 ? Markup.Text(" and ") + People(d.Observers.Select(id => people.GetValueOrDefault(id)).OfType<Person>()) : Markup.Empty)),
            new Field("Escalation", d.EscalateTo is { } e && people.GetValueOrDefault(e) is { } target ? Markup.Of($"{Md.User(target)} gets the list of the missing") : "none"),
            new Field("Skipped dates", d.Skips.Count == 0 ? "none" : string.Join(", ", d.Skips.Order().Select(Zones.ShowDate))),
        ];
    }

    public static Markup People(IEnumerable<Person> people) =>
        Join(people.OrderBy(p => p.Name, StringComparer.OrdinalIgnoreCase).Select(p => Markup.Of($"{Md.User(p)}")));

    private static Markup AwayList(IEnumerable<(Person Person, DateOnly Until)> away) =>
        Join(away.OrderBy(a => a.Person.Name, StringComparer.OrdinalIgnoreCase).Select(a => Markup.Of($"{Md.User(a.Person)} (until {Zones.ShowDate(a.Until)})")));

    private static Markup MissingLine(CycleState state)
    {
        var line = state.Missing.Count == 0
            ? Markup.Text("Missing: nobody.")
            : Markup.Of($"{Md.Bold($"Missing ({state.Missing.Count})")}: ") + People(state.Missing) + ".";
        return state.Away.Count == 0 ? line : line + Markup.Of($"\n{Md.Bold($"Away ({state.Away.Count})")}: ") + AwayList(state.Away) + ".";
    }

    private static Markup Answers(CycleState state, Template template, Submission submission)
    {
        var text = Who(state, submission.PersonId) + (submission.Late ? Markup.Of($" {Md.Italic("late")}") : Markup.Empty);
        foreach (var question in template.Questions)
        {
            if (submission.Answers.TryGetValue(question.Id, out var answer) && answer.Length > 0)
            {
                text += Markup.Of($"\n{Md.Bold(question.Label)}: {Template.Show(question, answer)}");
            }
        }

        // Personal questions (see IPersonalQuestions) are named by their ids.
        foreach (var (id, answer) in submission.Answers.Where(a => a.Value.Length > 0 && template.Questions.All(q => q.Id != a.Key)))
        {
            text += Markup.Of($"\n{Md.Bold(id)}: {answer}");
        }

        return text;
    }

    private static Markup Who(CycleState state, long personId) =>
        state.People.TryGetValue(personId, out var person) ? Markup.Of($"{Md.User(person)}") : Markup.Text($"person {personId}");

    private static string NameOf(CycleState state, long personId) => state.People.TryGetValue(personId, out var p) ? p.Name : "";

    private static Markup Join(IEnumerable<Markup> items)
    {
        var result = Markup.Empty;
        var first = true;
        foreach (var item in items)
        {
            result = first ? item : result + ", " + item;
            first = false;
        }

        return result;
    }
}
