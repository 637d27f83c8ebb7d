using ProductOps.Skills.Cadences;
using ProductOps.Skills.Conversation;

namespace ProductOps.Skills.Tests.Cadences;

public sealed class CadenceCommandsTests
{
    [Fact]
    public async Task Create_ValidForm_SavesAuditsSchedulesAndEchoesTheSchedule()
    {
        await using var chat = await CadenceChat.StartAsync();
        var maya = await chat.PersonAsync("Maya Ops", "maya", "Europe/London", Role.Admin);
        await chat.PersonAsync("Priya Patel", "priya", "Europe/London", Role.Pm);

        var text = CadenceChat.Text(await chat.CreateAsync(maya, ("schedule", "quarterly, 10 working days before quarter end")));

        Assert.Contains("Created Roadmap check-in. Here is what I understood:", text);
        Assert.Contains("Schedule: every quarter, 10 working days (Monday to Friday) before the quarter ends, at 10:00 (Europe/London)", text);
        Assert.Contains("Next openings: Tue 17 Mar 10:00; Tue 16 Jun 10:00; Wed 16 Sep 10:00", text);
        Assert.Equal(new DateTimeOffset(2026, 3, 17, 10, 0, 0, TimeSpan.Zero), chat.Scheduler.Openings[1]);
        var entry = Assert.Single(await chat.Chat.Audit.LatestAsync(5, CancellationToken.None));
        Assert.Equal((CadenceAudit.Create, "Roadmap check-in"), (entry.Action, entry.Subject));
    }

    [Fact]
    public async Task Create_AsPm_RefusedByRole()
    {
        await using var chat = await CadenceChat.StartAsync();
        var priya = await chat.PersonAsync("Priya Patel", "priya", "Europe/London", Role.Pm);

        var command = await chat.SayAsync(priya, "/cadence create");
        var form = await chat.CreateAsync(priya);

        Assert.Contains("/cadence create needs the admin role. You have PM.", command);
        Assert.Contains("That form needs the admin role", CadenceChat.Text(form));
        Assert.Empty(await chat.Cadences.ListAsync(CancellationToken.None));
    }

    [Theory]
    [InlineData("schedule", "every blue moon", "schedule", "I can't read \"every blue moon\" as a schedule. I understand, for example: weekly on Friday at 16:00;")]
    [InlineData("schedule", "daily at 9:00", "schedule", "That reads as every day at 09:00, more often than weekly. Cadences are for check-ins, not stand-ups; tick the admin override to allow it.")]
    [InlineData("window", "-1 day", "window", "A window of -1 day closes before it opens.")]
    [InlineData("window", "40 days", "window", "A window of 40 days runs into the next cycle: cycles can open 28 days apart.")]
    [InlineData("reminders", "5 days", "reminders", "A reminder 5 days before due would come before the cycle opens (the window is 4 days 7 hours).")]
    [InlineData("roles", "", "people", "A cadence needs participants: choose people, a role, or the owners of product areas.")]
    [InlineData("template", "standup", "template", "There is no template \"standup\". Choose one of: roadmap, planning, okr, gtm, launch.")]
    [InlineData("time_zone", "Mars/Olympus", "time_zone", "\"Mars/Olympus\" is not a time zone I know.")]
    [InlineData("channel", "product rollup", "channel", "\"product rollup\" is not a channel name")]
    public async Task Create_BadInput_KeepsTheFormOpenWithAClearMessageAndSavesNothing(string field, string value, string errorField, string expected)
    {
        await using var chat = await CadenceChat.StartAsync();
        var maya = await chat.PersonAsync("Maya Ops", "maya", "Europe/London", Role.Admin);
        await chat.PersonAsync("Priya Patel", "priya", "Europe/London", Role.Pm);

        var response = await chat.CreateAsync(maya, (field, value));

        Assert.Contains(expected, response.FieldErrors[errorField]);
        Assert.Empty(await chat.Cadences.ListAsync(CancellationToken.None));
        Assert.Empty(chat.Scheduler.Openings);
        Assert.Empty(await chat.Chat.Audit.LatestAsync(5, CancellationToken.None));
    }

