using System.Buffers;
using System.Data.Common;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using ProductOps.Bot.Pipeline;
using ProductOps.Bot.Slack.Api;
using ProductOps.Bot.Slack.Requests;

namespace ProductOps.Bot.Slack.SocketMode;

/// <summary>
/// Socket Mode: Slack pushes the same payloads it would post to the request URLs over a WebSocket
/// the bot opens, so no public URL is needed. Each connection starts from a fresh
/// apps.connections.open URL; every envelope is acknowledged by its id on the socket it came on
/// (with a payload where Slack reads one), except one the bot cannot take yet, which Slack then
/// sends again. A frame or envelope that cannot be handled is logged and skipped, never the end of
/// the connection. A <c>disconnect</c> lets the acknowledgements in flight go out, then leads
/// straight to a new connection (after a growing pause when they come back to back), a dropped one
/// (or missed pongs) to a new one after a growing pause; a refused app token stops it.
/// </summary>
public sealed class SlackSocketMode(ISlackApi api, SlackIngress ingress, AcknowledgementsFirst acknowledgements, IOptions<SlackOptions> options, TimeProvider clock, ILogger<SlackSocketMode> log) : BackgroundService
{
    private static readonly TimeSpan MaxPause = TimeSpan.FromSeconds(30);

    /// <summary>A connection that lived this long was a good one: a refresh after it reconnects at once.</summary>
    private static readonly TimeSpan SteadyConnection = TimeSpan.FromMinutes(1);

    /// <summary>Slack expects each envelope acknowledged within about 3 s.</summary>
    private static readonly TimeSpan AckDeadline = TimeSpan.FromSeconds(3);

    private enum Ending
    {
        /// <summary>Slack asked us to reconnect (refresh, too many sockets, …): at once, with a new URL, unless it keeps asking.</summary>
        Refresh,

        /// <summary>The connection failed or dropped: after a pause.</summary>
        Dropped,
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.SocketModeEnabled)
        {
            return;
        }

        var failures = 0;
        var quickRefreshes = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            var open = await api.OpenConnectionAsync(stoppingToken);
            if (!open.Ok || open.Text("url") is not { } url || !Uri.TryCreate(url, UriKind.Absolute, out var uri))
            {
                if (open.IsAuthError)
                {
                    log.LogCritical("Slack Socket Mode stopped: apps.connections.open refused the app token ({Error}). Check SLACK_APP_TOKEN (an xapp- token with connections:write) and that Socket Mode is on for the app", open.Error);
                    return;
                }

                failures++;
                await PauseAsync(failures, $"apps.connections.open answered {open.Error ?? "no URL"}", open.RetryAfter, stoppingToken);
                continue;
            }

            var connected = clock.GetUtcNow();
            var (ending, greeted) = await RunAsync(uri, stoppingToken);
            var steady = clock.GetUtcNow() - connected >= SteadyConnection;
            failures = greeted ? 0 : failures + 1;
            quickRefreshes = steady ? 0 : quickRefreshes;
            if (stoppingToken.IsCancellationRequested)
            {
                return;
            }

