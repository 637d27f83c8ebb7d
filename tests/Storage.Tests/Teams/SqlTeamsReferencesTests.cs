using Dapper;
using ProductOps.Storage.Teams;

namespace ProductOps.Storage.Tests.Teams;

public sealed class SqlTeamsReferencesTests
{
    private static readonly TeamsUser Rido = new("tenant-1", "aad-1", "29:rido", "aad-1", "Rido", "https://smba.trafficmanager.net/emea/");

    [Fact]
    public async Task Seen_SameUserAgain_ChangesNothingStored()
    {
        using var db = await TempDatabase.CreateAsync();
        var clock = new FakeClock();
        var references = new SqlTeamsReferences(db.Database, clock);
        await references.SeenAsync(Rido, CancellationToken.None);
        var firstWrite = await UpdatedAtAsync(db);
        clock.Advance(TimeSpan.FromHours(1));

        var known = await references.SeenAsync(Rido with { Name = null, AadObjectId = null }, CancellationToken.None);

        Assert.Equal(firstWrite, await UpdatedAtAsync(db));
        Assert.Equal(("Rido", "aad-1"), (known.Name, known.AadObjectId));
    }

    [Fact]
    public async Task Seen_NewNameOrServiceUrl_IsStored()
    {
        using var db = await TempDatabase.CreateAsync();
        var references = new SqlTeamsReferences(db.Database, new FakeClock());
        await references.SeenAsync(Rido, CancellationToken.None);

        var known = await references.SeenAsync(Rido with { Name = "Rido M.", ServiceUrl = "https://smba.trafficmanager.net/amer/" }, CancellationToken.None);

        Assert.Equal(("Rido M.", "https://smba.trafficmanager.net/amer/"), (known.Name, known.ServiceUrl));
        Assert.Equal(known, await references.FindUserAsync("tenant-1", "aad-1", CancellationToken.None));
    }

    [Fact]
    public async Task Seen_BlockedUserTalksAgain_ClearsTheBlockAndKeepsTheirEmail()
    {
        using var db = await TempDatabase.CreateAsync();
        var references = new SqlTeamsReferences(db.Database, new FakeClock());
        await references.SeenAsync(Rido, CancellationToken.None);
        await references.SetEmailAsync("tenant-1", "aad-1", "rido@example.com", DateTimeOffset.UnixEpoch, CancellationToken.None);
        await references.MarkBlockedAsync("tenant-1", "aad-1", CancellationToken.None);

        var known = await references.SeenAsync(Rido, CancellationToken.None);

        Assert.Null(known.BlockedAt);
        Assert.Equal("rido@example.com", known.Email);
    }

    [Fact]
    public async Task FindUserById_TheirBotSpecificId_IsTheUserInThatTenant()
    {
        using var db = await TempDatabase.CreateAsync();
        var references = new SqlTeamsReferences(db.Database, new FakeClock());
        await references.SeenAsync(Rido, CancellationToken.None);
        await references.SeenAsync(Rido with { TenantId = "tenant-2", UserKey = "aad-other", AadObjectId = "aad-other" }, CancellationToken.None);

        var found = await references.FindUserByIdAsync("tenant-1", "29:rido", CancellationToken.None);
        var stranger = await references.FindUserByIdAsync("tenant-1", "29:stranger", CancellationToken.None);

        Assert.Equal(("aad-1", "aad-1"), (found?.UserKey, found?.AadObjectId));
        Assert.Null(stranger);
    }

    [Fact]
    public async Task SaveConversation_SameChannelAgain_IsNotRewrittenButARenameIs()
    {
        using var db = await TempDatabase.CreateAsync();
        var clock = new FakeClock();
        var references = new SqlTeamsReferences(db.Database, clock);
        var channel = new TeamsConversation("19:general@thread.tacv2", "tenant-1", "channel", Rido.ServiceUrl, "28:bot", "19:team@thread.tacv2", "General");
        await references.SaveConversationAsync(channel, CancellationToken.None);
        var firstWrite = await UpdatedAtAsync(db, "teams_conversations");
        clock.Advance(TimeSpan.FromHours(1));

        await references.SaveConversationAsync(channel with { Name = null }, CancellationToken.None);
        var unchanged = await UpdatedAtAsync(db, "teams_conversations");
        await references.SaveConversationAsync(channel with { Name = "Announcements" }, CancellationToken.None);

        Assert.Equal(firstWrite, unchanged);
        Assert.NotEqual(firstWrite, await UpdatedAtAsync(db, "teams_conversations"));
        Assert.Equal("Announcements", (await references.FindConversationAsync("19:general@thread.tacv2", CancellationToken.None))!.Name);
    }

