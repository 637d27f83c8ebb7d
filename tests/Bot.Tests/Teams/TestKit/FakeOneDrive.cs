using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using ProductOps.Bot.Tests.TestKit;

namespace ProductOps.Bot.Tests.Teams.TestKit;

/// <summary>
/// OneDrive upload sessions on a loopback server, as Teams hands them to a bot when a person accepts
/// a file: <c>PUT /upload/{session}</c> records each piece with its headers and answers 202 until
/// the last byte is in, then 201, or a scripted status first.
/// </summary>
public sealed class FakeOneDrive : IAsyncDisposable
{
    private readonly ConcurrentQueue<int> _scripted = new();
    private LoopbackServer _server = null!;

    public ConcurrentQueue<Piece> Pieces { get; } = new();

    public static async Task<FakeOneDrive> StartAsync()
    {
        var fake = new FakeOneDrive();
        fake._server = await LoopbackServer.StartAsync(app => app.MapPut("/upload/{session}", (string session, HttpContext http) => fake.PutAsync(session, http)));
        return fake;
    }

    /// <summary>An upload URL for a new session, as Teams puts it in <c>uploadInfo.uploadUrl</c>.</summary>
    public string SessionUrl(string session) => _server.BaseUrl + "upload/" + session;

    /// <summary>The next pieces get these statuses, in order, before the normal answers.</summary>
    public void Answer(params int[] statuses)
    {
        foreach (var status in statuses)
        {
            _scripted.Enqueue(status);
        }
    }

    /// <summary>The bytes a session received, in the order the pieces came.</summary>
    public byte[] Received(string session) => Pieces.Where(p => p.Session == session).SelectMany(p => p.Bytes).ToArray();

    /// <summary>Waits until a session has a piece; the upload runs after Teams got its answer.</summary>
    public async Task<Piece> WaitForAsync(string session)
    {
        var until = TimeProvider.System.GetUtcNow() + TimeSpan.FromSeconds(10);
        while (TimeProvider.System.GetUtcNow() < until)
        {
            if (Pieces.FirstOrDefault(p => p.Session == session) is { } piece)
            {
                return piece;
            }

            await Task.Delay(25);
        }

        throw new TimeoutException($"Nothing was uploaded to session {session}.");
    }

    public ValueTask DisposeAsync() => _server.DisposeAsync();

    private async Task<IResult> PutAsync(string session, HttpContext http)
    {
        using var body = new MemoryStream();
        await http.Request.Body.CopyToAsync(body);
        var headers = http.Request.Headers;
        var piece = new Piece(session, body.ToArray(), http.Request.ContentLength, headers.ContentRange.ToString(), headers.Authorization.ToString());
        Pieces.Enqueue(piece);
        if (_scripted.TryDequeue(out var status))
        {
            return Results.StatusCode(status);
        }

        var last = piece.Range.EndsWith("/" + (LastByte(piece.Range) + 1), StringComparison.Ordinal);
        return Results.StatusCode(last ? StatusCodes.Status201Created : StatusCodes.Status202Accepted);
    }

    private static long LastByte(string range) =>
        long.TryParse(range.Split('-', '/')[1], System.Globalization.CultureInfo.InvariantCulture, out var last) ? last : -1;

    /// <summary>One PUT: the bytes, its Content-Length and Content-Range, and any Authorization it carried.</summary>
    public sealed record Piece(string Session, byte[] Bytes, long? ContentLength, string Range, string Authorization);
}
