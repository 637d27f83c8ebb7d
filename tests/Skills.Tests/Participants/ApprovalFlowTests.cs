using ProductOps.Skills.Conversation;
using ProductOps.Skills.Participants;

namespace ProductOps.Skills.Tests.Participants;

public sealed class ApprovalFlowTests
{
    [Fact]
    public async Task Confirm_WhenAccountRenewsSoon_ReservesOthersAndAsksTheOwnerInADm()
    {
        await using var chat = await ParticipantsChat.StartAsync();
        var (priya, noah, request) = await ProposedAsync(chat);

        var confirmed = TestKit.TestChat.PlainText(await chat.PressAsync(priya, ConfirmParticipantsHandler.ActionId, request));

        Assert.Contains("Reserved 1 for you until 2026-03-09:", confirmed);
        Assert.Contains("Bob Two <bob.two@globex.example>", confirmed);
        Assert.Contains("1 waits for the account owner's approval", confirmed);
        var dm = Assert.Single(chat.Outbox.To(noah));
        Assert.Contains("Acme Health renews on 2026-03-12, within the 30-day renewal quiet period", dm);
    }

    [Fact]
    public async Task Confirm_CutShortAfterTheLedgersWrite_ConfirmingAgainFinishesItAndAsksTheOwner()
    {
        await using var chat = await ParticipantsChat.StartAsync();
        var (priya, noah, request) = await ProposedAsync(chat);
        chat.Services.Add<IRequestStore>(new CrashBeforeClearingTheProposal(chat.Requests));
        await Assert.ThrowsAsync<IOException>(() => chat.PressAsync(priya, ConfirmParticipantsHandler.ActionId, request));
        chat.Services.Add<IRequestStore>(chat.Requests);

        var confirmed = TestKit.TestChat.PlainText(await chat.PressAsync(priya, ConfirmParticipantsHandler.ActionId, request));

        Assert.Contains("Reserved 1 for you until 2026-03-09:", confirmed);
        Assert.Contains("1 waits for the account owner's approval", confirmed);
        Assert.DoesNotContain("could not be reserved", confirmed);
        Assert.Contains("Acme Health renews on 2026-03-12, within the 30-day renewal quiet period", Assert.Single(chat.Outbox.To(noah)));
        Assert.Equal(RequestStatus.Open, (await chat.Requests.FindAsync(long.Parse(request, System.Globalization.CultureInfo.InvariantCulture), CancellationToken.None))!.Status);
    }

    [Fact]
    public async Task Approve_ByOwner_ReservesAndTellsThePm()
    {
        await using var chat = await ParticipantsChat.StartAsync();
        var (priya, noah, request) = await ProposedAsync(chat);
        await chat.PressAsync(priya, ConfirmParticipantsHandler.ActionId, request);
        var contact = ApprovalContact(chat, noah);

        var answer = TestKit.TestChat.PlainText(await chat.PressAsync(noah, ApproveContactHandler.ActionId, contact));
        var again = TestKit.TestChat.PlainText(await chat.PressAsync(noah, ApproveContactHandler.ActionId, contact));

        Assert.Contains("Approved: Ann One is reserved for SSO until 2026-03-09.", answer);
        Assert.Contains("@Noah Williams approved contact with Ann One (Acme Health) for SSO.", Assert.Single(chat.Outbox.To(priya)));
        Assert.Contains("This was already decided: Ann One is reserved for SSO.", again);
    }

    [Fact]
    public async Task Decline_WithReason_ReleasesAndTellsThePmWhy()
    {
        await using var chat = await ParticipantsChat.StartAsync();
        var (priya, noah, request) = await ProposedAsync(chat);
        await chat.PressAsync(priya, ConfirmParticipantsHandler.ActionId, request);
        var contact = ApprovalContact(chat, noah);

        var form = await chat.PressAsync(noah, DeclineContactHandler.ActionId, contact);
        var empty = await chat.SubmitAsync(noah, DeclineReasonHandler.FormId, form.Form!.State);
        await chat.SubmitAsync(noah, DeclineReasonHandler.FormId, form.Form!.State, (DeclineReasonHandler.Reason, "Renewal call next week"));

        Assert.Contains("Give a reason", empty.FieldErrors[DeclineReasonHandler.Reason]);
        Assert.Contains("declined contact with Ann One (Acme Health) for SSO: \"Renewal call next week\".", Assert.Single(chat.Outbox.To(priya)));
        var stored = await chat.Ledger.FindAsync(long.Parse(contact, System.Globalization.CultureInfo.InvariantCulture), CancellationToken.None);
        Assert.Equal(ContactStatus.Released, stored!.Status);
    }

