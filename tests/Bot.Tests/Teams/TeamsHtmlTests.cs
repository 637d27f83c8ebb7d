using ProductOps.Bot.Teams;

namespace ProductOps.Bot.Tests.Teams;

public sealed class TeamsHtmlTests
{
    [Theory]
    [InlineData("<p>Export is broken &amp; slow</p>", "Export is broken & slow")]
    [InlineData("<div>one<br>two<br/>three</div>", "one\ntwo\nthree")]
    [InlineData("<p>first</p><p>second</p>", "first\nsecond")]
    [InlineData("<p>Needs:</p><ul><li>CSV</li><li>PDF</li></ul>", "Needs:\n\n- CSV\n- PDF")]
    [InlineData("<p><at id=\"0\">Sam Lee</at>&nbsp;asked for SSO</p>", "Sam Lee asked for SSO")]
    [InlineData("<p>Love it <emoji id=\"heart\" alt=\"❤️\" title=\"Heart\"></emoji></p>", "Love it ❤️")]
    [InlineData("<p>See <a href=\"https://acme.example/ticket/7\">ticket 7</a></p><attachment id=\"a1\"></attachment>", "See ticket 7")]
    [InlineData("<p>a</p>\n\n\n<p></p><p></p><p>b</p>", "a\n\nb")]
    [InlineData("plain words", "plain words")]
    [InlineData("", "")]
    public void PlainText_TeamsMessageHtml_KeepsTheWordsAndLines(string html, string expected)
    {
        var text = TeamsHtml.PlainText(html);

        Assert.Equal(expected, text);
    }
}
