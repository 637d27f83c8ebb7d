using ProductOps.Bot.Slack.Requests;

namespace ProductOps.Bot.Tests.Slack;

public sealed class SlackFormTests
{
    [Fact]
    public void Parse_EncodedValues_AreDecoded()
    {
        var fields = SlackForm.Parse("command=%2Fokr&text=status+for+Q3%26Q4&response_url=https%3A%2F%2Fhooks.slack.com%2Fx");

        Assert.Equal("/okr", fields["command"]);
        Assert.Equal("status for Q3&Q4", fields["text"]);
        Assert.Equal("https://hooks.slack.com/x", fields["response_url"]);
    }

    [Fact]
    public void Parse_NameWithoutValueOrEmptyPairs_ReadAsEmptyAndSkipped()
    {
        var fields = SlackForm.Parse("text=&&ssl_check");

        Assert.Equal(2, fields.Count);
        Assert.Equal(string.Empty, fields["text"]);
        Assert.Equal(string.Empty, fields["ssl_check"]);
    }

    [Fact]
    public void Parse_RepeatedName_KeepsTheFirstValue()
    {
        var fields = SlackForm.Parse("user_id=U1&user_id=U2");

        Assert.Equal("U1", fields["user_id"]);
    }

    [Theory]
    [InlineData("token=abc&team_id=T1&text=hi", "team_id=T1&text=hi")]
    [InlineData("team_id=T1&token=abc&text=hi", "team_id=T1&text=hi")]
    [InlineData("team_id=T1&text=hi&token=abc", "team_id=T1&text=hi")]
    [InlineData("token=abc", "")]
    [InlineData("token&text=hi&token=again", "text=hi")]
    public void Without_TheNamedField_RemovesEveryOccurrenceAndKeepsTheRestAsSent(string body, string expected)
    {
        Assert.Equal(expected, SlackForm.Without(body, "token"));
    }

    [Theory]
    [InlineData("team_id=T1&text=token%3Dabc")]
    [InlineData("tokens=abc&xtoken=abc&text=token")]
    public void Without_NoFieldOfExactlyThatName_LeavesTheBodyAlone(string body)
    {
        Assert.Same(body, SlackForm.Without(body, "token"));
    }
}
