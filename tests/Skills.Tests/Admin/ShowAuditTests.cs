using ProductOps.Skills.Conversation;
using ProductOps.Skills.Tests.TestKit;

namespace ProductOps.Skills.Tests.Admin;

public sealed class ShowAuditTests
{
    [Fact]
    public async Task Audit_AfterChanges_ShowsNewestFirstWithWhoAndWhen()
    {
        await using var chat = await TestChat.StartAsync();
        var maya = await chat.PersonAsync("Maya Ops", "maya", Role.Admin);
        await chat.PersonAsync("Priya Patel", "priya");
        await chat.SayAsync(maya, "/productops role @priya pm");
        chat.Clock.Advance(TimeSpan.FromMinutes(5));
        await chat.SayAsync(maya, "/productops role @priya leader");

        var text = await chat.SayAsync(maya, "/productops audit");

        Assert.Contains("Latest 2 changes", text);
        var newer = text.IndexOf("2026-03-02 09:35 Maya Ops role.grant Priya Patel (@priya): pm → pm, leader", StringComparison.Ordinal);
        var older = text.IndexOf("2026-03-02 09:30 Maya Ops role.grant Priya Patel (@priya): none → pm", StringComparison.Ordinal);
        Assert.True(newer >= 0 && older > newer, text);
    }

    [Fact]
    public async Task Audit_WithCount_ShowsThatMany()
    {
        await using var chat = await TestChat.StartAsync();
        var maya = await chat.PersonAsync("Maya Ops", "maya", Role.Admin);
        await chat.PersonAsync("Priya Patel", "priya");
        await chat.SayAsync(maya, "/productops role @priya pm");
        await chat.SayAsync(maya, "/productops role @priya gtm");

        var text = await chat.SayAsync(maya, "/productops audit 1");

        Assert.Contains("Latest 1 changes", text);
        Assert.Contains("pm → pm, gtm", text);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("201")]
    [InlineData("-5")]
    [InlineData("many")]
    public async Task Audit_CountOutOfBounds_SaysTheRange(string count)
    {
        await using var chat = await TestChat.StartAsync();
        var maya = await chat.PersonAsync("Maya Ops", "maya", Role.Admin);

        var text = await chat.SayAsync(maya, "/productops audit " + count);

        Assert.Contains($"{count} is not a number of entries: give a whole number from 1 to 200.", text);
        Assert.Contains("Usage: /productops audit [n]", text);
    }

    [Fact]
    public async Task Audit_AtMaximum_Accepted()
    {
        await using var chat = await TestChat.StartAsync();
        var maya = await chat.PersonAsync("Maya Ops", "maya", Role.Admin);

        var text = await chat.SayAsync(maya, "/productops audit 200");

        Assert.Contains("Nothing has been changed yet.", text);
    }

    [Fact]
    public async Task Audit_AskedByLeader_RefusedNamingAdminRole()
    {
        await using var chat = await TestChat.StartAsync();
        var helen = await chat.PersonAsync("Helen Zhang", "helen", Role.Leader);

        var text = await chat.SayAsync(helen, "/productops audit");

        Assert.Contains("/productops audit needs the admin role. You have leader.", text);
    }
}
