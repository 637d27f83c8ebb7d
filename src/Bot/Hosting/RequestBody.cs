namespace ProductOps.Bot.Hosting;

/// <summary>Reads a request body whole, refusing it past a limit before reading more than the limit.</summary>
public static class RequestBody
{
    /// <summary>The body's bytes, or null when it is larger than <paramref name="limit"/>.</summary>
    public static async Task<byte[]?> ReadAsync(HttpRequest request, long limit, CancellationToken ct)
    {
        if (request.ContentLength > limit)
        {
            return null;
        }

        if (request.ContentLength is { } length)
        {
            // Kestrel ends the body at the declared length, so one array of that size holds it all.
            var body = new byte[length];
            var filled = 0;
            int read;
            while (filled < body.Length && (read = await request.Body.ReadAsync(body.AsMemory(filled), ct)) > 0)
            {
                filled += read;
            }

            return filled == body.Length ? body : body[..filled];
        }

        using var buffer = new MemoryStream(4096);
        var chunk = new byte[4096];
        int chunkRead;
        while ((chunkRead = await request.Body.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + chunkRead > limit)
            {
                return null;
            }

            buffer.Write(chunk, 0, chunkRead);
        }

        return buffer.ToArray();
    }
}
