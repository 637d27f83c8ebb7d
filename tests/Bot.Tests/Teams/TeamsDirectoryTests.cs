using ProductOps.Bot.Teams;
using ProductOps.Bot.Tests.Teams.TestKit;

namespace ProductOps.Bot.Tests.Teams;

/// <summary>What the bot knows of the Teams users it met, used to read who a message names.</summary>
public sealed class TeamsDirectoryTests : TeamsPartsTest
{
    [Fact]
    public async Task IdentifyMentions_PersonMetBefore_GetsTheAadObjectIdTheyAreKnownBy()
    {
        var message = Mentioning(new ChannelAccount("29:rido", "Rido"));

        var identified = await Parts.Directory.IdentifyMentionsAsync(message, CancellationToken.None);

        Assert.Equal("Hi <@aad-rido|Rido>", TeamsInbound.CommandText(identified));
    }

    [Fact]
    public async Task IdentifyMentions_PersonNeverMet_KeepsTheirBotSpecificId()
    {
        var message = Mentioning(new ChannelAccount("29:stranger", "Stella"));

        var identified = await Parts.Directory.IdentifyMentionsAsync(message, CancellationToken.None);

        Assert.Equal("Hi <@29:stranger|Stella>", TeamsInbound.CommandText(identified));
    }

    [Fact]
    public async Task IdentifyMentions_MentionCarryingAadObjectId_IsKept()
    {
        var message = Mentioning(new ChannelAccount("29:rido", "Rido") { AadObjectId = "aad-from-teams" });

        var identified = await Parts.Directory.IdentifyMentionsAsync(message, CancellationToken.None);

        Assert.Equal("Hi <@aad-from-teams|Rido>", TeamsInbound.CommandText(identified));
    }

    [Fact]
    public async Task Remember_MemberLookupUnanswered_AsksAgainAfterTheRetryNotTheDailyRecheck()
    {
        var message = FromNewcomer();
        Parts.BotFramework.Answer(System.Net.HttpStatusCode.InternalServerError);
        var first = await Parts.Directory.RememberAsync(message, CancellationToken.None);
        Parts.BotFramework.MemberEmails["29:nia"] = "nia@contoso.test";

        Parts.Clock.Advance(TeamsDirectory.EmailRetry);
        var second = await Parts.Directory.RememberAsync(message, CancellationToken.None);

        Assert.Null(first.Email);
        Assert.Equal("nia@contoso.test", second.Email);
    }

    [Fact]
    public async Task Remember_MemberLookupAnswered_IsNotAskedAgainBeforeTheDailyRecheck()
    {
        var message = FromNewcomer();
        await Parts.Directory.RememberAsync(message, CancellationToken.None);
        var asked = Parts.BotFramework.ConnectorCalls.Count(c => c.Uri.AbsolutePath.Contains("/members/", StringComparison.Ordinal));

        Parts.Clock.Advance(TeamsDirectory.EmailRetry);
        await Parts.Directory.RememberAsync(message, CancellationToken.None);

        Assert.Equal(1, asked);
        Assert.Equal(asked, Parts.BotFramework.ConnectorCalls.Count(c => c.Uri.AbsolutePath.Contains("/members/", StringComparison.Ordinal)));
    }

    private static Activity FromNewcomer() => new()
    {
        Type = "message",
        Text = "help",
        ServiceUrl = TeamsParts.ServiceUrl,
        From = new ChannelAccount("29:nia", "Nia") { AadObjectId = "aad-nia" },
        Recipient = new ChannelAccount("28:bot", "ProductOps"),
        Conversation = new ConversationAccount("a:nia-personal") { ConversationType = "personal", TenantId = TeamsParts.Tenant },
    };

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
