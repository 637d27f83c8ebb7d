using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;
using ProductOps.Bot.Hosting;
using ProductOps.Bot.Pipeline;
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

    // Slack's deprecated verification token: a credential, so it is not kept with the stored command.
    private const string VerificationTokenField = "token";

    private enum Surface
    {
        Commands,
        Interactions,
        Events,
    }

    public static WebApplication MapSlack(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<IOptions<SlackOptions>>().Value;
        var ingress = app.Services.GetRequiredService<SlackIngress>();
        var acknowledgements = app.Services.GetRequiredService<AcknowledgementsFirst>();
        var log = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(SlackEndpoints));
        var clock = app.Services.GetRequiredService<TimeProvider>();

        // Plain request delegates: Slack waits on every acknowledgement, so they skip parameter
        // binding, per-request service scopes and result objects.
        foreach (var (path, surface) in new[] { ("/commands", Surface.Commands), ("/interactions", Surface.Interactions), ("/events", Surface.Events) })
        {
            app.MapPost(options.BasePath + path, http => options.HttpEnabled
                ? AcknowledgeAsync(http, ingress, acknowledgements, options, clock, log, surface)
                : Write(http, StatusCodes.Status404NotFound));
        }

        return app;
    }

    private static async Task AcknowledgeAsync(HttpContext http, SlackIngress ingress, AcknowledgementsFirst acknowledgements, SlackOptions options, TimeProvider clock, ILogger log, Surface surface)
    {
        using var acknowledging = acknowledgements.Acknowledge();
        await HandleAsync(http, ingress, options, clock, log, surface);
    }

    private static async Task HandleAsync(HttpContext http, SlackIngress ingress, SlackOptions options, TimeProvider clock, ILogger log, Surface surface)
    {
        var body = await RequestBody.ReadAsync(http.Request, MaxBodyBytes, http.RequestAborted);
        if (body is null)
        {
            await Write(http, StatusCodes.Status413PayloadTooLarge);
            return;
        }

        var text = Encoding.UTF8.GetString(body);
        var form = surface == Surface.Events ? null : SlackForm.Parse(text);

        // Slack's certificate check is unsigned: answer it and read nothing else from it.
        if (surface == Surface.Commands && form!.GetValueOrDefault("ssl_check") == "1")
        {
            await Write(http, StatusCodes.Status200OK);
            return;
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
            await Write(http, StatusCodes.Status401Unauthorized);
            return;
        }

        SlackAck ack;
        try
        {
            ack = surface switch
            {
                Surface.Commands => await ingress.CommandAsync(SlashCommand.FromForm(form!), SlackForm.Without(text, VerificationTokenField)),
                Surface.Interactions => await ingress.InteractionAsync(Payload<InteractionPayload>(form!.GetValueOrDefault("payload"))),
                _ => await EventAsync(ingress, Payload<EventEnvelope>(text), http.Request, log),
            };
        }
        catch (JsonException e)
        {
            log.LogWarning("Refused a Slack {Surface} request: the payload is not valid JSON ({Error})", surface, e.Message);
            await Write(http, StatusCodes.Status400BadRequest);
            return;
        }

        switch (ack)
        {
            case { Challenge: { } challenge }:
                await Write(http, StatusCodes.Status200OK, "text/plain; charset=utf-8", challenge);
                break;
            case { Body: { } json }:
                await Write(http, ack.Status, "application/json; charset=utf-8", json.ToJsonString(SlackJson.Options));
                break;
            default:
                await Write(http, ack.Status);
                break;
        }
    }

    private static Task Write(HttpContext http, int status, string? contentType = null, string? text = null)
    {
        http.Response.StatusCode = status;
        if (text is null)
        {
            return Task.CompletedTask;
        }

        http.Response.ContentType = contentType;
        return http.Response.WriteAsync(text, http.RequestAborted);
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
}
