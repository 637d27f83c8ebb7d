using System.Globalization;

namespace ProductOps.Skills.Cadences;

/// <summary>How often a cadence's cycle opens.</summary>
public enum Repeat
{
    Daily,
    Weekdays,
    Weekly,
    EveryOtherWeek,
    MonthlyNthWeekday,
    MonthlyDay,
    MonthlyWorkingDaysBeforeEnd,
    QuarterlyNthWeekday,
    QuarterlyWorkingDaysBeforeEnd,
}

/// <summary>
/// When a cadence's cycles open, as local wall-clock time in the cadence's time zone. Occurrences are
/// computed here rather than with cron, because cron cannot say "every other week" or "10 working days
/// before quarter end"; the scheduler only ever holds the next occurrence.
/// <paramref name="N"/> is the week of the month for nth-weekday schedules (1–4, -1 for last), the day
/// of the month, or the count of working days.
/// </summary>
public sealed record Schedule(Repeat Repeat, TimeOnly Time, DayOfWeek Day = DayOfWeek.Monday, int N = 0)
{
    /// <summary>Weeks of every-other-week schedules count from this Monday, so the same text always means the same weeks.</summary>
    private static readonly DateOnly Epoch = new(2024, 1, 1);

    /// <summary>Stand-ups and other team rituals are not cadences; these need an admin's explicit override.</summary>
    public bool MoreFrequentThanWeekly => Repeat is Repeat.Daily or Repeat.Weekdays;

    /// <summary>The canonical text, which <see cref="ScheduleParser"/> reads back to this schedule.</summary>
    public string Text => Repeat switch
    {
        Repeat.Daily => $"daily at {Clock}",
        Repeat.Weekdays => $"every weekday at {Clock}",
        Repeat.Weekly => $"weekly on {Day} at {Clock}",
        Repeat.EveryOtherWeek => $"every other {Day} at {Clock}",
        Repeat.MonthlyNthWeekday => $"monthly on the {Ordinal(N)} {Day} at {Clock}",
        Repeat.MonthlyDay => $"monthly on day {N} at {Clock}",
        Repeat.MonthlyWorkingDaysBeforeEnd => $"monthly, {N} working {Days(N)} before month end at {Clock}",
        Repeat.QuarterlyNthWeekday => $"quarterly on the {Ordinal(N)} {Day} at {Clock}",
        Repeat.QuarterlyWorkingDaysBeforeEnd => $"quarterly, {N} working {Days(N)} before quarter end at {Clock}",
        _ => throw new InvalidOperationException($"Unknown repeat {Repeat}."),
    };

    /// <summary>The schedule as a sentence, for echoing back what was understood.</summary>
    public string Describe() => Repeat switch
    {
        Repeat.Daily => $"every day at {Clock}",
        Repeat.Weekdays => $"every weekday (Monday to Friday) at {Clock}",
        Repeat.Weekly => $"every week on {Day} at {Clock}",
        Repeat.EveryOtherWeek => $"every other week on {Day} at {Clock}",
        Repeat.MonthlyNthWeekday => $"every month on the {Ordinal(N)} {Day} at {Clock}",
        Repeat.MonthlyDay => $"every month on day {N} (the last day in shorter months) at {Clock}",
        Repeat.MonthlyWorkingDaysBeforeEnd => $"every month, {N} working {Days(N)} (Monday to Friday) before the month ends, at {Clock}",
        Repeat.QuarterlyNthWeekday => N < 0
            ? $"every quarter on the last {Day} of its last month at {Clock}"
            : $"every quarter on the {Ordinal(N)} {Day} of its first month at {Clock}",
        Repeat.QuarterlyWorkingDaysBeforeEnd => $"every quarter, {N} working {Days(N)} (Monday to Friday) before the quarter ends, at {Clock}",
        _ => throw new InvalidOperationException($"Unknown repeat {Repeat}."),
    };

    private string Clock => Time.ToString("HH:mm", CultureInfo.InvariantCulture);

    public bool OccursOn(DateOnly date) => Repeat switch
    {
        Repeat.Daily => true,
        Repeat.Weekdays => IsWorkingDay(date),
        Repeat.Weekly => date.DayOfWeek == Day,
        Repeat.EveryOtherWeek => date.DayOfWeek == Day && (date.DayNumber - Epoch.DayNumber) / 7 % 2 == 0,
        Repeat.MonthlyNthWeekday => date == NthWeekday(date.Year, date.Month, Day, N),
        Repeat.MonthlyDay => date.Day == Math.Min(N, DateTime.DaysInMonth(date.Year, date.Month)),
        Repeat.MonthlyWorkingDaysBeforeEnd => date == WorkingDaysBefore(LastDay(date.Year, date.Month), N),
        Repeat.QuarterlyNthWeekday => date == NthWeekday(date.Year, QuarterMonth(date, N < 0), Day, N),
        Repeat.QuarterlyWorkingDaysBeforeEnd => date == WorkingDaysBefore(LastDay(date.Year, QuarterMonth(date, last: true)), N),
        _ => false,
    };

    /// <summary>The first occurrence strictly after <paramref name="after"/>.</summary>
    public DateTimeOffset NextAfter(DateTimeOffset after, TimeZoneInfo zone, IReadOnlyCollection<DateOnly>? skipped = null)
    {
        var start = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(after, zone).DateTime);

        // Every schedule repeats at least once a quarter, so two years always holds a match.
        for (var date = start; date < start.AddYears(2); date = date.AddDays(1))
        {
            if (!OccursOn(date) || skipped?.Contains(date) == true)
            {
                continue;
            }

            var at = Zones.At(date, Time, zone);
            if (at > after)
            {
                return at;
            }
        }

        throw new InvalidOperationException($"The schedule '{Text}' has no occurrence within two years of {after:O}.");
    }

    public IReadOnlyList<DateTimeOffset> Next(DateTimeOffset after, TimeZoneInfo zone, int count, IReadOnlyCollection<DateOnly>? skipped = null)
    {
        var list = new List<DateTimeOffset>(count);
        for (var i = 0; i < count; i++)
        {
            after = NextAfter(after, zone, skipped);
            list.Add(after);
        }

        return list;
    }

    public static bool IsWorkingDay(DateOnly date) => date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday);

    private static DateOnly LastDay(int year, int month) => new(year, month, DateTime.DaysInMonth(year, month));

    private static int QuarterMonth(DateOnly date, bool last) => ((date.Month - 1) / 3 * 3) + (last ? 3 : 1);

    private static DateOnly NthWeekday(int year, int month, DayOfWeek day, int n)
    {
        if (n < 0)
        {
            var last = LastDay(year, month);
            return last.AddDays(-(((int)last.DayOfWeek - (int)day + 7) % 7));
        }

        var first = new DateOnly(year, month, 1);
        return first.AddDays((((int)day - (int)first.DayOfWeek + 7) % 7) + (7 * (n - 1)));
    }

    private static DateOnly WorkingDaysBefore(DateOnly end, int count)
    {
        var date = end;
        for (var counted = 0; counted < count;)
        {
            date = date.AddDays(-1);
            if (IsWorkingDay(date))
            {
                counted++;
            }
        }

        return date;
    }

    internal static string Ordinal(int n) => n switch
    {
        1 => "first",
        2 => "second",
        3 => "third",
        4 => "fourth",
        _ => "last",
    };

    private static string Days(int n) => n == 1 ? "day" : "days";
}