    [Fact]
    public async Task SetTeamGroup_SameGroupAgain_IsNotRewrittenButANewOneReplacesIt()
    {
        using var db = await TempDatabase.CreateAsync();
        var clock = new FakeClock();
        var references = new SqlTeamsReferences(db.Database, clock);
        await references.SetTeamGroupAsync("19:team@thread.tacv2", "group-1", CancellationToken.None);
        var firstWrite = await UpdatedAtAsync(db, "teams_teams");
        clock.Advance(TimeSpan.FromHours(1));

        await references.SetTeamGroupAsync("19:team@thread.tacv2", "group-1", CancellationToken.None);
        var unchanged = await UpdatedAtAsync(db, "teams_teams");
        await references.SetTeamGroupAsync("19:team@thread.tacv2", "group-2", CancellationToken.None);

        Assert.Equal(firstWrite, unchanged);
        await using var connection = await db.Database.OpenAsync(CancellationToken.None);
        Assert.Equal("group-2", await connection.ExecuteScalarAsync<string>("SELECT aad_group_id FROM teams_teams;"));
    }

    [Fact]
    public async Task FindUser_AfterEachChange_ReturnsTheUserAsNowStored()
    {
        using var db = await TempDatabase.CreateAsync();
        var references = new SqlTeamsReferences(db.Database, new FakeClock());
        await references.SeenAsync(Rido, CancellationToken.None);
        await references.FindUserAsync("tenant-1", "aad-1", CancellationToken.None);

        await references.SetEmailAsync("tenant-1", "aad-1", "rido@example.com", DateTimeOffset.UnixEpoch, CancellationToken.None);
        var withEmail = await references.FindUserAsync("tenant-1", "aad-1", CancellationToken.None);
        await references.SetPersonalConversationAsync("tenant-1", "aad-1", "a:1on1", CancellationToken.None);
        var withChat = await references.FindUserAsync("tenant-1", "aad-1", CancellationToken.None);
        await references.MarkBlockedAsync("tenant-1", "aad-1", CancellationToken.None);
        var blocked = await references.FindUserAsync("tenant-1", "aad-1", CancellationToken.None);

        Assert.Equal("rido@example.com", withEmail!.Email);
        Assert.Equal("a:1on1", withChat!.PersonalConversationId);
        Assert.NotNull(blocked!.BlockedAt);
    }

    [Fact]
    public async Task SaveConversation_ReinstalledAfterRemoval_IsInstalledAgain()
    {
        using var db = await TempDatabase.CreateAsync();
        var references = new SqlTeamsReferences(db.Database, new FakeClock());
        var chat = new TeamsConversation("a:1on1", "tenant-1", "personal", Rido.ServiceUrl, "28:bot", null, null);
        await references.SaveConversationAsync(chat, CancellationToken.None);
        await references.SaveConversationAsync(chat, CancellationToken.None);

        await references.SaveConversationAsync(chat with { Installed = false }, CancellationToken.None);
        var removed = await references.FindConversationAsync("a:1on1", CancellationToken.None);
        await references.SaveConversationAsync(chat, CancellationToken.None);

        Assert.Null(removed);
        Assert.NotNull(await references.FindConversationAsync("a:1on1", CancellationToken.None));
    }

    [Fact]
    public async Task SetTeamGroup_BackToAnEarlierGroup_StoresIt()
    {
        using var db = await TempDatabase.CreateAsync();
        var references = new SqlTeamsReferences(db.Database, new FakeClock());
        await references.SetTeamGroupAsync("19:team@thread.tacv2", "group-1", CancellationToken.None);
        await references.SetTeamGroupAsync("19:team@thread.tacv2", "group-1", CancellationToken.None);
        await references.SetTeamGroupAsync("19:team@thread.tacv2", "group-2", CancellationToken.None);

        await references.SetTeamGroupAsync("19:team@thread.tacv2", "group-1", CancellationToken.None);

        await using var connection = await db.Database.OpenAsync(CancellationToken.None);
        Assert.Equal("group-1", await connection.ExecuteScalarAsync<string>("SELECT aad_group_id FROM teams_teams;"));
    }

    private static async Task<string> UpdatedAtAsync(TempDatabase db, string table = "teams_users")
    {
        await using var connection = await db.Database.OpenAsync(CancellationToken.None);
        return await connection.ExecuteScalarAsync<string>($"SELECT updated_at FROM {table};") ?? "";
    }
}
