using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging.Abstractions;
using ProductOps.Bot.Teams;
using ProductOps.Bot.Teams.Files;
using ProductOps.Bot.Tests.Teams.TestKit;
using ProductOps.Skills.Conversation;
using ProductOps.Storage.Teams;

namespace ProductOps.Bot.Tests.Teams;

/// <summary>A person's answer to a file consent card: the upload and the message that follow it.</summary>
public sealed class TeamsFileConsentTests : IAsyncLifetime, IDisposable
{
    private static readonly FileForPerson Csv = new("feedback.csv", "Feedback export", Encoding.UTF8.GetBytes("id,verbatim\r\n1,ACH payments\r\n"), "Feedback export: 1 item.");

    private readonly SocketsHttpHandler _network = new();
    private TeamsParts _teams = null!;
    private FakeOneDrive _oneDrive = null!;

    public async Task InitializeAsync()
    {
        _teams = await TeamsParts.StartAsync();
        _oneDrive = await FakeOneDrive.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _oneDrive.DisposeAsync();
        _teams.Dispose();
    }

    public void Dispose() => _network.Dispose();

    [Fact]
    public async Task Accept_OfferedFile_UploadsTheExactBytesThenShowsTheSavedFileAndForgetsTheOffer()
    {
        var id = await OfferAsync();

        await Consent().HandleAsync(Activity(FileConsentInvokes.Accept("accept-1", id, _oneDrive.SessionUrl("s1"))), CancellationToken.None);

        var piece = Assert.Single(_oneDrive.Pieces);
        Assert.Equal(Csv.Content, piece.Bytes);
        Assert.Equal(Csv.Content.Length, piece.ContentLength);
        Assert.Equal($"bytes 0-{Csv.Content.Length - 1}/{Csv.Content.Length}", piece.Range);
        Assert.Equal("", piece.Authorization);
        var shown = _teams.BotFramework.ConnectorCalls.Last();
        Assert.Equal("/amer/v3/conversations/a%3Arido-personal/activities", shown.Uri.AbsolutePath);
        var card = Assert.Single(shown.Json["attachments"]!.AsArray())!;
        Assert.Equal("application/vnd.microsoft.teams.card.file.info", (string?)card["contentType"]);
        Assert.Equal("https://contoso.sharepoint.com/personal/rido_contoso_com/Documents/Applications/feedback.csv", (string?)card["contentUrl"]);
        Assert.Equal("feedback.csv", (string?)card["name"]);
        Assert.Equal("1150D938-8870-4044-9F2C-5BBDEBA70C8C", (string?)card["content"]!["uniqueId"]);
        Assert.Equal("csv", (string?)card["content"]!["fileType"]);
        Assert.Null(await _teams.PendingFiles.FindAsync(id, CancellationToken.None));
    }

    [Fact]
    public async Task Accept_AfterARestart_UploadsFromTheStoredOffer()
    {
        var id = await OfferAsync();
        var restarted = new SqlPendingFiles(_teams.Database, _teams.Clock);

        await Consent(restarted).HandleAsync(Activity(FileConsentInvokes.Accept("accept-2", id, _oneDrive.SessionUrl("s2"))), CancellationToken.None);

        Assert.Equal(Csv.Content, _oneDrive.Received("s2"));
        Assert.Contains("file.info", _teams.BotFramework.ConnectorCalls.Last().Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Decline_OfferedFile_ForgetsItAndSaysSoWithoutUploading()
    {
        var id = await OfferAsync();

        await Consent().HandleAsync(Activity(FileConsentInvokes.Decline("decline-1", id)), CancellationToken.None);

        Assert.Empty(_oneDrive.Pieces);
        Assert.Contains("You declined feedback.csv, so it was not saved.", LastMessage(), StringComparison.Ordinal);
        Assert.Null(await _teams.PendingFiles.FindAsync(id, CancellationToken.None));
    }

    [Theory]
    [InlineData("no-such-file")]
    [InlineData(null)]
    public async Task Accept_UnknownContext_SaysTheFileIsNoLongerWaiting(string? id)
    {
        await Consent().HandleAsync(Activity(FileConsentInvokes.Accept("accept-3", id, _oneDrive.SessionUrl("s3"))), CancellationToken.None);

        Assert.Empty(_oneDrive.Pieces);
        Assert.Contains("That file is no longer waiting for you", LastMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Accept_SomeoneElsesOffer_IsTreatedAsUnknownAndTheOfferStays()
    {
        var id = await OfferAsync();
        var invoke = FileConsentInvokes.Accept("accept-4", id, _oneDrive.SessionUrl("s4"));
        invoke["from"]!["aadObjectId"] = "aad-mallory";

        await Consent().HandleAsync(Activity(invoke), CancellationToken.None);

        Assert.Empty(_oneDrive.Pieces);
        Assert.Contains("That file is no longer waiting for you", LastMessage(), StringComparison.Ordinal);
        Assert.NotNull(await _teams.PendingFiles.FindAsync(id, CancellationToken.None));
    }

    [Fact]
    public async Task Accept_AfterTheOfferExpired_SaysSoAndForgetsIt()
    {
        var id = await OfferAsync();
        _teams.Clock.Advance(TimeSpan.FromHours(24));

        await Consent().HandleAsync(Activity(FileConsentInvokes.Accept("accept-5", id, _oneDrive.SessionUrl("s5"))), CancellationToken.None);

        Assert.Empty(_oneDrive.Pieces);
        Assert.Contains("The offer of feedback.csv has expired. Ask for the file again.", LastMessage(), StringComparison.Ordinal);
        Assert.Null(await _teams.PendingFiles.FindAsync(id, CancellationToken.None));
    }

    [Fact]
    public async Task Accept_SessionRefusesTheUpload_SaysSoAndForgetsTheOffer()
    {
        var id = await OfferAsync();
        _oneDrive.Answer(403);

        await Consent().HandleAsync(Activity(FileConsentInvokes.Accept("accept-6", id, _oneDrive.SessionUrl("s6"))), CancellationToken.None);

        Assert.Contains("I could not save feedback.csv to your OneDrive.", LastMessage(), StringComparison.Ordinal);
        Assert.DoesNotContain(_teams.BotFramework.ConnectorCalls, c => c.Body.Contains("file.info", StringComparison.Ordinal));
        Assert.Null(await _teams.PendingFiles.FindAsync(id, CancellationToken.None));
    }

    private async Task<string> OfferAsync()
    {
        var sender = new TeamsFileSender(
            _teams.References, _teams.Directory, _teams.Connector, _teams.PendingFiles, _teams.Blocked, _teams.Options, _teams.Clock, NullLogger<TeamsFileSender>.Instance);
        Assert.Equal(FileSent.Offered, await sender.SendAsync(TeamsParts.Rido, Csv, CancellationToken.None));
        return (string)_teams.BotFramework.ConnectorCalls.Last().Json["attachments"]![0]!["content"]!["acceptContext"]!["file"]!;
    }

    private TeamsFileConsent Consent(SqlPendingFiles? pending = null) =>
        new(pending ?? _teams.PendingFiles, new FileUpload(new FakeHttpClients(_network), _teams.Clock, NullLogger<FileUpload>.Instance), _teams.Replies, _teams.Clock,
            NullLogger<TeamsFileConsent>.Instance);

    private static Activity Activity(JsonObject json) => TeamsFixture.Activity(json);

    private string LastMessage() => _teams.BotFramework.ConnectorCalls.Last().Body;
}
