using ProductOps.Skills.Conversation;
using ProductOps.Skills.Participants;

namespace ProductOps.Skills.Tests.Participants;

public sealed class RequestParticipantsTests
{
    [Fact]
    public async Task Request_WhenAccountAtCap_ExcludesAndExplains()
    {
        await using var chat = await ParticipantsChat.StartAsync();
        var priya = await chat.PersonAsync("Priya Patel", "priya", Role.Pm);
        var acme = await chat.AccountAsync("Acme Health");
        var globex = await chat.AccountAsync("Globex");
        var a1 = await chat.ParticipantAsync("ann.one@acme.example", acme);
        var a2 = await chat.ParticipantAsync("bob.two@acme.example", acme);
        await chat.ParticipantAsync("cat.three@acme.example", acme);
        await chat.ParticipantAsync("dan.four@globex.example", globex);
        await chat.ParticipantAsync("eve.five@globex.example", globex, doNotContact: "legal hold");
        await chat.PastAsync(a1, "Payments", 5);
        await chat.PastAsync(a2, "Onboarding", 12);

        var text = await chat.SayAsync(priya, "/participants request 3 method=interview segment=enterprise study=\"SSO onboarding\"");

        Assert.Contains("5 matched; excluded 1 do-not-contact, 2 in cooldown, 1 by the account cap (Acme Health was contacted by Onboarding and Payments in the last 30 days); 1 eligible, proposing 1.", text);
        Assert.Contains("1. Dan Four, Globex (enterprise, admin, EMEA) · never contacted", text);
        Assert.Contains("By the account cap: Cat Three (Acme Health, until", text);
        Assert.Contains("Only 1 of the 3 you asked for can be proposed. To widen the pool:", text);
        Assert.DoesNotContain("dan.four@globex.example", text);
    }

    [Fact]
    public async Task Request_UnknownMethodAndPastWindow_SaysWhatToFixAndStoresNothing()
    {
        await using var chat = await ParticipantsChat.StartAsync();
        var priya = await chat.PersonAsync("Priya Patel", "priya", Role.Pm);

        var text = await chat.SayAsync(priya, "/participants request 3 method=interveiw study=x to=2026-01-01");

        Assert.Contains("method: There is no method \"interveiw\". Did you mean \"interview\"?", text);
        Assert.Contains("to: The window ends on 2026-01-01, which is in the past", text);
        Assert.Contains("Nothing was requested.", text);
        Assert.Empty(await chat.Requests.ByPmAsync(priya.Id, 10, CancellationToken.None));
    }

    [Theory]
    [InlineData("/participants request 0 method=survey study=x", "\"0\" is not a number of people I can propose: give a whole number from 1 to 50.")]
    [InlineData("/participants request 3 method=survey study=x segment=enterprize", "segment: There is no segment \"enterprize\". Did you mean \"enterprise\"?")]
    [InlineData("/participants request 3 method=survey study=x segment=gigantic", "segment: There is no segment \"gigantic\".")]
    [InlineData("/participants request 3 method=survey study=x colour=blue", "/participants request has no option colour=.")]
    [InlineData("/participants request 3 method=survey", "study: Name the study")]
    [InlineData("/participants request 3 method=survey study=x incentive=5000000000000", "incentive: \"5000000000000\" is more than $1000B, the most ProductOps takes; check the digits.")]
    public async Task Request_BadInput_ExplainsTheFix(string command, string expected)
    {
        await using var chat = await ParticipantsChat.StartAsync();
        var priya = await chat.PersonAsync("Priya Patel", "priya", Role.Pm);
        await chat.ParticipantAsync("ann.one@acme.example", await chat.AccountAsync("Acme Health"));

        var text = await chat.SayAsync(priya, command);

        Assert.Contains(expected, text);
    }

    [Fact]
    public async Task Request_ByGtm_IsRefusedWithTheReason()
    {
        await using var chat = await ParticipantsChat.StartAsync();
        var tom = await chat.PersonAsync("Tom Becker", "tom", Role.Gtm);

        var text = await chat.SayAsync(tom, "/participants request 3 method=survey study=x");

        Assert.Contains("/participants request needs the", text);
        Assert.Contains("You have GTM.", text);
    }

    [Fact]
    public async Task Request_WithoutOptions_OpensTheFormAndTheFormProposes()
    {
        await using var chat = await ParticipantsChat.StartAsync();
        var priya = await chat.PersonAsync("Priya Patel", "priya", Role.Pm);
        await chat.ParticipantAsync("ann.one@acme.example", await chat.AccountAsync("Acme Health"));

        var opened = await chat.SendAsync(priya, "/participants request");
        var bad = await chat.SubmitAsync(priya, RequestFormHandler.FormId, null, ("study", "SSO"), ("method", "interview"), ("count", "2"), ("from", "2020-01-01"));
        var good = await chat.SubmitAsync(priya, RequestFormHandler.FormId, null, ("study", "SSO"), ("method", "interview"), ("count", "2"));

        Assert.Equal(RequestFormHandler.FormId, opened.Form!.FormId);
        Assert.Contains("in the past", bad.FieldErrors["from"]);
        Assert.Contains("1 matched; none excluded; 1 eligible, proposing 1.", TestKit.TestChat.PlainText(good));
    }

    [Fact]
    public async Task Drop_ThenMore_RemovesThePersonAndProposesSomeoneElse()
    {
        await using var chat = await ParticipantsChat.StartAsync();
        var priya = await chat.PersonAsync("Priya Patel", "priya", Role.Pm);
        var a = await chat.ParticipantAsync("ann.one@acme.example", await chat.AccountAsync("Acme Health"));
        await chat.ParticipantAsync("bob.two@globex.example", await chat.AccountAsync("Globex"));
        await chat.ParticipantAsync("cat.three@initech.example", await chat.AccountAsync("Initech"));
        var proposed = await chat.SendAsync(priya, "/participants request 2 method=interview study=SSO");
        var request = ParticipantsChat.ButtonValue(proposed, ConfirmParticipantsHandler.ActionId);

        var dropped = TestKit.TestChat.PlainText(await chat.PressAsync(priya, DropParticipantHandler.ActionId, $"{request}:{a.Person.Id}"));
        var more = TestKit.TestChat.PlainText(await chat.PressAsync(priya, MoreParticipantsHandler.ActionId, request));

        Assert.DoesNotContain("Ann One", dropped);
        Assert.Contains("proposing 1.", dropped);
        Assert.Contains("1 of the 2 you asked for are proposed. Propose more looks for others.", dropped);
        Assert.DoesNotContain("can be proposed", dropped);
        Assert.Contains("Bob Two", more);
        Assert.Contains("Cat Three", more);
        Assert.DoesNotContain("Ann One,", more);
    }
}