    [Fact]
    public async Task Create_DailyWithOverride_Accepted()
    {
        await using var chat = await CadenceChat.StartAsync();
        var maya = await chat.PersonAsync("Maya Ops", "maya", "Europe/London", Role.Admin);
        await chat.PersonAsync("Priya Patel", "priya", "Europe/London", Role.Pm);

        var text = CadenceChat.Text(await chat.CreateAsync(maya, ("schedule", "every weekday at 9:00"), ("frequent", "true"), ("window", "6 hours"), ("reminders", "1 hour")));

        Assert.Contains("every weekday (Monday to Friday) at 09:00 (Europe/London), allowed by an admin override", text);
    }

    [Fact]
    public async Task Create_RoleNobodyHolds_RefusedAsNoParticipants()
    {
        await using var chat = await CadenceChat.StartAsync();
        var maya = await chat.PersonAsync("Maya Ops", "maya", "Europe/London", Role.Admin);

        var response = await chat.CreateAsync(maya, ("roles", "leader"));

        Assert.Contains("Nobody matches these participants yet", response.FieldErrors["people"]);
    }

    [Fact]
    public async Task Create_DuplicateName_Refused()
    {
        await using var chat = await CadenceChat.StartAsync();
        var maya = await chat.PersonAsync("Maya Ops", "maya", "Europe/London", Role.Admin);
        await chat.PersonAsync("Priya Patel", "priya", "Europe/London", Role.Pm);
        await chat.CreateAsync(maya);

        var response = await chat.CreateAsync(maya, ("name", "ROADMAP CHECK-IN"));

        Assert.Contains("There is already a cadence called \"Roadmap check-in\"", response.FieldErrors["name"]);
    }

    [Fact]
    public async Task Edit_NewSchedule_ReschedulesAndAudits()
    {
        await using var chat = await CadenceChat.StartAsync();
        var maya = await chat.PersonAsync("Maya Ops", "maya", "Europe/London", Role.Admin);
        await chat.PersonAsync("Priya Patel", "priya", "Europe/London", Role.Pm);
        await chat.CreateAsync(maya);
        var form = (await chat.Chat.SendAsync(maya, "/cadence edit Roadmap check-in")).Form!;
        var values = form.Inputs.ToDictionary(i => i.Id, Initial);
        values["schedule"] = ["weekly on Friday at 16:00"];
        values["window"] = ["1 hour"];
        values["reminders"] = ["30 minutes"];

        var text = CadenceChat.Text(await chat.SubmitAsync(maya, form.FormId, new FormValues(values), form.State));

        Assert.Contains("Updated Roadmap check-in.", text);
        Assert.Equal(new DateTimeOffset(2026, 3, 6, 16, 0, 0, TimeSpan.Zero), chat.Scheduler.Openings[1]);
        Assert.Equal(CadenceAudit.Edit, (await chat.Chat.Audit.LatestAsync(1, CancellationToken.None))[0].Action);
    }

    [Fact]
    public async Task PauseAndResume_UnschedulesThenSchedulesAgain()
    {
        await using var chat = await CadenceChat.StartAsync();
        var maya = await chat.PersonAsync("Maya Ops", "maya", "Europe/London", Role.Admin);
        await chat.PersonAsync("Priya Patel", "priya", "Europe/London", Role.Pm);
        await chat.CreateAsync(maya);

        var paused = await chat.SayAsync(maya, "/cadence pause Roadmap check-in");
        var wasScheduled = chat.Scheduler.Openings.ContainsKey(1);
        var list = await chat.SayAsync(maya, "/cadence list");
        var resumed = await chat.SayAsync(maya, "/cadence resume roadmap check-in");

        Assert.Contains("Paused Roadmap check-in", paused);
        Assert.False(wasScheduled);
        Assert.Contains("Roadmap check-in: Monthly roadmap check-in, every month on the first Monday at 10:00; paused.", list);
        Assert.Contains("Resumed Roadmap check-in; the next cycle opens Mon 2 Mar 10:00 (Europe/London).", resumed);
        Assert.True(chat.Scheduler.Openings.ContainsKey(1));
    }