    [Fact]
    public async Task Override_AfterTheOwnerDeclined_IsRefusedAndTheOwnerIsNotAskedAgain()
    {
        await using var chat = await ParticipantsChat.StartAsync();
        var (priya, noah, request) = await ProposedAsync(chat);
        var maya = await chat.PersonAsync("Maya Ops", "maya", Role.Admin);
        await chat.PressAsync(priya, ConfirmParticipantsHandler.ActionId, request);
        var form = await chat.PressAsync(noah, DeclineContactHandler.ActionId, ApprovalContact(chat, noah));
        await chat.SubmitAsync(noah, DeclineReasonHandler.FormId, form.Form!.State, (DeclineReasonHandler.Reason, "Renewal call next week"));

        var text = await chat.SayAsync(maya, $"/participants override {request} ann.one@acme.example reason=\"exec says ok\"");

        Assert.Equal($"@Noah Williams declined contact with Ann One for request #{request} (\"Renewal call next week\"). An override lifts the contact rules, not an account owner's decision; ask them to reconsider. Nothing changed.", text);
        Assert.Single(chat.Outbox.To(noah));
    }

    [Fact]
    public async Task Suggest_SomeoneElse_ReservesThemInsteadAndTellsThePm()
    {
        await using var chat = await ParticipantsChat.StartAsync();
        var (priya, noah, request) = await ProposedAsync(chat);
        var other = await chat.ParticipantAsync("cat.three@acme.example", (await chat.Accounts.FindByNameAsync("Acme Health", CancellationToken.None))!.Id);
        await chat.PressAsync(priya, ConfirmParticipantsHandler.ActionId, request);
        var contact = ApprovalContact(chat, noah);

        var form = await chat.PressAsync(noah, SuggestParticipantHandler.ActionId, contact);
        await chat.SubmitAsync(noah, SuggestFormHandler.FormId, form.Form!.State, (SuggestFormHandler.Instead, other.Person.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)));

