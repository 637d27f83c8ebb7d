using System.Text.Json;
using ProductOps.Bot.Teams;
using ProductOps.Bot.Tests.Teams.TestKit;
using ProductOps.Storage.Inbound;

namespace ProductOps.Bot.Tests.Teams;

public sealed class TeamsRestartTests
{
    [Fact]
    public async Task FileConsent_AcknowledgedJustBeforeARestart_IsAnsweredAfterIt()
    {
        using var database = new TempDatabase();
        await database.MigrateAsync();
        var decline = TeamsFixture.Activity(FileConsentInvokes.Decline("replayed-1", "no-such-file"));
        await new SqlInboundBacklog(database.Database, TimeProvider.System).AddAsync("teams", JsonSerializer.Serialize(decline, TeamsJson.Options), CancellationToken.None);
        using var factory = TeamsFactory.Over(database.ConnectionString);

        // Starting the bot starts its worker, which takes up what the last run acknowledged but did not finish.
        _ = factory.Services;
        var answer = await factory.BotFramework.WaitForAsync(c => c.Body.Contains("That file is no longer waiting for you", StringComparison.Ordinal));

        Assert.EndsWith("/v3/conversations/a%3Arido-personal/activities", answer.Uri.AbsolutePath, StringComparison.Ordinal);
    }
}
