using ProductOps.Bot.Teams;
using ProductOps.Bot.Tests.Teams.TestKit;

namespace ProductOps.Bot.Tests.Teams;

/// <summary>What the bot knows of the Teams users it met, used to read who a message names.</summary>
public sealed class TeamsDirectoryTests : IAsyncLifetime
{
    private TeamsParts _teams = null!;

    public async Task InitializeAsync() => _teams = await TeamsParts.StartAsync();

    public Task DisposeAsync()
    {
        _teams.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task IdentifyMentions_PersonMetBefore_GetsTheAadObjectIdTheyAreKnownBy()
    {
        var message = Mentioning(new ChannelAccount("29:rido", "Rido"));

        var identified = await _teams.Directory.IdentifyMentionsAsync(message, CancellationToken.None);

        Assert.Equal("Hi <@aad-rido|Rido>", TeamsInbound.CommandText(identified));
    }

    [Fact]
    public async Task IdentifyMentions_PersonNeverMet_KeepsTheirBotSpecificId()
    {
        var message = Mentioning(new ChannelAccount("29:stranger", "Stella"));

        var identified = await _teams.Directory.IdentifyMentionsAsync(message, CancellationToken.None);

        Assert.Equal("Hi <@29:stranger|Stella>", TeamsInbound.CommandText(identified));
    }

    [Fact]
    public async Task IdentifyMentions_MentionCarryingAadObjectId_IsKept()
    {
        var message = Mentioning(new ChannelAccount("29:rido", "Rido") { AadObjectId = "aad-from-teams" });

        var identified = await _teams.Directory.IdentifyMentionsAsync(message, CancellationToken.None);

        Assert.Equal("Hi <@aad-from-teams|Rido>", TeamsInbound.CommandText(identified));
    }

    private static Activity Mentioning(ChannelAccount person) => new()
    {
        Type = "message",
        Text = $"<at>ProductOps</at> Hi <at>{person.Name}</at>",
        Recipient = new ChannelAccount("28:bot", "ProductOps"),
        Conversation = new ConversationAccount("19:channel@thread.tacv2") { ConversationType = "channel", TenantId = TeamsParts.Tenant },
        Entities =
        [
            new Entity("mention") { Mentioned = new ChannelAccount("28:bot", "ProductOps"), Text = "<at>ProductOps</at>" },
            new Entity("mention") { Mentioned = person, Text = $"<at>{person.Name}</at>" },
        ],
    };
}
