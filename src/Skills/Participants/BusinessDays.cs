namespace ProductOps.Skills.Participants;

/// <summary>Monday to Friday, counted in UTC: approval reminders wait for working days, not weekends.</summary>
public static class BusinessDays
{
    public static DateTimeOffset Add(DateTimeOffset from, int days)
    {
        var at = from;
        var left = days;
        while (left > 0)
        {
            at = at.AddDays(1);
            if (at.UtcDateTime.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday))
            {
                left--;
            }
        }

        return at;
    }
}
