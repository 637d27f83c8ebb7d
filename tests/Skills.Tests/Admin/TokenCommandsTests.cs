using ProductOps.Skills.Admin;
using ProductOps.Skills.Conversation;
using ProductOps.Skills.Tests.TestKit;

namespace ProductOps.Skills.Tests.Admin;

public sealed class TokenCommandsTests
{
    [Fact]
    public async Task TokenCreate_ByAdmin_ShowsTheTokenOnceStoresOnlyItsHashAndAudits()
    {
        await using var chat = await TestChat.StartAsync();
        var maya = await chat.PersonAsync("Maya Ops", "maya", Role.Admin);

        var response = await chat.SendAsync(maya, "/productops token create \"dbt nightly\"");

        var text = TestChat.PlainText(response);
        var token = text.Split('\n').Single(l => l.StartsWith(ApiTokens.Scheme, StringComparison.Ordinal));
        var stored = Assert.Single(await chat.Services.Get<IApiTokenStore>().ListAsync(CancellationToken.None));
        Assert.Equal("dbt nightly", stored.Name);
        Assert.StartsWith(stored.Prefix, token, StringComparison.Ordinal);
        Assert.NotNull(await chat.Services.Get<IApiTokenStore>().UseAsync(ApiTokens.Hash(token), CancellationToken.None));
        Assert.Contains("token.create dbt nightly", await chat.SayAsync(maya, "/productops audit"));
        Assert.DoesNotContain(token, await chat.SayAsync(maya, "/productops audit"));
    }

    [Fact]
    public async Task TokenCreate_AskedInAChannel_AnswersByDirectMessage()
    {
        await using var chat = await TestChat.StartAsync();
        var maya = await chat.PersonAsync("Maya Ops", "maya", Role.Admin);

        var response = await chat.SendAsync(maya, "/productops token create crm-sync");

        Assert.Equal(Visibility.DirectMessage, Assert.Single(response.Replies).Visibility);
    }

    [Fact]
    public async Task TokenCreate_SameNameTwice_RefusedAndKeepsOne()
    {
        await using var chat = await TestChat.StartAsync();
        var maya = await chat.PersonAsync("Maya Ops", "maya", Role.Admin);
        await chat.SayAsync(maya, "/productops token create \"crm sync\"");

        var text = await chat.SayAsync(maya, "/productops token create \"CRM sync\"");

        Assert.Contains("A token called CRM sync already exists", text);
        Assert.Single(await chat.Services.Get<IApiTokenStore>().ListAsync(CancellationToken.None));
    }

    [Fact]
    public async Task TokenCreate_AskedByPm_RefusedNamingAdmin()
    {
        await using var chat = await TestChat.StartAsync();
        var priya = await chat.PersonAsync("Priya Patel", "priya", Role.Pm);

        var text = await chat.SayAsync(priya, "/productops token create x");

        Assert.Contains("needs the admin role", text);
        Assert.Empty(await chat.Services.Get<IApiTokenStore>().ListAsync(CancellationToken.None));
    }

    [Fact]
    public async Task TokenRevoke_ActiveToken_StopsItWorkingAndAudits()
    {
        await using var chat = await TestChat.StartAsync();
        var maya = await chat.PersonAsync("Maya Ops", "maya", Role.Admin);
        var created = await chat.SayAsync(maya, "/productops token create \"dbt nightly\"");
        var token = created.Split('\n').Single(l => l.StartsWith(ApiTokens.Scheme, StringComparison.Ordinal));

        var text = await chat.SayAsync(maya, "/productops token revoke \"dbt nightly\"");

        Assert.Contains("Revoked dbt nightly", text);
        Assert.Null(await chat.Services.Get<IApiTokenStore>().UseAsync(ApiTokens.Hash(token), CancellationToken.None));
        Assert.Contains("token.revoke dbt nightly", await chat.SayAsync(maya, "/productops audit"));
        Assert.Contains("revoked 2026-03-02", await chat.SayAsync(maya, "/productops tokens"));
    }

    [Fact]
    public async Task TokenRevoke_UnknownName_SuggestsTheClosest()
    {
        await using var chat = await TestChat.StartAsync();
        var maya = await chat.PersonAsync("Maya Ops", "maya", Role.Admin);
        await chat.SayAsync(maya, "/productops token create \"dbt nightly\"");

        var text = await chat.SayAsync(maya, "/productops token revoke \"dbt nighty\"");

        Assert.Contains("There is no active token called dbt nighty. Did you mean \"dbt nightly\"?", text);
    }

    [Fact]
    public async Task Tokens_NoneYet_SaysHowToCreateOne()
    {
        await using var chat = await TestChat.StartAsync();
        var maya = await chat.PersonAsync("Maya Ops", "maya", Role.Admin);

        var text = await chat.SayAsync(maya, "/productops tokens");

        Assert.Contains("There are no API tokens yet. Create one with /productops token create \"dbt nightly\".", text);
    }
}