            if (ending == Ending.Dropped)
            {
                await PauseAsync(Math.Max(failures, 1), "the connection dropped", null, stoppingToken);
            }
            else if (!steady)
            {
                // Refreshes back to back (too_many_websockets, link_disabled) would otherwise reconnect in a tight loop.
                await PauseAsync(++quickRefreshes, "Slack asked to reconnect again soon after connecting", null, stoppingToken);
            }
        }
    }

    private async Task<(Ending Ending, bool Greeted)> RunAsync(Uri url, CancellationToken ct)
    {
        using var socket = new ClientWebSocket();
        // Our pings, and a deadline for their pongs: a silent network is noticed within seconds.
        socket.Options.KeepAliveInterval = TimeSpan.FromSeconds(5);
        socket.Options.KeepAliveTimeout = TimeSpan.FromSeconds(10);
        using var sending = new SemaphoreSlim(1, 1);
        var greeted = false;
        var acks = new List<Task>();
        try
        {
            await socket.ConnectAsync(url, ct);
            while (await ReceiveAsync(socket, ct) is { } frame)
            {
                if (Parse(frame) is not { } root)
                {
                    continue;
                }

                switch (Text(root, "type"))
                {
                    case "hello":
                        greeted = true;
                        log.LogInformation("Slack Socket Mode connected ({Connections} connections open for the app)",
                            root.TryGetProperty("num_connections", out var n) ? n.ToString() : "?");
                        break;
                    case "disconnect":
                        log.LogInformation("Slack asked to reconnect ({Reason})", Text(root, "reason"));
                        await FinishAcknowledgingAsync(acks, ct);
                        await CloseAsync(socket);
                        return (Ending.Refresh, greeted);
                    case "events_api" or "interactive" or "slash_commands":
                        // Not awaited here: a form submission's answer may take a moment, other envelopes must not wait for it.
                        acks.RemoveAll(a => a.IsCompleted);
                        acks.Add(AcknowledgeAsync(socket, sending, root, ct));
                        break;
                    default:
                        log.LogDebug("Ignored Socket Mode frame {Type}", Text(root, "type"));
                        break;
                }
            }
        }
        catch (WebSocketException e)
        {
            log.LogWarning("Slack Socket Mode connection failed: {Error}", e.WebSocketErrorCode);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            await CloseAsync(socket);
        }
        finally
        {
            await Task.WhenAll(acks);
        }

        return (Ending.Dropped, greeted);
    }

    /// <summary>Hands the envelope's payload to the ingress and acknowledges it with the answer Slack may read.</summary>
    private async Task AcknowledgeAsync(ClientWebSocket socket, SemaphoreSlim sending, JsonElement envelope, CancellationToken ct)
    {
        var id = Text(envelope, "envelope_id");
        if (id is null)
        {
            log.LogWarning("Slack Socket Mode envelope without an envelope_id ignored");
            return;
        }

        if (await HandleAsync(envelope, id) is not { } ack)
        {
            return;
        }

        var reply = new JsonObject { ["envelope_id"] = id };
        if (ack.Body is { } body && envelope.TryGetProperty("accepts_response_payload", out var accepts) && accepts.ValueKind == JsonValueKind.True)
        {
            reply["payload"] = body;
        }

        if (!await WaitAsync(sending, ct))
        {
            return;
        }

        try
        {
            await socket.SendAsync(Encoding.UTF8.GetBytes(reply.ToJsonString(SlackJson.Options)), WebSocketMessageType.Text, true, ct);
        }
        catch (OperationCanceledException)
        {
            log.LogDebug("Shutting down before acknowledging Slack envelope {EnvelopeId}", id);
        }
        catch (WebSocketException e)
        {
            log.LogWarning("Could not acknowledge Slack envelope {EnvelopeId}: {Error}; Slack will send it again", id, e.WebSocketErrorCode);
        }
        catch (Exception e) when (e is ObjectDisposedException or InvalidOperationException)
        {
            log.LogWarning("Could not acknowledge Slack envelope {EnvelopeId}: the connection closed; Slack will send it again", id);
        }
        finally
        {
            sending.Release();
        }
    }

    /// <summary>
    /// The ingress's answer to the envelope, or null when it must stay unacknowledged so that Slack
    /// sends it again. Never throws: one envelope that cannot be handled must not end the connection.
    /// </summary>
    private async Task<SlackAck?> HandleAsync(JsonElement envelope, string id)
    {
        var type = Text(envelope, "type");
        using var acknowledging = acknowledgements.Acknowledge();
        SlackAck ack;
        try
        {
            var payload = envelope.GetProperty("payload");
            ack = type switch
            {
                "slash_commands" => await ingress.CommandAsync(Read<SlashCommand>(payload)),
                "interactive" => await ingress.InteractionAsync(Read<InteractionPayload>(payload)),
                _ => await ingress.EventAsync(Read<EventEnvelope>(payload)),
            };
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException)
        {
            // Acknowledged anyway: Slack would only send the same unreadable envelope again.
            log.LogWarning("Slack Socket Mode {Type} envelope {EnvelopeId} could not be read: {Error}", type, id, e.Message);
            return SlackAck.Ok;
        }
        catch (DbException e)
        {
            // The database is away: like a full work queue, a reason to come back later.
            log.LogWarning("Slack Socket Mode {Type} envelope {EnvelopeId} not acknowledged: the database failed ({Error}); Slack will send it again", type, id, e.Message);
            return null;
        }
        catch (OperationCanceledException)
        {
            log.LogDebug("Shutting down before handling Slack envelope {EnvelopeId}", id);
            return null;
        }
#pragma warning disable CA1031 // One envelope that breaks its handling (a bug, say) is skipped; the connection and the service live on.
        catch (Exception e)
#pragma warning restore CA1031
        {
            log.LogError(e, "Slack Socket Mode {Type} envelope {EnvelopeId} failed and was skipped", type, id);
            return SlackAck.Ok;
        }

        if (ack.Status >= StatusCodes.Status500InternalServerError)
        {
            // "Come back later" (the work queue is full): left unacknowledged, Slack sends the envelope
            // again, as it retries a 5xx over HTTP. An acknowledgement would lose it.
            log.LogWarning("Slack Socket Mode {Type} envelope {EnvelopeId} not acknowledged ({Status}); Slack will send it again", type, id, ack.Status);
            return null;
        }

        return ack;
    }

    /// <summary>
    /// Lets acknowledgements still being worked on (a form's answer, say) go out before the socket
    /// closes, for up to Slack's own deadline: one sent later would not be read anyway.
    /// </summary>
    private async Task FinishAcknowledgingAsync(List<Task> acks, CancellationToken ct)
    {
        try
        {
            await Task.WhenAll(acks).WaitAsync(AckDeadline, clock, ct);
        }
        catch (TimeoutException)
        {
            log.LogWarning("{Count} Slack envelopes were still being handled when the connection closed; Slack will send them again", acks.Count(a => !a.IsCompleted));
        }
    }

    private static T Read<T>(JsonElement payload) =>
        payload.Deserialize<T>(SlackJson.Options) ?? throw new JsonException("The payload is JSON null.");

    /// <summary>The frame as a JSON object, or null (logged) when it is not one: one odd frame must not end the connection.</summary>
    private JsonElement? Parse(byte[] frame)
    {
        try
        {
            using var document = JsonDocument.Parse(frame);
            if (document.RootElement.ValueKind == JsonValueKind.Object)
            {
                return document.RootElement.Clone();
            }

            log.LogWarning("Slack Socket Mode sent a frame that is not a JSON object ({Kind}); ignored", document.RootElement.ValueKind);
        }
        catch (JsonException e)
        {
            log.LogWarning("Slack Socket Mode sent a frame that is not JSON; ignored: {Error}", e.Message);
        }

        return null;
    }

    private static async Task<bool> WaitAsync(SemaphoreSlim sending, CancellationToken ct)
    {
        try
        {
            await sending.WaitAsync(ct);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>One whole text message, or null when the socket closed.</summary>
    private static async Task<byte[]?> ReceiveAsync(ClientWebSocket socket, CancellationToken ct)
    {
        var message = new ArrayBufferWriter<byte>();
        while (true)
        {
            var result = await socket.ReceiveAsync(message.GetMemory(16 * 1024), ct);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                return null;
            }

            message.Advance(result.Count);
            if (result.EndOfMessage)
            {
                return message.WrittenSpan.ToArray();
            }
        }
    }

    private async Task PauseAsync(int failures, string reason, TimeSpan? retryAfter, CancellationToken ct)
    {
        var pause = retryAfter ?? TimeSpan.FromSeconds(Math.Min(MaxPause.TotalSeconds, Math.Pow(2, Math.Min(failures - 1, 10))));
#pragma warning disable CA5394 // Jitter, not security.
        pause += TimeSpan.FromMilliseconds(Random.Shared.Next(0, 250));
#pragma warning restore CA5394
        log.LogWarning("Slack Socket Mode reconnects in {Seconds:0.0} s: {Reason} (attempt {Attempt})", pause.TotalSeconds, reason, failures);
        await Task.Delay(pause, clock, ct);
    }

    private static async Task CloseAsync(ClientWebSocket socket)
    {
        if (socket.State is not (WebSocketState.Open or WebSocketState.CloseReceived))
        {
            return;
        }

        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "reconnecting", timeout.Token);
        }
        catch (WebSocketException)
        {
            // Already gone; nothing to close.
        }
        catch (OperationCanceledException)
        {
            socket.Abort();
        }
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
}
