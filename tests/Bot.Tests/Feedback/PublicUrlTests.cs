using ProductOps.Bot.Feedback;

namespace ProductOps.Bot.Tests.Feedback;

public sealed class PublicUrlTests
{
    [Theory]
    [InlineData("http://127.0.0.1:5610", "http://127.0.0.1:5610")]
    [InlineData("http://0.0.0.0:8080;https://bot.example.com", "https://bot.example.com")]
    [InlineData("http://*:8080; http://localhost:7000", "http://localhost:7000")]
    [InlineData("http://+:80", "http://localhost:5000")]
    [InlineData("http://[::]:8080", "http://localhost:5000")]
    [InlineData(null, "http://localhost:5000")]
    public void DefaultPublicUrl_FirstListeningAddressNamingAHost_ElseTheDefault(string? urls, string expected)
    {
        Assert.Equal(expected, FeedbackSetup.DefaultPublicUrl(urls));
    }
}
