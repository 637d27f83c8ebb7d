using ProductOps.Skills.Conversation;

namespace ProductOps.Skills.Cadences;

/// <summary>Who is asked: named people, everyone holding one of the roles, and the owners of product areas.</summary>
public sealed record ParticipantRule(IReadOnlyList<long> People, IReadOnlyList<Role> Roles, bool AreaOwners)
{
    public bool IsEmpty => People.Count == 0 && Roles.Count == 0 && !AreaOwners;
}

/// <summary>
/// Everything an admin configures about a cadence. <paramref name="Schedule"/> is the canonical text
/// of a parsed <see cref="Cadences.Schedule"/>; <paramref name="Reminders"/> are offsets before the due time.
/// </summary>
public sealed record CadenceDraft(
    string Name,
    string Template,
    string Schedule,
    string TimeZone,
    bool AllowFrequent,
    ParticipantRule Participants,
    TimeSpan Window,
    IReadOnlyList<TimeSpan> Reminders,
    long? EscalateTo,
    string RollupChannel,
    IReadOnlyList<long> Observers,
    IReadOnlyList<DateOnly> Skips)
{
    public Schedule ParsedSchedule =>
        ScheduleParser.TryParse(Schedule, out var schedule, out var problem)
            ? schedule
            : throw new InvalidOperationException($"The stored schedule of '{Name}' no longer parses: {problem}");

    public TimeZoneInfo Zone => Zones.Find(TimeZone) ?? Zones.Find(Zones.Fallback)!;

    public Template Form => Templates.Find(Template) ?? throw new InvalidOperationException($"'{Name}' uses the unknown template '{Template}'.");
}

public sealed record Cadence(long Id, bool Paused, CadenceDraft Draft)
{
    public string Name => Draft.Name;
}

/// <summary>One occurrence of a cadence: its window and, once the digest went out, when it closed.</summary>
public sealed record Cycle(long Id, long CadenceId, int Number, DateTimeOffset OpensAt, DateTimeOffset DueAt, DateTimeOffset? ClosedAt);

/// <summary>A participant of a cycle, fixed when it opens, with the product area they answer for (the digest groups by it).</summary>
public sealed record CycleMember(long PersonId, string? Area);

/// <summary>One person's answers for one cycle, keyed by question id.</summary>
public sealed record Submission(long CycleId, long PersonId, IReadOnlyDictionary<string, string> Answers, DateTimeOffset SubmittedAt, DateTimeOffset UpdatedAt, bool Late);
