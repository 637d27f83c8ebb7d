using ProductOps.Skills.Conversation;

namespace ProductOps.Skills.Tests.Conversation;

public sealed class CommandLineTests
{
    [Fact]
    public void Parse_EmptyText_ReturnsNoArgs()
    {
        var args = CommandLine.Parse("   ");

        Assert.True(args.IsEmpty);
        Assert.Equal("", args.Text);
    }

    [Fact]
    public void Parse_KeyEqualsAndKeyColon_AreBothOptions()
    {
        var args = CommandLine.Parse("segment=enterprise period:30d");

        Assert.Equal("enterprise", args.Named("segment")?.Value);
        Assert.Equal("30d", args.Named("PERIOD")?.Value);
        Assert.Empty(args.Positional);
    }

    [Fact]
    public void Parse_QuotedValues_KeepSpacesAndDropQuotes()
    {
        var args = CommandLine.Parse("add \"Acme Health\" account:\"St. Mary's Hospital\"");

        Assert.Equal(["add", "Acme Health"], args.Positional.Select(a => a.Value));
        Assert.Equal(ArgKind.Quoted, args.Positional[1].Kind);
        Assert.Equal("St. Mary's Hospital", args.Named("account")?.Value);
    }

    [Fact]
    public void Parse_TypographicQuotes_AreReadLikeStraightQuotes()
    {
        var args = CommandLine.Parse("area add “Växjö Payments” owner=@priya");

        Assert.Equal("Växjö Payments", args.Positional[2].Value);
    }

    [Fact]
    public void Parse_UnclosedQuote_ThrowsWithWhereItStarts()
    {
        var error = Assert.Throws<ArgsException>(() => CommandLine.Parse("area add \"Payments owner=@priya"));

        Assert.Contains("never closed", error.Message, StringComparison.Ordinal);
        Assert.Contains("\"Payments", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_HandleAndChannelShorthand_AreMentions()
    {
        var args = CommandLine.Parse("owner=@priya channel=#payments-feedback @zoë");

        Assert.Equal(new Arg("priya", ArgKind.Person, "owner"), args.Named("owner"));
        Assert.Equal(new Arg("payments-feedback", ArgKind.Channel, "channel"), args.Named("channel"));
        Assert.Equal(new Arg("zoë", ArgKind.Person), args.Positional[0]);
    }

    [Fact]
    public void Parse_PlatformMentions_CarryTheirIds()
    {
        var args = CommandLine.Parse("role <@U024BE7LH|priya> pm channel=<#C123ABC|triage> <@U999>");

        Assert.Equal(new Arg("priya", ArgKind.Person, null, "U024BE7LH"), args.Positional[1]);
        Assert.Equal(new Arg("triage", ArgKind.Channel, "channel", "C123ABC"), args.Named("channel"));
        Assert.Equal(new Arg("U999", ArgKind.Person, null, "U999"), args.Positional[3]);
    }

    [Theory]
    [InlineData("https://example.com/a?b=c")]
    [InlineData("mailto:ops@example.com")]
    [InlineData("10:30")]
    public void Parse_UrlsAndTimes_AreNotOptions(string text)
    {
        var args = CommandLine.Parse(text);

        Assert.Equal(text, Assert.Single(args.Positional).Value);
    }

    [Fact]
    public void Parse_SlackLinkToken_BecomesItsUrl()
    {
        var args = CommandLine.Parse("source=<https://acme.example/t/42|ticket 42>");

        Assert.Equal("https://acme.example/t/42", args.Named("source")?.Value);
    }

    [Fact]
    public void Parse_KeyWithNothingAfter_IsAPlainWord()
    {
        var args = CommandLine.Parse("Note: customers 😀 want exports");

        Assert.Equal(["Note:", "customers", "😀", "want", "exports"], args.Positional.Select(a => a.Value));
    }

    [Fact]
    public void Parse_RepeatedKey_LastOneWins()
    {
        var args = CommandLine.Parse("n=5 n=7");

        Assert.Equal("7", args.Named("n")?.Value);
    }
}
