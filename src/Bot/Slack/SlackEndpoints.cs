using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using ProductOps.Bot.Slack.Requests;

namespace ProductOps.Bot.Slack;

/// <summary>
/// The three request URLs Slack calls in HTTP mode. Each request is read whole (up to 1 MB),
/// verified against the signing secret before anything else, acknowledged at once, and worked on
/// in the background. With no signing secret configured they answer 404: never open.
/// </summary>
public static class SlackEndpoints
{
    public const int MaxBodyBytes = 1024 * 1024;

    private enum Surface
    {
        Commands,
        Interactions,
        Events,
    }

    public static WebApplication MapSlack(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<IOptions<SlackOptions>>().Value;
        var slack = app.MapGroup(options.BasePath).AddEndpointFilter(async (context, next) =>
            options.HttpEnabled ? await next(context) : Results.NotFound());
        var log = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(SlackEndpoints));
        var clock = app.Services.GetRequiredService<TimeProvider>();
        slack.MapPost("/commands", (HttpContext http, SlackIngress ingress) => HandleAsync(http, ingress, options, clock, log, Surface.Commands));
        slack.MapPost("/interactions", (HttpContext http, SlackIngress ingress) => HandleAsync(http, ingress, options, clock, log, Surface.Interactions));
        slack.MapPost("/events", (HttpContext http, SlackIngress ingress) => HandleAsync(http, ingress, options, clock, log, Surface.Events));
        return app;
    }

    private static async Task<IResult> HandleAsync(HttpContext http, SlackIngress ingress, SlackOptions options, TimeProvider clock, ILogger log, Surface surface)
    {
        var body = await ReadAsync(http.Request, http.RequestAborted);
        if (body is null)
        {
            return Results.StatusCode(StatusCodes.Status413PayloadTooLarge);
        }

        var form = surface == Surface.Events ? null : Form(body);

        // Slack's certificate check is unsigned: answer it and read nothing else from it.
        if (surface == Surface.Commands && form!.GetValueOrDefault("ssl_check") == "1")
        {
            return Results.Ok();
        }

        var check = SlackSignature.Verify(
            options.SigningSecret!,
            http.Request.Headers[SlackSignature.TimestampHeader],
            http.Request.Headers[SlackSignature.SignatureHeader],
            body,
            clock.GetUtcNow());
        if (check != SignatureCheck.Valid)
        {
            log.LogWarning("Refused a Slack {Surface} request: signature {Check}", surface, check);
            return Results.Unauthorized();
        }

        SlackAck ack;
        try
        {
            ack = surface switch
            {
                Surface.Commands => await ingress.CommandAsync(SlashCommand.FromForm(form!)),
                Surface.Interactions => await ingress.InteractionAsync(Payload<InteractionPayload>(form!.GetValueOrDefault("payload"))),
                _ => await EventAsync(ingress, Payload<EventEnvelope>(Encoding.UTF8.GetString(body)), http.Request, log),
            };
        }
        catch (JsonException e)
        {
            log.LogWarning("Refused a Slack {Surface} request: the payload is not valid JSON ({Error})", surface, e.Message);
            return Results.BadRequest();
        }

        return ack switch
        {
            { Challenge: { } challenge } => Results.Text(challenge, "text/plain"),
            { Body: { } json } => Results.Text(json.ToJsonString(), "application/json", Encoding.UTF8, ack.Status),
            _ => Results.StatusCode(ack.Status),
        };
    }

    private static Task<SlackAck> EventAsync(SlackIngress ingress, EventEnvelope envelope, HttpRequest request, ILogger log)
    {
        if (request.Headers["X-Slack-Retry-Num"] is { Count: > 0 } retry)
        {
            // A retry may still be the first delivery that reaches us; the event id decides.
            log.LogInformation("Slack retry {Retry} ({Reason}) of event {EventId}", retry.ToString(), request.Headers["X-Slack-Retry-Reason"].ToString(), envelope.EventId);
        }

        return ingress.EventAsync(envelope);
    }

    private static T Payload<T>(string? json) =>
        JsonSerializer.Deserialize<T>(json ?? throw new JsonException("The request has no payload."), SlackJson.Options)
        ?? throw new JsonException("The payload is JSON null.");

    private static Dictionary<string, string> Form(byte[] body) =>
        QueryHelpers.ParseQuery(Encoding.UTF8.GetString(body)).ToDictionary(p => p.Key, p => p.Value.ToString(), StringComparer.Ordinal);

    /// <summary>The raw body (the signature covers these exact bytes); null when it passes the limit.</summary>
    private static async Task<byte[]?> ReadAsync(HttpRequest request, CancellationToken ct)
    {
        if (request.ContentLength > MaxBodyBytes)
        {
            return null;
        }

        using var buffer = new MemoryStream(request.ContentLength is { } length ? (int)length : 4096);
        var chunk = new byte[4096];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > MaxBodyBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }
}
