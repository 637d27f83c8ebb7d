using ProductOps.Storage.Teams;

namespace ProductOps.Storage.Tests.Teams;

/// <summary>Team channels and their teams' Microsoft 365 group ids, as the Teams thread reader finds them.</summary>
public sealed class SqlTeamsChannelsTests
{
    [Fact]
    public async Task FindChannel_GroupLearnedLater_ComesWithTheChannelFromThenOn()
    {
        using var db = await TempDatabase.CreateAsync();
        var references = new SqlTeamsReferences(db.Database, new FakeClock());
        await references.SaveConversationAsync(new TeamsConversation("19:chan@thread.tacv2", "t1", "channel", "https://smba.example/amer/", "28:bot", "19:team@thread.tacv2", null), CancellationToken.None);

        var before = await references.FindChannelAsync("19:chan@thread.tacv2", CancellationToken.None);
        await references.SetTeamGroupAsync("19:team@thread.tacv2", "group-1", CancellationToken.None);
        await references.SetTeamGroupAsync("19:team@thread.tacv2", "group-2", CancellationToken.None);
        var after = await references.FindChannelAsync("19:chan@thread.tacv2", CancellationToken.None);

        Assert.Equal(new TeamsChannel("19:chan@thread.tacv2", "19:team@thread.tacv2", "https://smba.example/amer/", null), before);
        Assert.Equal("group-2", after?.AadGroupId);
    }

    [Fact]
    public async Task FindChannel_ChatWithoutTeamOrUnknown_IsNull()
    {
        using var db = await TempDatabase.CreateAsync();
        var references = new SqlTeamsReferences(db.Database, new FakeClock());
        await references.SaveConversationAsync(new TeamsConversation("19:chat@thread.v2", "t1", "groupChat", "https://smba.example/amer/", "28:bot", null, "Chat"), CancellationToken.None);

        Assert.Null(await references.FindChannelAsync("19:chat@thread.v2", CancellationToken.None));
        Assert.Null(await references.FindChannelAsync("19:unknown@thread.tacv2", CancellationToken.None));
    }
}
