using ProductOps.Skills.Cadences;
using ProductOps.Skills.Conversation;

namespace ProductOps.Skills.Tests.Cadences;

public sealed class CadenceCycleTests
{
    private static readonly DateTimeOffset Opens = new(2026, 3, 2, 10, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Due = new(2026, 3, 6, 17, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Cycle_FromOpeningToDue_NudgesRemindsOnlyTheMissingThenDigestsAndEscalates()
    {
        await using var chat = await CadenceChat.StartAsync();
        var maya = await chat.PersonAsync("Maya Ops", "maya", "Europe/London", Role.Admin);
        var priya = await chat.PersonAsync("Priya Patel", "priya", "Europe/London", Role.Pm);
        var sam = await chat.PersonAsync("Sam Okafor", "sam", "America/New_York", Role.Pm);
        var helen = await chat.PersonAsync("Helen Zhang", "helen", "America/Los_Angeles", Role.Leader);
        await chat.CreateAsync(maya, ("escalate_to", maya.Id.ToString()), ("observers", helen.Id.ToString()));

        await chat.AdvanceToAsync(Opens);
        var nudge = Assert.Single(chat.To(priya));
        Assert.Empty(chat.To(sam));
        var button = nudge.Reply.Blocks.OfType<ButtonsBlock>().Single().Buttons.Single();
        var form = (await chat.PressAsync(priya, button.ActionId, button.Value)).Form!;
        var saved = await chat.SubmitAsync(priya, form.FormId, FormValues.Of(("status", "at_risk"), ("now", "Checkout v2 slips a week")), form.State);
        await chat.AdvanceToAsync(Due.AddMinutes(1));

        Assert.Contains("Thanks: your update to Roadmap check-in is in.", CadenceChat.Text(saved));
        Assert.Single(chat.To(priya));
        Assert.Equal(
            ["cadence:1:cycle:1:nudge:" + sam.Id, $"cadence:1:cycle:1:remind:{sam.Id}:1d", $"cadence:1:cycle:1:remind:{sam.Id}:2h"],
            chat.To(sam).Select(m => m.Key));
        Assert.Contains("Reminding you because the Roadmap check-in closes Fri 6 Mar 12:00 your time", chat.To(sam)[1].Reply.Fallback);
        var digest = Assert.Single(chat.Outbox.Sent, m => m.To is ChannelRecipient { Channel: "product-rollup" });
        Assert.Contains("@Priya Patel\nOverall status: At risk\nNow: what changed in what you are building: Checkout v2 slips a week", digest.Reply.Fallback);
        Assert.Contains("Missing (1): @Sam Okafor.", digest.Reply.Fallback);
        Assert.Equal(digest.Reply, Assert.Single(chat.To(helen)).Reply);
        var escalation = Assert.Single(chat.To(maya));
        Assert.Contains("without updates from 1 of 2: @Sam Okafor.", escalation.Reply.Fallback);
    }

    [Fact]
    public async Task Steps_RunTwice_SendNothingTwice()
    {
        await using var chat = await CadenceChat.StartAsync();
        var maya = await chat.PersonAsync("Maya Ops", "maya", "Europe/London", Role.Admin);
        await chat.PersonAsync("Priya Patel", "priya", "Europe/London", Role.Pm);
        await chat.CreateAsync(maya, ("escalate_to", maya.Id.ToString()));
        await chat.AdvanceToAsync(Opens);
        var steps = chat.Scheduler.Steps.ToArray();
        await chat.AdvanceToAsync(Due);
        var sent = chat.Outbox.Sent.Count;

        foreach (var step in steps)
        {
            await chat.Life.RunStepAsync(step, CancellationToken.None);
        }

        await chat.Life.OpenScheduledAsync(1, Opens, CancellationToken.None);

        Assert.Equal(sent, chat.Outbox.Sent.Count);
        Assert.Equal(5, sent);
        Assert.Equal(1, (await chat.Cycles.LatestAsync(1, CancellationToken.None))!.Number);
    }

    [Fact]
    public async Task Away_DuringCycle_SkippedAndShownAsAwayNotMissing()
    {
        await using var chat = await CadenceChat.StartAsync();
        var maya = await chat.PersonAsync("Maya Ops", "maya", "Europe/London", Role.Admin);
        var priya = await chat.PersonAsync("Priya Patel", "priya", "Europe/London", Role.Pm);
        await chat.CreateAsync(maya, ("escalate_to", maya.Id.ToString()));
        var reply = await chat.SayAsync(priya, "/cadence away until 2026-03-10");

        await chat.AdvanceToAsync(Opens.AddHours(1));
        var status = await chat.SayAsync(priya, "/cadence status Roadmap check-in");
        await chat.AdvanceToAsync(Due);

        Assert.Contains("You are away until the end of Tue 10 Mar 2026", reply);
        Assert.Empty(chat.To(priya));
        Assert.Contains("Missing (0): nobody\nAway (1): @Priya Patel (until Tue 10 Mar 2026)", status);
        var digest = Assert.Single(chat.Outbox.Sent, m => m.To is ChannelRecipient);
        Assert.Contains("No updates were submitted this cycle.", digest.Reply.Fallback);
        Assert.Contains("Away (1): @Priya Patel", digest.Reply.Fallback);
        Assert.Empty(chat.To(maya));
    }

    [Fact]
    public async Task Submit_AfterDue_AcceptedAndMarkedLate_ButAnEditAfterDueIsRefusedWithTheFormKept()
    {
        await using var chat = await CadenceChat.StartAsync();
        var maya = await chat.PersonAsync("Maya Ops", "maya", "Europe/London", Role.Admin);
        var priya = await chat.PersonAsync("Priya Patel", "priya", "Europe/London", Role.Pm);
        await chat.CreateAsync(maya);
        await chat.AdvanceToAsync(Due.AddHours(1));
        var cycle = (await chat.Cycles.LatestAsync(1, CancellationToken.None))!;
        var answers = FormValues.Of(("status", "on_track"), ("now", "On plan"));

        var late = await chat.SubmitAsync(priya, SubmissionForm.FormId, answers, cycle.Id.ToString());
        var edit = await chat.SubmitAsync(priya, SubmissionForm.FormId, FormValues.Of(("status", "off_track"), ("now", "Changed")), cycle.Id.ToString());

        Assert.Contains("marked late because it closed Fri 6 Mar 17:00 your time", CadenceChat.Text(late));
        Assert.Contains("the update you sent stays as it was", edit.FieldErrors["status"]);
        var stored = Assert.Single(await chat.Cycles.SubmissionsAsync(cycle.Id, CancellationToken.None));
        Assert.Equal((true, "on_track"), (stored.Late, stored.Answers["status"]));
    }

    [Fact]
    public async Task SubmitButton_SecondCycle_PrefilledFromPreviousAnswers()
    {
        await using var chat = await CadenceChat.StartAsync();
        var maya = await chat.PersonAsync("Maya Ops", "maya", "Europe/London", Role.Admin);
        var priya = await chat.PersonAsync("Priya Patel", "priya", "Europe/London", Role.Pm);
        await chat.CreateAsync(maya);
        await chat.AdvanceToAsync(Opens);
        var first = (await chat.Cycles.LatestAsync(1, CancellationToken.None))!;
        await chat.SubmitAsync(priya, SubmissionForm.FormId, FormValues.Of(("status", "on_track"), ("now", "Refunds beta")), first.Id.ToString());

        await chat.AdvanceToAsync(new DateTimeOffset(2026, 4, 6, 9, 0, 0, TimeSpan.Zero));
        var second = (await chat.Cycles.LatestAsync(1, CancellationToken.None))!;
        var form = (await chat.PressAsync(priya, SubmitUpdateHandler.ActionId, second.Id.ToString())).Form!;

        Assert.Equal(2, second.Number);
        Assert.Equal("Refunds beta", form.Inputs.OfType<TextInput>().Single(i => i.Id == "now").Initial);
        Assert.Equal(["on_track"], form.Inputs.OfType<SelectInput>().Single(i => i.Id == "status").Initial);
    }

    [Fact]
    public async Task SubmitButton_NotAParticipant_Refused()
    {
        await using var chat = await CadenceChat.StartAsync();
        var maya = await chat.PersonAsync("Maya Ops", "maya", "Europe/London", Role.Admin);
        await chat.PersonAsync("Priya Patel", "priya", "Europe/London", Role.Pm);
        var tom = await chat.PersonAsync("Tom Becker", "tom", "America/Chicago", Role.Gtm);
        await chat.CreateAsync(maya);
        await chat.AdvanceToAsync(Opens);

        var reply = await chat.PressAsync(tom, SubmitUpdateHandler.ActionId, "1");

        Assert.Null(reply.Form);
        Assert.Contains("You are not a participant of Roadmap check-in, cycle 1", CadenceChat.Text(reply));
    }

    [Fact]
    public async Task Nudge_ParticipantAbroad_WaitsForTheirWorkingHours()
    {
        await using var chat = await CadenceChat.StartAsync();
        var maya = await chat.PersonAsync("Maya Ops", "maya", "Europe/London", Role.Admin);
        var aisha = await chat.PersonAsync("Aisha Khan", "aisha", "America/Los_Angeles", Role.Pm);
        await chat.CreateAsync(maya);

        await chat.AdvanceToAsync(Opens.AddHours(6));
        var before = chat.To(aisha).Count;
        await chat.AdvanceToAsync(Opens.AddHours(7));

        Assert.Equal(0, before);
        Assert.Contains("Please send your update by Fri 6 Mar 09:00 your time.", Assert.Single(chat.To(aisha)).Reply.Fallback);
    }

    [Fact]
    public async Task PersonalQuestions_AskedInsteadOfTheTemplates_AppliedOnSave_AndShownInTheDigest()
    {
        await using var chat = await CadenceChat.StartAsync();
        var keyResults = new KeyResultQuestions();
        chat.PersonalQuestions.Add(keyResults);
        var maya = await chat.PersonAsync("Maya Ops", "maya", "Europe/London", Role.Admin);
        var priya = await chat.PersonAsync("Priya Patel", "priya", "Europe/London", Role.Pm);
        await chat.CreateAsync(maya, ("name", "OKR update"), ("template", "okr"));
        await chat.AdvanceToAsync(Opens);

        var form = (await chat.PressAsync(priya, SubmitUpdateHandler.ActionId, "1")).Form!;
        var saved = await chat.SubmitAsync(priya, form.FormId, FormValues.Of(("KR-7 confidence", "3"), ("KR-7 reason", "Pipeline slipping")), form.State);
        await chat.AdvanceToAsync(Due.AddMinutes(1));

        Assert.Equal(["KR-7 confidence", "KR-7 reason"], form.Inputs.Select(i => i.Id));
        Assert.Contains("Thanks: your update to OKR update is in.", CadenceChat.Text(saved));
        Assert.Equal(("3", "Pipeline slipping"), (keyResults.Applied!["KR-7 confidence"], keyResults.Applied["KR-7 reason"]));
        var digest = Assert.Single(chat.Outbox.Sent, m => m.To is ChannelRecipient);
        Assert.Contains("@Priya Patel\nKR-7 confidence: 3\nKR-7 reason: Pipeline slipping", digest.Reply.Fallback);
        Assert.Equal(1, Templates.Okr.Risk(keyResults.Applied));
    }

    /// <summary>One key result, KR-7, for everyone; records what was applied.</summary>
    private sealed class KeyResultQuestions : IPersonalQuestions
    {
        public IReadOnlyDictionary<string, string>? Applied { get; private set; }

        public bool Serves(Template form) => form.Key == "okr";

        public Task<IReadOnlyList<Question>> QuestionsAsync(Person person, CancellationToken ct) =>
            Task.FromResult<IReadOnlyList<Question>>(
                [new Question("KR-7" + Template.ConfidenceSuffix, "KR-7 confidence (1–10)", QuestionType.Scale, true), new Question("KR-7 reason", "KR-7 one-line reason", QuestionType.ShortText, true)]);

        public Task AppliedAsync(Person person, IReadOnlyDictionary<string, string> answers, CancellationToken ct)
        {
            Applied = answers;
            return Task.CompletedTask;
        }
    }
}
