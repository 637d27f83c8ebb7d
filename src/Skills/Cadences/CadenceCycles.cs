using ProductOps.Skills.Admin;
using ProductOps.Skills.Conversation;

namespace ProductOps.Skills.Cadences;

/// <summary>
/// A cycle's life: opening (members fixed, steps scheduled, the next opening scheduled), the nudges,
/// reminders to the missing, and at the due time the digest and the escalation. Every message goes
/// through the outbox with a key of (cadence, cycle, kind, person), so a step that runs again after a
/// crash or restart sends nothing twice.
/// </summary>
public sealed class CadenceCycles(
    ICadenceStore cadences,
    ICycleStore cycles,
    IAwayStore away,
    IPeopleStore people,
    IAreaStore areas,
    IOutbox outbox,
    ICadenceScheduler scheduler,
    TimeProvider clock)
{
    /// <summary>What the scheduled opening runs: opens the cycle unless the date is skipped, then schedules the next opening.</summary>
    public async Task<Cycle?> OpenScheduledAsync(long cadenceId, DateTimeOffset occurrence, CancellationToken ct)
    {
        if (await cadences.FindAsync(cadenceId, ct) is not { Paused: false } cadence)
        {
            return null;
        }

        var date = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(occurrence, cadence.Draft.Zone).DateTime);
        var cycle = cadence.Draft.Skips.Contains(date) ? null : await OpenAsync(cadence, occurrence, ct);
        await ScheduleNextAsync(cadence, ct);
        return cycle;
    }

    /// <summary>Schedules the next opening after now, past skipped dates; openings missed while down are not caught up.</summary>
    public async Task<DateTimeOffset> ScheduleNextAsync(Cadence cadence, CancellationToken ct)
    {
        var next = cadence.Draft.ParsedSchedule.NextAfter(clock.GetUtcNow(), cadence.Draft.Zone, cadence.Draft.Skips);
        await scheduler.ScheduleOpeningAsync(cadence.Id, next, ct);
        return next;
    }

    /// <summary>Opens a cycle starting at <paramref name="opensAt"/> (idempotent for the same start) and schedules its steps.</summary>
    public Task<Cycle> OpenAsync(Cadence cadence, DateTimeOffset opensAt, CancellationToken ct) =>
        OpenAsync(cadence, opensAt, opensAt + cadence.Draft.Window, ct);

    /// <summary>
    /// Opens a cycle at once, as an admin asked. It is due after the usual window, moved on past a
    /// weekend in the cadence's time zone: a scheduled cycle's window is chosen with its opening day,
    /// but "now" can be any day.
    /// </summary>
    public Task<Cycle> OpenNowAsync(Cadence cadence, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var due = TimeZoneInfo.ConvertTime(now + cadence.Draft.Window, cadence.Draft.Zone);
        var date = DateOnly.FromDateTime(due.DateTime);
        while (!Schedule.IsWorkingDay(date))
        {
            date = date.AddDays(1);
        }

        return OpenAsync(cadence, now, Zones.At(date, TimeOnly.FromDateTime(due.DateTime), cadence.Draft.Zone), ct);
    }

    /// <summary>Of the cycle's members, how many get their first DM at its opening; the others wait for their working day.</summary>
    public async Task<int> NudgedAtOpeningAsync(Cadence cadence, Cycle cycle, CancellationToken ct)
    {
        var ids = (await cycles.MembersAsync(cycle.Id, ct)).Select(m => m.PersonId).ToHashSet();
        return (await people.ListAsync(ct)).Count(p => ids.Contains(p.Id) && SendTime(cycle.OpensAt, cycle, Zones.Of(p.TimeZone, cadence.Draft.Zone)) <= cycle.OpensAt);
    }

    private async Task<Cycle> OpenAsync(Cadence cadence, DateTimeOffset opensAt, DateTimeOffset dueAt, CancellationToken ct)
    {
        var members = await ParticipantsAsync(cadence.Draft.Participants, ct);
        var cycle = await cycles.OpenAsync(cadence.Id, opensAt, dueAt, members, ct);
        await ScheduleStepsAsync(cadence, cycle, ct);
        return cycle;
    }

    /// <summary>
    /// Schedules the nudges, reminders and close of a cycle. Each person's messages wait for working
    /// hours in their own time zone (never past the due time), so steps are grouped by those times.
    /// </summary>
    public async Task ScheduleStepsAsync(Cadence cadence, Cycle cycle, CancellationToken ct)
    {
        var zones = await MemberZonesAsync(cadence, cycle, ct);
        foreach (var at in zones.Select(z => SendTime(cycle.OpensAt, cycle, z)).Distinct())
        {
            await scheduler.ScheduleStepAsync(new CycleStep(cadence.Id, cycle.Id, StepKind.Nudge, 0, at), ct);
        }

        for (var i = 0; i < cadence.Draft.Reminders.Count; i++)
        {
            var remindAt = cycle.DueAt - cadence.Draft.Reminders[i];
            foreach (var at in zones.Select(z => SendTime(remindAt, cycle, z)).Distinct())
            {
                await scheduler.ScheduleStepAsync(new CycleStep(cadence.Id, cycle.Id, StepKind.Remind, i, at), ct);
            }
        }

        await scheduler.ScheduleStepAsync(new CycleStep(cadence.Id, cycle.Id, StepKind.Close, 0, cycle.DueAt), ct);
    }

    public async Task RunStepAsync(CycleStep step, CancellationToken ct)
    {
        if (await cadences.FindAsync(step.CadenceId, ct) is not { } cadence || await cycles.FindAsync(step.CycleId, ct) is not { } cycle)
        {
            return;
        }

        var cutoff = clock.GetUtcNow() > step.At ? clock.GetUtcNow() : step.At;
        switch (step.Kind)
        {
            case StepKind.Nudge:
                await NudgeAsync(cadence, cycle, cutoff, ct);
                break;
            case StepKind.Remind when step.Index < cadence.Draft.Reminders.Count:
                await RemindAsync(cadence, cycle, cadence.Draft.Reminders[step.Index], cutoff, ct);
                break;
            case StepKind.Close:
                await CloseAsync(cadence, cycle, ct);
                break;
        }
    }

    /// <summary>Who the rule names today, each with the product areas they own.</summary>
    public async Task<IReadOnlyList<CycleMember>> ParticipantsAsync(ParticipantRule rule, CancellationToken ct)
    {
        var everyone = await people.ListAsync(ct);
        var owned = (await areas.ListAsync(ct)).ToLookup(a => a.OwnerId, a => a.Name);
        var ids = rule.People.ToHashSet();
        ids.UnionWith(everyone.Where(p => rule.Roles.Any(p.Has)).Select(p => p.Id));
        if (rule.AreaOwners)
        {
            ids.UnionWith(owned.Select(g => g.Key));
        }

        return everyone.Where(p => ids.Contains(p.Id))
            .Select(p => new CycleMember(p.Id, owned[p.Id].Any() ? string.Join(", ", owned[p.Id].Order(StringComparer.OrdinalIgnoreCase)) : null))
            .ToArray();
    }

    /// <summary>Where a cycle stands now: who submitted, who is missing, who is away.</summary>
    public async Task<CycleState> StateAsync(Cadence cadence, Cycle cycle, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var members = await cycles.MembersAsync(cycle.Id, ct);
        var submissions = await cycles.SubmissionsAsync(cycle.Id, ct);
        var byId = (await people.ListAsync(ct)).ToDictionary(p => p.Id);
        var awayUntil = await away.ListAsync(ct);
        var submitted = submissions.Select(s => s.PersonId).ToHashSet();
        var missing = new List<Person>();
        var absent = new List<(Person, DateOnly)>();
        foreach (var member in members)
        {
            if (submitted.Contains(member.PersonId) || !byId.TryGetValue(member.PersonId, out var person))
            {
                continue;
            }

            if (AwayUntil(person, cadence, awayUntil, now) is { } until)
            {
                absent.Add((person, until));
            }
            else
            {
                missing.Add(person);
            }
        }

        return new CycleState(cadence, cycle, members, submissions, byId, missing, absent);
    }

    private async Task NudgeAsync(Cadence cadence, Cycle cycle, DateTimeOffset cutoff, CancellationToken ct)
    {
        var state = await StateAsync(cadence, cycle, ct);
        var nudges = new List<OutboundMessage>();
        foreach (var person in state.Missing)
        {
            var zone = Zones.Of(person.TimeZone, cadence.Draft.Zone);
            if (SendTime(cycle.OpensAt, cycle, zone) <= cutoff)
            {
                var key = $"cadence:{cadence.Id}:cycle:{cycle.Number}:nudge:{person.Id}";
                nudges.Add(new OutboundMessage(key, new PersonRecipient(person.Id), CadenceReplies.Nudge(cadence, cycle, zone)));
            }
        }

        await outbox.EnqueueAllAsync(nudges, ct);
    }

    private async Task RemindAsync(Cadence cadence, Cycle cycle, TimeSpan offset, DateTimeOffset cutoff, CancellationToken ct)
    {
        var state = await StateAsync(cadence, cycle, ct);
        var reminders = new List<OutboundMessage>();
        foreach (var person in state.Missing)
        {
            var zone = Zones.Of(person.TimeZone, cadence.Draft.Zone);
            if (SendTime(cycle.DueAt - offset, cycle, zone) <= cutoff)
            {
                var key = $"cadence:{cadence.Id}:cycle:{cycle.Number}:remind:{person.Id}:{Durations.Key(offset)}";
                reminders.Add(new OutboundMessage(key, new PersonRecipient(person.Id), CadenceReplies.Reminder(cadence, cycle, zone)));
            }
        }

        await outbox.EnqueueAllAsync(reminders, ct);
    }

    private async Task CloseAsync(Cadence cadence, Cycle cycle, CancellationToken ct)
    {
        var state = await StateAsync(cadence, cycle, ct);
        var digest = CadenceReplies.Digest(state);
        var prefix = $"cadence:{cadence.Id}:cycle:{cycle.Number}";
        await outbox.EnqueueAsync(new OutboundMessage($"{prefix}:digest:channel", new ChannelRecipient(cadence.Draft.RollupChannel), digest), ct);
        foreach (var observer in cadence.Draft.Observers)
        {
            await outbox.EnqueueAsync(new OutboundMessage($"{prefix}:digest:{observer}", new PersonRecipient(observer), digest), ct);
        }

        if (state.Missing.Count > 0 && cadence.Draft.EscalateTo is { } target)
        {
            await outbox.EnqueueAsync(new OutboundMessage($"{prefix}:escalate:{target}", new PersonRecipient(target), CadenceReplies.Escalation(state)), ct);
        }

        await cycles.CloseAsync(cycle.Id, clock.GetUtcNow(), ct);
    }

    private async Task<IReadOnlyList<TimeZoneInfo>> MemberZonesAsync(Cadence cadence, Cycle cycle, CancellationToken ct)
    {
        var ids = (await cycles.MembersAsync(cycle.Id, ct)).Select(m => m.PersonId).ToHashSet();
        return (await people.ListAsync(ct)).Where(p => ids.Contains(p.Id))
            .Select(p => p.TimeZone ?? "")
            .Distinct(StringComparer.Ordinal)
            .Select(z => Zones.Of(z, cadence.Draft.Zone))
            .ToArray();
    }

    /// <summary>Working hours for the person at or after <paramref name="at"/>, but never after the due time.</summary>
    private static DateTimeOffset SendTime(DateTimeOffset at, Cycle cycle, TimeZoneInfo zone)
    {
        var sensible = SensibleHours.Next(at, zone);
        return sensible < cycle.DueAt ? sensible : at;
    }

    /// <summary>The last day of the person's absence, when they are away today in their own time zone.</summary>
    public static DateOnly? AwayUntil(Person person, Cadence cadence, IReadOnlyDictionary<long, DateOnly> awayUntil, DateTimeOffset now)
    {
        if (!awayUntil.TryGetValue(person.Id, out var until))
        {
            return null;
        }

        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, Zones.Of(person.TimeZone, cadence.Draft.Zone)).DateTime);
        return today <= until ? until : null;
    }
}

/// <summary>A cycle as it stands: its members, the submissions, and of those who have not submitted, who is missing and who is away.</summary>
public sealed record CycleState(
    Cadence Cadence,
    Cycle Cycle,
    IReadOnlyList<CycleMember> Members,
    IReadOnlyList<Submission> Submissions,
    IReadOnlyDictionary<long, Person> People,
    IReadOnlyList<Person> Missing,
    IReadOnlyList<(Person Person, DateOnly Until)> Away);
