using System.Net;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using ProductOps.Bot.Teams.Files;
using ProductOps.Bot.Tests.Teams.TestKit;
using ProductOps.Skills.Conversation;

namespace ProductOps.Bot.Tests.Teams;

/// <summary>Files offered in a person's 1:1 chat with a file consent card, the bytes kept until they answer.</summary>
public sealed class TeamsFileSenderTests : TeamsPartsTest
{
    private static readonly FileForPerson Csv = new("feedback.csv", "Feedback export", Encoding.UTF8.GetBytes("id,verbatim\r\n1,ACH payments\r\n"), "Feedback export: 1 item.");

    [Fact]
    public async Task Send_KnownPerson_StoresTheFileThenSendsAConsentCardToTheirOneOnOneChat()
    {
        var sent = await Sender().SendAsync(TeamsParts.Rido, Csv, CancellationToken.None);

        Assert.Equal(FileSent.Offered, sent);
        var call = Assert.Single(Parts.BotFramework.ConnectorCalls);
        Assert.Equal(HttpMethod.Post, call.Method);
        Assert.Equal("/amer/v3/conversations/a%3Arido-personal/activities", call.Uri.AbsolutePath);
        Assert.Equal("Bearer DUMMY.ACCESS.TOKEN", call.Authorization);
        var attachment = Assert.Single(call.Json["attachments"]!.AsArray())!;
        Assert.Equal("application/vnd.microsoft.teams.card.file.consent", (string?)attachment["contentType"]);
        Assert.Equal("feedback.csv", (string?)attachment["name"]);
        var card = attachment["content"]!;
        Assert.Equal("Feedback export: 1 item.", (string?)card["description"]);
        Assert.Equal(Csv.Content.Length, (long?)card["sizeInBytes"]);
        var id = (string)card["acceptContext"]!["file"]!;
        Assert.Equal(id, (string?)card["declineContext"]!["file"]);
        var stored = await Parts.PendingFiles.FindAsync(id, CancellationToken.None);
        Assert.Equal((TeamsParts.Tenant, "aad-rido", "feedback.csv"), (stored?.TenantId, stored?.UserKey, stored?.FileName));
        Assert.Equal(Csv.Content, stored?.Content);
        Assert.Equal(Parts.Clock.GetUtcNow().AddHours(24), stored?.ExpiresAt);
    }

    [Fact]
    public async Task Send_CardRefused_FailsAndKeepsNothing()
    {
        Parts.BotFramework.Answer(HttpStatusCode.Forbidden, """{"error":{"code":"Forbidden","message":"blocked","subCode":"MessageWritesBlocked"}}""");

        var sent = await Sender().SendAsync(TeamsParts.Rido, Csv, CancellationToken.None);

        Assert.Equal(FileSent.Failed, sent);
        Parts.Clock.Advance(TimeSpan.FromDays(365));
        Assert.Equal(0, await Parts.PendingFiles.PurgeExpiredAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Send_UserBlockedBot_MarksThemUnreachableAndTellsAdminsOnce()
    {
        Parts.BotFramework.Answer(HttpStatusCode.Forbidden, """{"error":{"code":"Forbidden","message":"blocked","subCode":"MessageWritesBlocked"}}""");

        var sent = await Sender().SendAsync(TeamsParts.Rido, Csv, CancellationToken.None);
        var again = await Sender().SendAsync(TeamsParts.Rido, Csv, CancellationToken.None);

        Assert.Equal((FileSent.Failed, FileSent.Failed), (sent, again));
        Assert.Single(Parts.BotFramework.ConnectorCalls);
        Assert.NotNull((await Parts.References.FindUserAsync(TeamsParts.Tenant, TeamsParts.Rido.UserId, CancellationToken.None))?.BlockedAt);
        var told = Assert.Single(Parts.Outbox.Messages);
        Assert.Equal(new PersonRecipient(Parts.People.Named("maya").Id), told.To);
        Assert.Contains("blocked or uninstalled", told.Reply.Fallback, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Send_PersonNeverSeenInTeams_FailsWithoutCallingTeams()
    {
        var sent = await Sender().SendAsync(TeamsParts.Rido with { UserId = "aad-stranger" }, Csv, CancellationToken.None);

        Assert.Equal(FileSent.Failed, sent);
        Assert.Empty(Parts.BotFramework.ConnectorCalls);
    }

    private TeamsFileSender Sender() =>
        new(Parts.References, Parts.Directory, Parts.Connector, Parts.PendingFiles, Parts.Blocked, Parts.Options, Parts.Clock, NullLogger<TeamsFileSender>.Instance);
}
