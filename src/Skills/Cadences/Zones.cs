using System.Globalization;

namespace ProductOps.Skills.Cadences;

/// <summary>Time zones by IANA id, and turning local wall-clock times into instants across daylight-saving changes.</summary>
public static class Zones
{
    public const string Fallback = "Europe/London";

    public static TimeZoneInfo? Find(string? id) =>
        !string.IsNullOrWhiteSpace(id) && TimeZoneInfo.TryFindSystemTimeZoneById(id.Trim(), out var zone) ? zone : null;

    /// <summary>The person's zone, else the given one: people whose zone the platform never told still get a sensible hour.</summary>
    public static TimeZoneInfo Of(string? personZone, TimeZoneInfo fallback) => Find(personZone) ?? fallback;

    /// <summary>
    /// The instant of a local time. A time skipped by a spring-forward change moves to the first valid
    /// minute after it; a time repeated by an autumn change is its first (summer-time) instance.
    /// </summary>
    public static DateTimeOffset At(DateOnly date, TimeOnly time, TimeZoneInfo zone)
    {
        var local = date.ToDateTime(time, DateTimeKind.Unspecified);
        while (zone.IsInvalidTime(local))
        {
            local = local.AddMinutes(15);
        }

        var offset = zone.IsAmbiguousTime(local) ? zone.GetAmbiguousTimeOffsets(local).Max() : zone.GetUtcOffset(local);
        return new DateTimeOffset(local, offset);
    }

    /// <summary>"Fri 6 Mar 17:00" in the zone; the year only when it is not the year of <paramref name="now"/>.</summary>
    public static string Show(DateTimeOffset at, TimeZoneInfo zone, DateTimeOffset? now = null)
    {
        var local = TimeZoneInfo.ConvertTime(at, zone);
        var format = now is { } n && TimeZoneInfo.ConvertTime(n, zone).Year != local.Year ? "ddd d MMM yyyy HH:mm" : "ddd d MMM HH:mm";
        return local.ToString(format, CultureInfo.InvariantCulture);
    }

    public static string ShowDate(DateOnly date) => date.ToString("ddd d MMM yyyy", CultureInfo.InvariantCulture);
}

/// <summary>When a DM may reach someone: working hours on working days in their own time zone.</summary>
public static class SensibleHours
{
    public static readonly TimeOnly Start = new(9, 0);
    public static readonly TimeOnly End = new(18, 0);

    /// <summary><paramref name="at"/> itself when it is within working hours for the person, else the next start of their working day.</summary>
    public static DateTimeOffset Next(DateTimeOffset at, TimeZoneInfo zone)
    {
        var local = TimeZoneInfo.ConvertTime(at, zone);
        var date = DateOnly.FromDateTime(local.DateTime);
        var time = TimeOnly.FromDateTime(local.DateTime);
        if (Schedule.IsWorkingDay(date) && time >= Start && time < End)
        {
            return at;
        }

        if (!Schedule.IsWorkingDay(date) || time >= End)
        {
            date = date.AddDays(1);
        }

        while (!Schedule.IsWorkingDay(date))
        {
            date = date.AddDays(1);
        }

        return Zones.At(date, Start, zone);
    }
}
