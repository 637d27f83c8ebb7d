using System.Globalization;
using System.Text.RegularExpressions;

namespace ProductOps.Skills.Cadences;

/// <summary>
/// Reads friendly schedules: "monthly on the first Monday at 10:00", "quarterly, 10 working days
/// before quarter end", "every other Wednesday at 9:30", "weekly on Friday at 16:00". A schedule
/// without a time opens at <see cref="DefaultTime"/>.
/// </summary>
public static partial class ScheduleParser
{
    public static readonly TimeOnly DefaultTime = new(10, 0);

    /// <summary>What the parser understands, for messages that answer a schedule it does not.</summary>
    public static readonly string[] Examples =
    [
        "weekly on Friday at 16:00",
        "every other Wednesday at 9:30",
        "monthly on the first Monday at 10:00",
        "monthly on the last Friday at 15:00",
        "monthly on day 15 at 9:00",
        "monthly, 3 working days before month end at 11:00",
        "quarterly on the first Tuesday at 10:00",
        "quarterly, 10 working days before quarter end",
    ];

    private const string DayNames = "monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun";
    private const string Nth = "first|1st|second|2nd|third|3rd|fourth|4th|last";

    public static bool TryParse(string? text, out Schedule schedule, out string problem)
    {
        schedule = null!;
        problem = "";
        var clean = Spaces().Replace((text ?? "").Trim().TrimEnd('.').ToLowerInvariant().Replace(',', ' '), " ").Trim();
        if (clean.Length == 0)
        {
            problem = "The schedule is empty.";
            return false;
        }

        var time = DefaultTime;
        if (TimePart().Match(clean) is { Success: true } at)
        {
            if (!TryTime(at, out time, out problem))
            {
                return false;
            }

            clean = clean.Remove(at.Index, at.Length).Trim();
        }

        Schedule? found = clean switch
        {
            "daily" or "every day" => new Schedule(Repeat.Daily, time),
            "every weekday" or "weekdays" or "every working day" or "every workday" => new Schedule(Repeat.Weekdays, time),
            _ => Match(clean, time),
        };
        if (found is null)
        {
            problem = $"I can't read \"{text?.Trim()}\" as a schedule.";
            return false;
        }

        schedule = found;
        return true;
    }

    private static Schedule? Match(string text, TimeOnly time)
    {
        if (WeeklyPattern().Match(text) is { Success: true } weekly)
        {
            return new Schedule(Repeat.Weekly, time, Weekday(weekly.Groups["day"].Value));
        }

        if (OtherWeekPattern().Match(text) is { Success: true } other)
        {
            return new Schedule(Repeat.EveryOtherWeek, time, Weekday(other.Groups["day"].Value));
        }

        if (NthWeekdayPattern().Match(text) is { Success: true } nth)
        {
            var repeat = IsQuarter(nth.Groups["every"].Value) ? Repeat.QuarterlyNthWeekday : Repeat.MonthlyNthWeekday;
            return new Schedule(repeat, time, Weekday(nth.Groups["day"].Value), NthNumber(nth.Groups["nth"].Value));
        }

        if (MonthDayPattern().Match(text) is { Success: true } monthDay
            && int.TryParse(monthDay.Groups["n"].Value, CultureInfo.InvariantCulture, out var day) && day is >= 1 and <= 31)
        {
            return new Schedule(Repeat.MonthlyDay, time, N: day);
        }

        if (WorkingDaysPattern().Match(text) is { Success: true } working
            && int.TryParse(working.Groups["n"].Value, CultureInfo.InvariantCulture, out var count) && count is >= 1 and <= 40)
        {
            var quarterly = IsQuarter(working.Groups["every"].Value);
            if (quarterly != (working.Groups["end"].Value == "quarter"))
            {
                return null;
            }

            return new Schedule(quarterly ? Repeat.QuarterlyWorkingDaysBeforeEnd : Repeat.MonthlyWorkingDaysBeforeEnd, time, N: count);
        }

        return null;
    }

    private static bool TryTime(Match at, out TimeOnly time, out string problem)
    {
        time = default;
        problem = "";
        if (at.Groups["noon"].Success)
        {
            time = new TimeOnly(12, 0);
            return true;
        }

        var hour = int.Parse(at.Groups["h"].Value, CultureInfo.InvariantCulture);
        var minute = at.Groups["m"].Success ? int.Parse(at.Groups["m"].Value, CultureInfo.InvariantCulture) : 0;
        var half = at.Groups["ampm"].Value;
        if (half.Length > 0 && hour is >= 1 and <= 12)
        {
            hour = (hour % 12) + (half == "pm" ? 12 : 0);
        }
        else if (half.Length > 0)
        {
            hour = 99;
        }

        if (hour > 23 || minute > 59)
        {
            problem = $"\"{at.Value.Trim()}\" is not a time of day; write it like 9:30, 16:00 or 4pm.";
            return false;
        }

        time = new TimeOnly(hour, minute);
        return true;
    }

    private static bool IsQuarter(string every) => every.StartsWith('q') || every.Contains("quarter", StringComparison.Ordinal);

    private static int NthNumber(string nth) => nth switch
    {
        "first" or "1st" => 1,
        "second" or "2nd" => 2,
        "third" or "3rd" => 3,
        "fourth" or "4th" => 4,
        _ => -1,
    };

    private static DayOfWeek Weekday(string name) => name[..3] switch
    {
        "mon" => DayOfWeek.Monday,
        "tue" => DayOfWeek.Tuesday,
        "wed" => DayOfWeek.Wednesday,
        "thu" => DayOfWeek.Thursday,
        "fri" => DayOfWeek.Friday,
        "sat" => DayOfWeek.Saturday,
        _ => DayOfWeek.Sunday,
    };

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();

    [GeneratedRegex(@"\bat\s+(?:(?<noon>noon)|(?<h>\d{1,3})(?::(?<m>\d{2}))?\s*(?<ampm>am|pm)?)\s*$|\b(?<h>\d{1,3})(?::(?<m>\d{2})\s*(?<ampm>am|pm)?|\s*(?<ampm>am|pm))\s*$")]
    private static partial Regex TimePart();

    [GeneratedRegex($@"^(?:weekly(?: on)?|every week on|every|on)\s+(?:every\s+)?(?<day>{DayNames})s?$")]
    private static partial Regex WeeklyPattern();

    [GeneratedRegex($@"^(?:every other|every second|every 2nd|biweekly on|fortnightly on|every two weeks on)\s+(?<day>{DayNames})s?$")]
    private static partial Regex OtherWeekPattern();

    [GeneratedRegex($@"^(?<every>monthly|every month|quarterly|every quarter)(?: on)? the (?<nth>{Nth}) (?<day>{DayNames})(?: of the (?:month|quarter))?$")]
    private static partial Regex NthWeekdayPattern();

    [GeneratedRegex(@"^(?:monthly|every month) on (?:the )?(?:day )?(?<n>\d{1,2})(?:st|nd|rd|th)?(?: of the month)?$")]
    private static partial Regex MonthDayPattern();

    [GeneratedRegex(@"^(?<every>monthly|every month|quarterly|every quarter) (?<n>\d{1,2}) working days? before (?:the )?(?:(?<end>month|quarter) end|end of the (?<end>month|quarter))$")]
    private static partial Regex WorkingDaysPattern();
}
