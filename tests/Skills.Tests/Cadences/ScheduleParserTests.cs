using System.Globalization;
using ProductOps.Skills.Cadences;

namespace ProductOps.Skills.Tests.Cadences;

public sealed class ScheduleParserTests
{
    [Theory]
    [InlineData("monthly on the first Monday at 10:00", "Europe/London", "2026-03-01T00:00:00Z", "2026-03-02T10:00:00+00:00", "2026-04-06T10:00:00+01:00", "2026-05-04T10:00:00+01:00")]
    [InlineData("quarterly, 10 working days before quarter end", "Europe/London", "2026-01-01T00:00:00Z", "2026-03-17T10:00:00+00:00", "2026-06-16T10:00:00+01:00", "2026-09-16T10:00:00+01:00")]
    [InlineData("every other Wednesday at 9:30", "Europe/London", "2026-03-20T00:00:00Z", "2026-03-25T09:30:00+00:00", "2026-04-08T09:30:00+01:00", "2026-04-22T09:30:00+01:00")]
    [InlineData("weekly on Friday at 16:00", "America/New_York", "2026-03-01T00:00:00Z", "2026-03-06T16:00:00-05:00", "2026-03-13T16:00:00-04:00", "2026-03-20T16:00:00-04:00")]
    [InlineData("monthly on day 31 at 9:00", "Europe/London", "2026-01-31T12:00:00Z", "2026-02-28T09:00:00+00:00", "2026-03-31T09:00:00+01:00", "2026-04-30T09:00:00+01:00")]
    [InlineData("monthly on the last Friday at 3pm", "Europe/London", "2026-03-01T00:00:00Z", "2026-03-27T15:00:00+00:00", "2026-04-24T15:00:00+01:00", "2026-05-29T15:00:00+01:00")]
    [InlineData("monthly, 3 working days before month end at 11:00", "Europe/London", "2026-03-01T00:00:00Z", "2026-03-26T11:00:00+00:00", "2026-04-27T11:00:00+01:00", "2026-05-27T11:00:00+01:00")]
    [InlineData("weekly on Sunday at 1:30", "Europe/London", "2026-03-21T00:00:00Z", "2026-03-22T01:30:00+00:00", "2026-03-29T02:00:00+01:00", "2026-04-05T01:30:00+01:00")]
    [InlineData("weekly on Sunday at 1:30", "Europe/London", "2026-10-20T00:00:00Z", "2026-10-25T01:30:00+01:00", "2026-11-01T01:30:00+00:00", "2026-11-08T01:30:00+00:00")]
    [InlineData("quarterly on the first Tuesday at 10:00", "Asia/Singapore", "2026-02-01T00:00:00Z", "2026-04-07T10:00:00+08:00", "2026-07-07T10:00:00+08:00", "2026-10-06T10:00:00+08:00")]
    public void Parse_FriendlySchedule_GivesNextThreeOccurrences(string text, string zone, string after, string first, string second, string third)
    {
        var parsed = ScheduleParser.TryParse(text, out var schedule, out var problem);

        Assert.True(parsed, problem);
        var next = schedule.Next(Time(after), Zones.Find(zone)!, 3);
        Assert.Equal([Time(first), Time(second), Time(third)], next);
        Assert.True(ScheduleParser.TryParse(schedule.Text, out var again, out _));
        Assert.Equal(schedule, again);
    }

    [Theory]
    [InlineData("monthly on the first Monday at 10:00", "every month on the first Monday at 10:00")]
    [InlineData("quarterly, 10 working days before quarter end", "every quarter, 10 working days (Monday to Friday) before the quarter ends, at 10:00")]
    [InlineData("every other Wednesday at 9:30", "every other week on Wednesday at 09:30")]
    [InlineData("Weekly on Friday at 16:00.", "every week on Friday at 16:00")]
    public void Describe_ParsedSchedule_EchoesItInWords(string text, string words)
    {
        Assert.True(ScheduleParser.TryParse(text, out var schedule, out _));

        var described = schedule.Describe();

        Assert.Equal(words, described);
    }

    [Theory]
    [InlineData("daily at 9:00")]
    [InlineData("every weekday at 9:15")]
    public void Parse_MoreOftenThanWeekly_IsUnderstoodAndFlagged(string text)
    {
        var parsed = ScheduleParser.TryParse(text, out var schedule, out _);

        Assert.True(parsed);
        Assert.True(schedule.MoreFrequentThanWeekly);
    }

    [Theory]
    [InlineData("every blue moon", "I can't read \"every blue moon\" as a schedule.")]
    [InlineData("", "The schedule is empty.")]
    [InlineData("weekly on Friday at 25:00", "\"at 25:00\" is not a time of day")]
    [InlineData("monthly on the fifth Monday", "I can't read")]
    [InlineData("monthly, 10 working days before quarter end", "I can't read")]
    public void Parse_NotASchedule_SaysWhatIsWrong(string text, string expected)
    {
        var parsed = ScheduleParser.TryParse(text, out _, out var problem);

        Assert.False(parsed);
        Assert.Contains(expected, problem);
    }

    private static DateTimeOffset Time(string text) => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture);
}