    [Fact]
    public async Task Skip_NextOpening_MovesItToTheFollowingOne()
    {
        await using var chat = await CadenceChat.StartAsync();
        var maya = await chat.PersonAsync("Maya Ops", "maya", "Europe/London", Role.Admin);
        await chat.PersonAsync("Priya Patel", "priya", "Europe/London", Role.Pm);
        await chat.CreateAsync(maya);

        var wrongDay = await chat.SayAsync(maya, "/cadence skip Roadmap check-in 2026-03-03");
        var skipped = await chat.SayAsync(maya, "/cadence skip Roadmap check-in 2026-03-02");

        Assert.Contains("Roadmap check-in does not open on Tue 3 Mar 2026, so there is nothing to skip.", wrongDay);
        Assert.Contains("Roadmap check-in will not open on Mon 2 Mar 2026. The next cycle opens Mon 6 Apr 10:00 (Europe/London).", skipped);
        Assert.Equal(new DateTimeOffset(2026, 4, 6, 9, 0, 0, TimeSpan.Zero), chat.Scheduler.Openings[1]);
    }

    [Fact]
    public async Task RunNow_OpensACycleAtOnceAndNudges()
    {
        await using var chat = await CadenceChat.StartAsync();
        var maya = await chat.PersonAsync("Maya Ops", "maya", "Europe/London", Role.Admin);
        var priya = await chat.PersonAsync("Priya Patel", "priya", "Europe/London", Role.Pm);
        await chat.CreateAsync(maya);

        var missingNow = await chat.SayAsync(maya, "/cadence run Roadmap check-in");
        var text = await chat.SayAsync(maya, "/cadence run Roadmap check-in now");
        await chat.AdvanceToAsync(chat.Clock.GetUtcNow());
        var again = await chat.SayAsync(maya, "/cadence run Roadmap check-in now");

        Assert.Contains("End with now to confirm", missingNow);
        Assert.Contains("Opened cycle 1 of Roadmap check-in for 1 participants, due Fri 6 Mar 16:30 (Europe/London). All of them get their DM now.", text);
        Assert.Single(chat.To(priya));
        Assert.Contains("Cycle 1 of Roadmap check-in is still open until Fri 6 Mar 16:30", again);
    }

    [Fact]
    public async Task RunNow_WindowEndingOnAWeekend_IsDueMondayAndSaysWhoWaitsForTheirWorkingDay()
    {
        await using var chat = await CadenceChat.StartAsync();
        var maya = await chat.PersonAsync("Maya Ops", "maya", "Europe/London", Role.Admin);
        var priya = await chat.PersonAsync("Priya Patel", "priya", "Europe/London", Role.Pm);
        var tom = await chat.PersonAsync("Tom Becker", "tom", "America/Chicago", Role.Pm);
        await chat.CreateAsync(maya, ("schedule", "monthly on the last Friday at 10:00"));
        chat.Clock.Advance(TimeSpan.FromDays(2));

        var text = await chat.SayAsync(maya, "/cadence run Roadmap check-in now");
        await chat.AdvanceToAsync(chat.Clock.GetUtcNow());

        Assert.Contains("for 2 participants, due Mon 9 Mar 16:30 (Europe/London). 1 get their DM now; 1 when their working day starts (9:00, Monday to Friday, their time), before the cycle is due.", text);
        Assert.Single(chat.To(priya));
        Assert.Empty(chat.To(tom));
    }

    [Fact]
    public async Task Delete_UnschedulesAndKeepsSubmissions()
    {
        await using var chat = await CadenceChat.StartAsync();
        var maya = await chat.PersonAsync("Maya Ops", "maya", "Europe/London", Role.Admin);
        var priya = await chat.PersonAsync("Priya Patel", "priya", "Europe/London", Role.Pm);
        await chat.CreateAsync(maya);
        await chat.SayAsync(maya, "/cadence run Roadmap check-in now");
        await chat.SubmitAsync(priya, SubmissionForm.FormId, FormValues.Of(("status", "on_track"), ("now", "Fine")), "1");

        var text = await chat.SayAsync(maya, "/cadence delete Roadmap check-in");
        var status = await chat.SayAsync(priya, "/cadence status Roadmap check-in");

        Assert.Contains("Deleted Roadmap check-in", text);
        Assert.Empty(chat.Scheduler.Openings);
        Assert.Empty(chat.Scheduler.Steps);
        Assert.Contains("There is no cadence called Roadmap check-in.", status);
        Assert.Single(await chat.Cycles.SubmissionsAsync(1, CancellationToken.None));
    }

