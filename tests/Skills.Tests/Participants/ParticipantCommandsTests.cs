using System.Globalization;
using ProductOps.Skills.Conversation;
using ProductOps.Skills.Participants;

namespace ProductOps.Skills.Tests.Participants;

public sealed class ParticipantCommandsTests
{
    [Fact]
    public async Task Override_ByOwnerWithReason_ReservesPastCooldownAndIsAudited()
    {
        await using var chat = await ParticipantsChat.StartAsync();
        var priya = await chat.PersonAsync("Priya Patel", "priya", Role.Pm);
        var noah = await chat.PersonAsync("Noah Williams", "noah", Role.AccountOwner);
        var ann = await chat.ParticipantAsync("ann.one@acme.example", await chat.AccountAsync("Acme Health", noah));
        await chat.PastAsync(ann, "Onboarding", 10);
        var request = ParticipantsChat.ButtonValue(await chat.SendAsync(priya, "/participants request 1 method=interview study=SSO"), MoreParticipantsHandler.ActionId);

        var noReason = await chat.SayAsync(noah, $"/participants override {request} ann.one@acme.example");
        var done = await chat.SayAsync(noah, $"/participants override {request} ann.one@acme.example reason=\"She asked to join\"");

        Assert.Contains("An override needs a reason", noReason);
        Assert.Contains("Override recorded: Ann One is reserved for request", done);
        Assert.Contains("Overridden: contacted by Onboarding on 2026-02-20 (interview); the interview cooldown is 30 days.", done);
        var audit = Assert.Single(await chat.Chat.Audit.LatestAsync(5, CancellationToken.None));
        Assert.Equal(OverrideRuleHandler.AuditAction, audit.Action);
        Assert.Contains("reason: She asked to join", audit.After);
        Assert.Contains(chat.Outbox.To(priya), m => m.Contains("by override: \"She asked to join\"", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Override_DoNotContact_IsRefusedAndChangesNothing()
    {
        await using var chat = await ParticipantsChat.StartAsync();
        var priya = await chat.PersonAsync("Priya Patel", "priya", Role.Pm);
        var maya = await chat.PersonAsync("Maya Ops", "maya", Role.Admin);
        await chat.ParticipantAsync("ann.one@acme.example", await chat.AccountAsync("Acme Health"), doNotContact: "legal hold");
        var request = ParticipantsChat.ButtonValue(await chat.SendAsync(priya, "/participants request 1 method=interview study=SSO"), MoreParticipantsHandler.ActionId);

        var text = await chat.SayAsync(maya, $"/participants override {request} ann.one@acme.example reason=\"please\"");

        Assert.Contains("Ann One cannot be overridden in: do-not-contact (legal hold). Only cooldowns and caps can be overridden.", text);
        Assert.Empty(await chat.Ledger.ForRequestAsync(long.Parse(request, CultureInfo.InvariantCulture), CancellationToken.None));
        Assert.Empty(await chat.Chat.Audit.LatestAsync(5, CancellationToken.None));
    }

    [Fact]
    public async Task Override_ByAnotherAccountsOwner_IsRefused()
    {
        await using var chat = await ParticipantsChat.StartAsync();
        var priya = await chat.PersonAsync("Priya Patel", "priya", Role.Pm);
        var noah = await chat.PersonAsync("Noah Williams", "noah", Role.AccountOwner);
        var zoe = await chat.PersonAsync("Zoe A", "zoe", Role.AccountOwner);
        await chat.ParticipantAsync("ann.one@acme.example", await chat.AccountAsync("Acme Health", noah));
        var request = ParticipantsChat.ButtonValue(await chat.SendAsync(priya, "/participants request 1 method=interview study=SSO"), MoreParticipantsHandler.ActionId);

        var text = await chat.SayAsync(zoe, $"/participants override {request} ann.one@acme.example reason=\"x\"");

        Assert.Contains("Only a product-ops admin or the owner of Acme Health may override the rules for Ann One.", text);
    }

    [Fact]
    public async Task Check_ByOtherPm_ShowsNameNotEmailOrNotes_OwnerSeesBoth()
    {
        await using var chat = await ParticipantsChat.StartAsync();
        var sam = await chat.PersonAsync("Sam Okafor", "sam", Role.Pm);
        var noah = await chat.PersonAsync("Noah Williams", "noah", Role.AccountOwner);
        var ann = await chat.ParticipantAsync("ann.one@acme.example", await chat.AccountAsync("Acme Health", noah));
        await chat.PastAsync(ann, "Payments", 10);

        var pm = await chat.SayAsync(sam, "/participants check ann.one@acme.example");
        var owner = await chat.SayAsync(noah, "/participants check ann.one@acme.example");

        Assert.DoesNotContain("<ann.one@acme.example>", pm);
        Assert.DoesNotContain("private note", pm);
        Assert.Contains("interview: from 2026-03-22: contacted by Payments on 2026-02-20 (interview)", pm);
        Assert.Contains("survey: from 2026-03-06", pm);
        Assert.Contains("<ann.one@acme.example>", owner);
        Assert.Contains("Notes: private note", owner);
    }

    [Fact]
    public async Task Check_UnknownEmail_SaysItIsNotInThePool()
    {
        await using var chat = await ParticipantsChat.StartAsync();
        var sam = await chat.PersonAsync("Sam Okafor", "sam", Role.Pm);

        var text = await chat.SayAsync(sam, "/participants check nobody@nowhere.example");

        Assert.Contains("nobody@nowhere.example is not in the participant pool.", text);
    }

    [Fact]
    public async Task Done_NoShowTwice_ExcludesThePersonFromTheNextRequest()
    {
        await using var chat = await ParticipantsChat.StartAsync();
        var priya = await chat.PersonAsync("Priya Patel", "priya", Role.Pm);
        var ann = await chat.ParticipantAsync("ann.one@acme.example", await chat.AccountAsync("Acme Health"));
        await chat.PastAsync(ann, "Onboarding", 100, ContactStatus.NoShow);
        var request = ParticipantsChat.ButtonValue(await chat.SendAsync(priya, "/participants request 1 method=interview study=SSO"), ConfirmParticipantsHandler.ActionId);
        await chat.PressAsync(priya, ConfirmParticipantsHandler.ActionId, request);

        var done = await chat.SayAsync(priya, $"/participants done {request} ann.one@acme.example no-show");
        var next = await chat.SayAsync(priya, "/participants request 1 method=survey study=Later");

        Assert.Contains("Recorded in the ledger: Ann One (Acme Health) no-show for SSO.", done);
        Assert.Contains("1 after repeated no-shows", next);
    }

    [Fact]
    public async Task Done_AfterACompletedOutcome_SaysWhatItCorrected()
    {
        await using var chat = await ParticipantsChat.StartAsync();
        var priya = await chat.PersonAsync("Priya Patel", "priya", Role.Pm);
        await chat.ParticipantAsync("ann.one@acme.example", await chat.AccountAsync("Acme Health"));
        var request = ParticipantsChat.ButtonValue(await chat.SendAsync(priya, "/participants request 1 method=interview study=SSO"), ConfirmParticipantsHandler.ActionId);
        await chat.PressAsync(priya, ConfirmParticipantsHandler.ActionId, request);
        await chat.SayAsync(priya, $"/participants done {request} ann.one@acme.example completed");

        var corrected = await chat.SayAsync(priya, $"/participants done {request} ann.one@acme.example contacted");

        Assert.Contains("Corrected in the ledger: Ann One (Acme Health) contacted for SSO, no longer completed.", corrected);
    }

    [Fact]
    public async Task Cancel_FreesReservationsForOthers()
    {
        await using var chat = await ParticipantsChat.StartAsync();
        var priya = await chat.PersonAsync("Priya Patel", "priya", Role.Pm);
        var sam = await chat.PersonAsync("Sam Okafor", "sam", Role.Pm);
        await chat.ParticipantAsync("ann.one@acme.example", await chat.AccountAsync("Acme Health"));
        var request = ParticipantsChat.ButtonValue(await chat.SendAsync(priya, "/participants request 1 method=interview study=SSO"), ConfirmParticipantsHandler.ActionId);
        await chat.PressAsync(priya, ConfirmParticipantsHandler.ActionId, request);
        var blocked = await chat.SayAsync(sam, "/participants request 1 method=interview study=Other");

        var byOther = await chat.SayAsync(sam, $"/participants cancel {request}");
        var cancelled = await chat.SayAsync(priya, $"/participants cancel {request}");
        var freed = await chat.SayAsync(sam, "/participants request 1 method=interview study=Other");

        Assert.Contains("1 in cooldown", blocked);
        Assert.Contains("belongs to another PM", byOther);
        Assert.Contains("freed 1 person", cancelled);
        Assert.Contains("proposing 1.", freed);
    }

    [Fact]
    public async Task RuleSet_ByAdmin_ChangesTheRuleAndAudits_NonAdminRefused()
    {
        await using var chat = await ParticipantsChat.StartAsync();
        var maya = await chat.PersonAsync("Maya Ops", "maya", Role.Admin);
        var priya = await chat.PersonAsync("Priya Patel", "priya", Role.Pm);

        var refused = await chat.SayAsync(priya, "/participants rule set account-cap 3");
        var unknown = await chat.SayAsync(maya, "/participants rule set acount-cap 3");
        var outOfRange = await chat.SayAsync(maya, "/participants rule set account-cap 0");
        var changed = await chat.SayAsync(maya, "/participants rule set account-cap 3");
        var rules = await chat.SayAsync(priya, "/participants rules");

        Assert.Contains("needs the admin role", refused);
        Assert.Contains("There is no rule acount-cap. Did you mean account-cap?", unknown);
        Assert.Contains("give a whole number of studies from 1 to 100", outOfRange);
        Assert.Contains("account-cap is now 3 studies (was 2).", changed);
        Assert.Contains("account-cap = 3 studies: At most 3 studies, from any team, touch one account", rules);
        var audit = Assert.Single(await chat.Chat.Audit.LatestAsync(5, CancellationToken.None));
        Assert.Equal(("2 studies", "3 studies"), (audit.Before, audit.After));
    }
}
