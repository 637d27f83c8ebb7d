using Microsoft.Extensions.Logging.Abstractions;
using ProductOps.Bot.Teams.Connector;
using ProductOps.Bot.Tests.Teams.TestKit;

namespace ProductOps.Bot.Tests.Teams;

/// <summary>The bot's own tokens, from a token endpoint that may answer 200 with something that is no token.</summary>
public sealed class BotTokenProviderTests : TeamsPartsTest
{
    [Theory]
    [InlineData("""{"token_type":"Bearer","expires_in":3600}""")]
    [InlineData("""{"access_token":null}""")]
    [InlineData("<html>Sign in to continue</html>")]
    public async Task GetToken_AnswerWithoutAccessToken_FailsSayingWhatIsMissing(string answer)
    {
        Parts.BotFramework.TokenAnswer = answer;
        using var tokens = new BotTokenProvider(Parts.Http, Parts.Options, Parts.Clock, NullLogger<BotTokenProvider>.Instance);

        var failure = await Assert.ThrowsAsync<HttpRequestException>(() => tokens.GetTokenAsync(CancellationToken.None));

        Assert.Contains("answered without an access_token", failure.Message, StringComparison.Ordinal);
        Assert.Contains("Teams:TokenEndpoint", failure.Message, StringComparison.Ordinal);
    }
}
