using System.Net;
using System.Net.Http.Headers;

namespace ProductOps.Bot.Teams.Files;

/// <summary>
/// Puts a file's bytes into the OneDrive upload session Teams opened when the person accepted it.
/// The session URL carries its own authorisation, so no bot token goes there. A session takes at
/// most 60 MiB a request, in multiples of 320 KiB, so larger files go in 10 MiB pieces; a piece that
/// meets throttling, a gateway error or a dropped connection is sent again.
/// </summary>
public sealed class FileUpload(IHttpClientFactory http, TimeProvider clock, ILogger<FileUpload> log)
{
    public const int PieceBytes = 32 * 320 * 1024;

    private const int MaxAttempts = 3;

    /// <summary>True once every byte is stored; false (and logged) when the session refused or could not be reached.</summary>
    public async Task<bool> PutAsync(string uploadUrl, byte[] content, CancellationToken ct)
    {
        if (!Uri.TryCreate(uploadUrl, UriKind.Absolute, out var url) || !(url.Scheme == Uri.UriSchemeHttps || (url.Scheme == Uri.UriSchemeHttp && url.IsLoopback)))
        {
            // Real sessions are https on SharePoint; plain http only to this machine, for local test setups.
            log.LogWarning("Teams gave an upload URL that is not https; the file was not sent there");
            return false;
        }

        if (content.Length == 0)
        {
            log.LogWarning("An empty file cannot go into an upload session");
            return false;
        }

        for (var from = 0; from < content.Length; from += PieceBytes)
        {
            if (!await PutPieceAsync(url, content, from, Math.Min(PieceBytes, content.Length - from), ct))
            {
                return false;
            }
        }

        return true;
    }

    private async Task<bool> PutPieceAsync(Uri url, byte[] content, int from, int count, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            var status = await SendAsync(url, content, from, count, ct);
            if (status is >= 200 and < 300)
            {
                return true;
            }

            var passing = status is 0 or (int)HttpStatusCode.TooManyRequests or >= 500;
            log.LogWarning("Upload of bytes {From}-{To} answered {Status} (attempt {Attempt})", from, from + count - 1, status, attempt);
            if (!passing || attempt >= MaxAttempts)
            {
                return false;
            }

            await Task.Delay(TimeSpan.FromSeconds(attempt), clock, ct);
        }
    }

    /// <summary>The status of one PUT, or 0 when the connection failed or timed out.</summary>
    private async Task<int> SendAsync(Uri url, byte[] content, int from, int count, CancellationToken ct)
    {
        using var piece = new ByteArrayContent(content, from, count);
        piece.Headers.ContentLength = count;
        piece.Headers.ContentRange = new ContentRangeHeaderValue(from, from + count - 1, content.Length);
        using var request = new HttpRequestMessage(HttpMethod.Put, url) { Content = piece };
        try
        {
            using var response = await http.CreateClient(TeamsSetup.UploadClientName).SendAsync(request, ct);
            return (int)response.StatusCode;
        }
        catch (HttpRequestException e)
        {
            log.LogWarning("The upload session could not be reached: {Reason}", e.HttpRequestError);
            return 0;
        }
        catch (TaskCanceledException) when (!ct.IsCancellationRequested)
        {
            log.LogWarning("The upload session timed out");
            return 0;
        }
    }
}
