using System.Text.Json;
using ProductOps.Bot.Teams;
using ProductOps.Skills.Conversation;

namespace ProductOps.Bot.Tests.Teams;

public sealed class TeamsOptionsTests
{
    [Fact]
    public void Problems_Defaults_None()
    {
        var problems = new TeamsOptions().Problems();

        Assert.Empty(problems);
    }

    [Fact]
    public void Problems_AppIdWithoutPasswordOrGuid_SaysWhatToSet()
    {
        var problems = new TeamsOptions { AppId = "my-bot" }.Problems().ToArray();

        Assert.Contains(problems, p => p.Contains("TEAMS_APP_PASSWORD", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("GUID", StringComparison.Ordinal));
    }

    [Fact]
    public void Problems_LoopbackWithAppId_Refused()
    {
        var problems = new TeamsOptions { AppId = Guid.NewGuid().ToString(), AppPassword = "x", AllowUnauthenticatedLoopback = true }.Problems();

        Assert.Contains(problems, p => p.Contains("AllowUnauthenticatedLoopback", StringComparison.Ordinal));
    }

    [Fact]
    public void Problems_BadUrlsAndBudget_Listed()
    {
        var problems = new TeamsOptions { OpenIdMetadataUrl = "file:///etc/keys", TokenEndpoint = "nowhere", InvokeBudgetSeconds = 30 }.Problems().ToArray();

        Assert.Equal(3, problems.Length);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(5)]
    [InlineData(10)]
    public void Problems_InvokeBudgetOutOfRange_SaysTheRangeAndWhy(double seconds)
    {
        var problems = new TeamsOptions { InvokeBudgetSeconds = seconds }.Problems();

        Assert.Equal(
            "Teams:InvokeBudgetSeconds must be more than 0 and at most 4.5: Teams gives up on a button or dialog after about 5 seconds, and the answer needs time to get there.",
            Assert.Single(problems));
    }

    [Fact]
    public void Problems_InvokeBudgetAtItsLimit_None()
    {
        var problems = new TeamsOptions { InvokeBudgetSeconds = TeamsOptions.MaxInvokeBudgetSeconds }.Problems();

        Assert.Empty(problems);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(721)]
    public void Problems_FileOfferHoursOutOfRange_SaysTheRange(double hours)
    {
        var problems = new TeamsOptions { FileOfferHours = hours }.Problems();

        Assert.Equal("Teams:FileOfferHours must be more than 0 and at most 720 (30 days).", Assert.Single(problems));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1_000_001)]
    public void Problems_QueueCapacityOutOfRange_SaysTheRange(int capacity)
    {
        var problems = new TeamsOptions { QueueCapacity = capacity }.Problems();

        Assert.Equal($"Teams:QueueCapacity is {capacity}; use 1 to 1000000.", Assert.Single(problems));
    }

    [Fact]
    public void Values_TeamsSubmission_ReadsStringsNumbersTogglesAndMultiSelects()
    {
        var form = new Form("f", "F",
        [
            new TextInput("t", "T"),
            new NumberInput("n", "N"),
            new CheckboxInput("c", "C"),
            new SelectInput("s", "S", [new Choice("a", "A"), new Choice("b", "B")]) { Multiple = true },
        ]);
        var data = JsonDocument.Parse("""{"t":"  hi ","n":4.5,"c":"true","s":"a,b","productops":{"form":"x"},"extra":"ignored"}""").RootElement;

        var values = CardData.Values(form, data);

        Assert.Equal("hi", values.Text("t"));
        Assert.Equal(4.5m, values.Number("n"));
        Assert.True(values.Flag("c"));
        Assert.Equal(["a", "b"], values.List("s"));
        Assert.False(values.All.ContainsKey("extra"));
    }
}