        Assert.Contains("@Noah Williams suggests Cat Three", Assert.Single(chat.Outbox.To(priya)));
        var mine = await chat.SayAsync(priya, "/participants mine");
        Assert.Contains("Cat Three <cat.three@acme.example>, Acme Health (enterprise, admin, EMEA): reserved", mine);
        Assert.DoesNotContain("Ann One", mine);
    }

    [Fact]
    public async Task Approve_BySomeoneElse_IsRefusedWithWhoDecides()
    {
        await using var chat = await ParticipantsChat.StartAsync();
        var (priya, noah, request) = await ProposedAsync(chat);
        await chat.PressAsync(priya, ConfirmParticipantsHandler.ActionId, request);

        var text = TestKit.TestChat.PlainText(await chat.PressAsync(priya, ApproveContactHandler.ActionId, ApprovalContact(chat, noah)));

        Assert.Contains("@Noah Williams, the owner of Acme Health, or a product-ops admin decides", text);
    }

    [Fact]
    public async Task FollowUps_NoAnswerForThreeBusinessDays_RemindThenEscalateToAdmins()
    {
        await using var chat = await ParticipantsChat.StartAsync();
        var maya = await chat.PersonAsync("Maya Ops", "maya", Role.Admin);
        var (priya, noah, request) = await ProposedAsync(chat);
        await chat.PressAsync(priya, ConfirmParticipantsHandler.ActionId, request);
        var followUps = (ParticipantFollowUps)chat.Services.GetService(typeof(ParticipantFollowUps))!;

        chat.Clock.Advance(TimeSpan.FromDays(2));
        var early = await followUps.RunAsync(CancellationToken.None);
        chat.Clock.Advance(TimeSpan.FromDays(1));
        var reminded = await followUps.RunAsync(CancellationToken.None);
        chat.Clock.Advance(TimeSpan.FromDays(5));
        var escalated = await followUps.RunAsync(CancellationToken.None);
        var quiet = await followUps.RunAsync(CancellationToken.None);

        Assert.Equal(new FollowUpResult(0, 0, 0), early);
        Assert.Equal(1, reminded.Reminded);
        Assert.Contains(chat.Outbox.To(noah), m => m.StartsWith("Reminder: research contact still needs your approval", StringComparison.Ordinal));
        Assert.Equal(1, escalated.Escalated);
        Assert.Contains(chat.Outbox.To(maya), m => m.StartsWith("Escalated: research contact waits for an approval", StringComparison.Ordinal));
        Assert.Contains(chat.Outbox.To(priya), m => m.Contains("I asked the product-ops admins to decide", StringComparison.Ordinal));
        Assert.Equal(new FollowUpResult(0, 0, 0), quiet);
    }

    [Fact]
    public async Task FollowUps_ReservationNotContactedInSevenDays_LapsesAndTellsThePm()
    {
        await using var chat = await ParticipantsChat.StartAsync();
        var (priya, _, request) = await ProposedAsync(chat);
        await chat.PressAsync(priya, ConfirmParticipantsHandler.ActionId, request);
        var followUps = (ParticipantFollowUps)chat.Services.GetService(typeof(ParticipantFollowUps))!;

        chat.Clock.Advance(TimeSpan.FromDays(6));
        var before = await followUps.RunAsync(CancellationToken.None);
        chat.Clock.Advance(TimeSpan.FromDays(1));
        var after = await followUps.RunAsync(CancellationToken.None);

        Assert.Equal(0, before.Lapsed);
        Assert.Equal(1, after.Lapsed);
        Assert.Contains(chat.Outbox.To(priya), m => m.StartsWith("The reservations of Bob Two (Globex) for SSO", StringComparison.Ordinal));
        Assert.Contains("released", await chat.SayAsync(priya, "/participants check bob.two@globex.example"));
    }

    /// <summary>Priya proposes Ann (Acme, renewing in 10 days, owned by Noah) and Bob (Globex).</summary>
    private static async Task<(Person Priya, Person Noah, string Request)> ProposedAsync(ParticipantsChat chat)
    {
        var priya = await chat.PersonAsync("Priya Patel", "priya", Role.Pm);
        var noah = await chat.PersonAsync("Noah Williams", "noah", Role.AccountOwner);
        await chat.ParticipantAsync("ann.one@acme.example", await chat.AccountAsync("Acme Health", noah, renewsInDays: 10));
        await chat.ParticipantAsync("bob.two@globex.example", await chat.AccountAsync("Globex", noah));
        var proposed = await chat.SendAsync(priya, "/participants request 2 method=interview study=SSO");
        return (priya, noah, ParticipantsChat.ButtonValue(proposed, ConfirmParticipantsHandler.ActionId));
    }

    private static string ApprovalContact(ParticipantsChat chat, Person owner) =>
        ParticipantsChat.ButtonValue(chat.Outbox.Sent.First(m => m.To is PersonRecipient p && p.PersonId == owner.Id).Reply, ApproveContactHandler.ActionId);

    /// <summary>The request store as it is, except that the bot dies where a confirmation clears the proposal.</summary>
    private sealed class CrashBeforeClearingTheProposal(IRequestStore inner) : IRequestStore
    {
        public Task<ParticipantRequest> AddAsync(long pmId, RequestDraft draft, DateTimeOffset at, CancellationToken ct) => inner.AddAsync(pmId, draft, at, ct);

        public Task<ParticipantRequest?> FindAsync(long id, CancellationToken ct) => inner.FindAsync(id, ct);

        public Task<IReadOnlyList<ParticipantRequest>> ByPmAsync(long pmId, int limit, CancellationToken ct) => inner.ByPmAsync(pmId, limit, ct);

        public Task SetProposalAsync(long id, IReadOnlyList<long> proposed, IReadOnlyList<long> skipped, CancellationToken ct) =>
            proposed.Count == 0 ? throw new IOException("the process ended here") : inner.SetProposalAsync(id, proposed, skipped, ct);

        public Task<bool> SetStatusAsync(long id, RequestStatus from, RequestStatus status, CancellationToken ct) => inner.SetStatusAsync(id, from, status, ct);
    }
}
