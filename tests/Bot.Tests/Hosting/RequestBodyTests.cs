using System.Text;
using Microsoft.AspNetCore.Http;
using ProductOps.Bot.Hosting;

namespace ProductOps.Bot.Tests.Hosting;

public sealed class RequestBodyTests
{
    [Fact]
    public async Task DeclaredLength_WithinLimit_ReadsTheWholeBody()
    {
        var request = Request("{\"text\":\"okr status\"}", declareLength: true);

        var body = await RequestBody.ReadAsync(request, 1024, CancellationToken.None);

        Assert.Equal("{\"text\":\"okr status\"}", Encoding.UTF8.GetString(body!));
    }

    [Fact]
    public async Task DeclaredLength_OverLimit_IsRefusedBeforeReading()
    {
        var request = Request(new string('x', 2048), declareLength: true);

        var body = await RequestBody.ReadAsync(request, 1024, CancellationToken.None);

        Assert.Null(body);
        Assert.Equal(0, request.Body.Position);
    }

    [Fact]
    public async Task NoDeclaredLength_WithinLimit_ReadsTheWholeBody()
    {
        var text = new string('y', 10_000);

        var body = await RequestBody.ReadAsync(Request(text, declareLength: false), 20_000, CancellationToken.None);

        Assert.Equal(text, Encoding.UTF8.GetString(body!));
    }

    [Fact]
    public async Task NoDeclaredLength_OverLimit_IsRefused()
    {
        var body = await RequestBody.ReadAsync(Request(new string('z', 10_000), declareLength: false), 5_000, CancellationToken.None);

        Assert.Null(body);
    }

    private static HttpRequest Request(string text, bool declareLength)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        var http = new DefaultHttpContext();
        http.Request.Body = new MemoryStream(bytes);
        http.Request.ContentLength = declareLength ? bytes.Length : null;
        return http.Request;
    }
}