    [Fact]
    public async Task Status_UnknownName_SuggestsTheClosest()
    {
        await using var chat = await CadenceChat.StartAsync();
        var maya = await chat.PersonAsync("Maya Ops", "maya", "Europe/London", Role.Admin);
        var priya = await chat.PersonAsync("Priya Patel", "priya", "Europe/London", Role.Pm);
        await chat.CreateAsync(maya);

        var text = await chat.SayAsync(priya, "/cadence status Roadmap checkin");

        Assert.Contains("There is no cadence called Roadmap checkin. Did you mean \"Roadmap check-in\"?", text);
    }

    [Fact]
    public async Task Status_PastTheDueTimeBeforeTheCloseRuns_SaysPastDueNotOpen()
    {
        await using var chat = await CadenceChat.StartAsync();
        var maya = await chat.PersonAsync("Maya Ops", "maya", "Europe/London", Role.Admin);
        var priya = await chat.PersonAsync("Priya Patel", "priya", "Europe/London", Role.Pm);
        await chat.CreateAsync(maya);
        await chat.SayAsync(maya, "/cadence run Roadmap check-in now");
        var open = await chat.SayAsync(priya, "/cadence status Roadmap check-in");

        chat.Clock.Advance(TimeSpan.FromDays(4) + TimeSpan.FromHours(7));
        var due = await chat.SayAsync(priya, "/cadence status Roadmap check-in");

        Assert.StartsWith("Roadmap check-in, cycle 1: open;", open);
        Assert.StartsWith("Roadmap check-in, cycle 1: past due, the digest goes out shortly;", due);
    }

    [Fact]
    public async Task Status_NoCycleYet_SaysWhenTheFirstOpens()
    {
        await using var chat = await CadenceChat.StartAsync();
        var maya = await chat.PersonAsync("Maya Ops", "maya", "Europe/London", Role.Admin);
        var priya = await chat.PersonAsync("Priya Patel", "priya", "Europe/London", Role.Pm);
        await chat.CreateAsync(maya);

        var text = await chat.SayAsync(priya, "/cadence status Roadmap check-in");

        Assert.Contains("Roadmap check-in has had no cycle yet. The first opens Mon 2 Mar 10:00 (Europe/London).", text);
    }

    [Theory]
    [InlineData("/cadence away", "Say until when you are away")]
    [InlineData("/cadence away until tomorrow", "tomorrow is not a date; write it like 2026-03-20.")]
    [InlineData("/cadence away until 2026-02-01", "Sun 1 Feb 2026 has passed (today is Mon 2 Mar 2026).")]
    [InlineData("/cadence skip Roadmap check-in someday", "someday is not a date")]
    [InlineData("/cadence pause", "Name the cadence.")]
    public async Task Commands_BadInput_SayWhatIsWrong(string command, string expected)
    {
        await using var chat = await CadenceChat.StartAsync();
        var maya = await chat.PersonAsync("Maya Ops", "maya", "Europe/London", Role.Admin);
        await chat.PersonAsync("Priya Patel", "priya", "Europe/London", Role.Pm);
        await chat.CreateAsync(maya);

        var text = await chat.SayAsync(maya, command);

        Assert.Contains(expected, text);
        Assert.Empty(await chat.Away.ListAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Show_Cadence_ListsSettingsAndQuestions()
    {
        await using var chat = await CadenceChat.StartAsync();
        var maya = await chat.PersonAsync("Maya Ops", "maya", "Europe/London", Role.Admin);
        var priya = await chat.PersonAsync("Priya Patel", "priya", "Europe/London", Role.Pm);
        await chat.CreateAsync(maya, ("escalate_to", maya.Id.ToString()));

        var text = await chat.SayAsync(priya, "/cadence show Roadmap check-in");

        Assert.Contains("Participants: everyone with the role PM", text);
        Assert.Contains("Reminders: 1 day, 2 hours before it closes, to those missing", text);
        Assert.Contains("Escalation: @Maya Ops gets the list of the missing", text);
        Assert.Contains("1. Overall status (required)", text);
    }

    private static IReadOnlyList<string> Initial(Input input) => input switch
    {
        TextInput t => t.Initial is null ? [] : [t.Initial],
        SelectInput s => s.Initial,
        UserInput u => u.Initial,
        CheckboxInput c => c.Initial ? ["true"] : [],
        _ => [],
    };
}
