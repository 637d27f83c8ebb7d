using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using ProductOps.Bot.Teams.Files;
using ProductOps.Bot.Tests.Teams.TestKit;

namespace ProductOps.Bot.Tests.Teams;

/// <summary>Bytes put into a OneDrive upload session, against a fake session on loopback.</summary>
public sealed class FileUploadTests : IAsyncLifetime, IDisposable
{
    private static readonly byte[] Csv = Encoding.UTF8.GetBytes("id,verbatim\r\n1,ACH payments\r\n");

    private readonly SocketsHttpHandler _network = new();
    private FakeOneDrive _oneDrive = null!;

    public async Task InitializeAsync() => _oneDrive = await FakeOneDrive.StartAsync();

    public async Task DisposeAsync() => await _oneDrive.DisposeAsync();

    public void Dispose() => _network.Dispose();

    [Fact]
    public async Task Put_SmallFile_OnePieceWithTheExactBytesLengthAndRangeAndNoToken()
    {
        var stored = await Upload().PutAsync(_oneDrive.SessionUrl("s1"), Csv, CancellationToken.None);

        Assert.True(stored);
        var piece = Assert.Single(_oneDrive.Pieces);
        Assert.Equal(Csv, piece.Bytes);
        Assert.Equal(Csv.Length, piece.ContentLength);
        Assert.Equal($"bytes 0-{Csv.Length - 1}/{Csv.Length}", piece.Range);
        Assert.Equal("", piece.Authorization);
    }

    [Fact]
    public async Task Put_LargerThanAPiece_SendsConsecutiveRangesThatAddUpToTheFile()
    {
        var big = new byte[FileUpload.PieceBytes + 1000];
        new Random(7).NextBytes(big);

        var stored = await Upload().PutAsync(_oneDrive.SessionUrl("big"), big, CancellationToken.None);

        Assert.True(stored);
        Assert.Equal([$"bytes 0-{FileUpload.PieceBytes - 1}/{big.Length}", $"bytes {FileUpload.PieceBytes}-{big.Length - 1}/{big.Length}"], _oneDrive.Pieces.Select(p => p.Range));
        Assert.Equal(big, _oneDrive.Received("big"));
        Assert.Equal(0, FileUpload.PieceBytes % (320 * 1024));
    }

    [Fact]
    public async Task Put_GatewayErrorOnce_SendsThePieceAgain()
    {
        _oneDrive.Answer(503);

        var stored = await Upload().PutAsync(_oneDrive.SessionUrl("s2"), Csv, CancellationToken.None);

        Assert.True(stored);
        Assert.Equal(2, _oneDrive.Pieces.Count);
    }

    [Fact]
    public async Task Put_SessionRefuses_FailsWithoutTryingAgain()
    {
        _oneDrive.Answer(403);

        var stored = await Upload().PutAsync(_oneDrive.SessionUrl("s3"), Csv, CancellationToken.None);

        Assert.False(stored);
        Assert.Single(_oneDrive.Pieces);
    }

    [Theory]
    [InlineData("http://uploads.example.com/upload/s4")]
    [InlineData("ftp://127.0.0.1/upload/s4")]
    [InlineData("not a url")]
    public async Task Put_NotHttpsOutsideThisMachine_RefusedWithoutSending(string url)
    {
        var stored = await Upload().PutAsync(url, Csv, CancellationToken.None);

        Assert.False(stored);
        Assert.Empty(_oneDrive.Pieces);
    }

    private FileUpload Upload() => new(new FakeHttpClients(_network), TimeProvider.System, NullLogger<FileUpload>.Instance);
}
