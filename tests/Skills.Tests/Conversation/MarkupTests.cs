using System.Text.Json;
using ProductOps.Skills.Conversation;

namespace ProductOps.Skills.Tests.Conversation;

public sealed class MarkupTests
{
    [Fact]
    public void Of_InterpolatedUserText_StaysPlainText()
    {
        var name = "*not bold* <script>";

        var markup = Markup.Of($"Hello {name}, owner {Md.Bold("Payments")}");

        Assert.Equal([new TextSpan("Hello *not bold* <script>, owner "), new BoldSpan("Payments")], markup.Spans);
    }

    [Fact]
    public void LinkSpan_OnlyWebAndMailAddresses_AreSafe()
    {
        Assert.True(new LinkSpan("docs", "https://example.com").IsSafe);
        Assert.True(new LinkSpan("mail", "mailto:ops@example.com").IsSafe);
        Assert.False(new LinkSpan("x", "javascript:alert(1)").IsSafe);
        Assert.False(new LinkSpan("x", "not a url").IsSafe);
    }

    [Fact]
    public void ReplyBuilder_WithoutFallback_UsesThePlainTextOfItsBlocks()
    {
        var reply = new ReplyBuilder()
            .Header("Areas")
            .Section(Markup.Of($"{Md.Bold("Payments")} owned by {Md.User(new ChatUser(new ChatIdentity("devchat", "local", "priya"), "Priya"))}"),
                new Field("Channel", Md.Channel("#payments-feedback")))
            .Divider()
            .Buttons(new Button("Edit", "admin.edit"))
            .Build();

        Assert.Equal("Areas\nPayments owned by @Priya\nChannel: #payments-feedback", reply.Fallback);
    }

    [Fact]
    public void Reply_JsonRoundTrip_KeepsEveryBlockAndSpan()
    {
        var reply = new ReplyBuilder()
            .Header("H")
            .Section(Markup.Of($"{Md.Italic("i")}{Md.Code("c")}{Md.Link("l", "https://x.example")}{Md.Channel("ch", "C1")}"), new Field("F", "v"))
            .Context("ctx")
            .Divider()
            .Buttons(new Button("B", "a.b", "v", ButtonStyle.Primary))
            .Build(Visibility.Channel);

        var json = JsonSerializer.Serialize(reply);
        var back = JsonSerializer.Deserialize<Reply>(json)!;

        Assert.Equal(JsonSerializer.Serialize(back), json);
        Assert.Contains("\"type\":\"section\"", json, StringComparison.Ordinal);
        Assert.Equal(reply.Fallback, back.Fallback);
    }
}
