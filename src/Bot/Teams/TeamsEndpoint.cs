using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;
using ProductOps.Bot.Hosting;
using ProductOps.Bot.Pipeline;
using ProductOps.Bot.Teams.Auth;
using ProductOps.Bot.Teams.Connector;
using ProductOps.Bot.Teams.Files;

namespace ProductOps.Bot.Teams;

/// <summary>
/// <c>POST /api/messages</c>, where the Bot Connector delivers Teams activities. Authenticates
/// first (401 and nothing processed on any failure), then: messages, installs and file consents are
/// queued and acknowledged at once; other invokes are answered in the response, as Teams expects.
/// </summary>
public static class TeamsEndpoint
{
    public const string Path = "/api/messages";

    /// <summary>Teams messages stay under about 100 KB; anything much larger is not from Teams.</summary>
    public const int MaxBodyBytes = 512 * 1024;

    public static WebApplication MapTeamsEndpoint(this WebApplication app)
    {
        var services = app.Services;
        var options = services.GetRequiredService<IOptions<TeamsOptions>>();
        var authenticator = services.GetRequiredService<TeamsAuthenticator>();
        var trusted = services.GetRequiredService<TrustedServiceUrls>();
        var once = services.GetRequiredService<InvokesOnce>();
        var queue = services.GetRequiredService<TeamsBacklog>();
        var invokes = services.GetRequiredService<TeamsInvokes>();
        var acknowledgements = services.GetRequiredService<AcknowledgementsFirst>();
        var log = services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(TeamsEndpoint));

        // A plain request delegate over services resolved once: every activity skips parameter
        // binding and a per-request service scope.
        app.MapPost(Path, async http =>
        {
            using var acknowledging = acknowledgements.Acknowledge();
            var result = await ReceiveAsync(http, options, authenticator, trusted, once, queue, invokes, log, http.RequestAborted);
            await result.ExecuteAsync(http);
        });
        return app;
    }

    private static async Task<IResult> ReceiveAsync(
        HttpContext http,
        IOptions<TeamsOptions> options,
        TeamsAuthenticator authenticator,
        TrustedServiceUrls trusted,
        InvokesOnce once,
        TeamsBacklog queue,
        TeamsInvokes invokes,
        ILogger log,
        CancellationToken ct)
    {
        ChannelToken? token = null;
        if (!TeamsAuthenticator.AllowsAnonymous(options.Value, http.Connection.RemoteIpAddress))
        {
            if (!options.Value.HasCredentials)
            {
                // No app id: the endpoint is closed (the start-up log says how to open it).
                return Results.Unauthorized();
            }

            var (valid, reason) = await authenticator.ValidateAsync(http.Request.Headers.Authorization.ToString() is { Length: > 0 } h ? h : null, ct);
            if (valid is null)
            {
                log.LogWarning("Teams request refused: {Reason}", reason);
                return Results.Unauthorized();
            }

            token = valid;
        }

        var (received, problem) = await ReadAsync(http.Request, ct);
        if (received is null)
        {
            return problem!;
        }

        var (activity, body) = received;

        if (token is not null && TeamsAuthenticator.Mismatch(token, activity) is { } mismatch)
        {
            log.LogWarning("Teams activity {ActivityId} refused: {Reason}", activity.Id, mismatch);
            return Results.Unauthorized();
        }

        if (activity.ServiceUrl is { Length: > 0 } serviceUrl)
        {
            trusted.Trust(serviceUrl);
        }

        // Ids are unique per conversation. Teams' message ids grow with time, so with the id first each
        // new key lands at the end of the index instead of on a random page: a third less written a message.
        var deliveryKey = activity.Id is { Length: > 0 } id ? $"teams:activity:{id}:{activity.Conversation?.Id}" : null;
        switch (activity.Type)
        {
            case "invoke" when activity.Name == TeamsFileConsent.Invoke:
                // Teams wants only an empty 200; the upload that may follow can outlast its deadline.
                await QueueAsync(queue, activity, body, deliveryKey, log, ct);
                return Answer(InvokeAnswer.Empty);
            case "invoke":
                return Answer(await InvokeAsync(activity, deliveryKey, once, invokes, log, ct));
            case "message" or "conversationUpdate" or "installationUpdate":
                await QueueAsync(queue, activity, body, deliveryKey, log, ct);
                return Results.Ok();
            default:
                // Reactions, typing and the like: acknowledged, nothing to do.
                return Results.Ok();
        }
    }

    /// <summary>
    /// An invoke's answer, never a 500: turns have their own error hook, and whatever fails around
    /// them (the duplicate check, remembering the sender, building a dialog) is logged with a
    /// reference and answered in a shape Teams shows.
    /// </summary>
    private static async Task<InvokeAnswer> InvokeAsync(
        Activity activity, string? deliveryKey, InvokesOnce once, TeamsInvokes invokes, ILogger log, CancellationToken ct)
    {
        try
        {
            if (deliveryKey is null || !IsRepeatable(activity))
            {
                return await invokes.HandleAsync(activity, ct);
            }

            if (await once.RunAsync(deliveryKey, () => invokes.HandleAsync(activity, ct), ct) is { } answer)
            {
                return answer;
            }

            log.LogInformation("Teams activity {ActivityId} in {ConversationId} was delivered before; skipped", activity.Id, activity.Conversation?.Id);
            return TeamsInvokes.Repeated(activity);
        }
#pragma warning disable CA1031 // The invoke-level error hook: Teams shows a 500 as a bare "something went wrong" with nothing to trace.
        catch (Exception e) when (!ct.IsCancellationRequested)
#pragma warning restore CA1031
        {
            var reference = TurnRunner.NewReference();
            log.LogError(e, "Teams invoke {Name} {ActivityId} failed with reference {Reference}", activity.Name, activity.Id, reference);
            return TeamsInvokes.Failed(activity, reference);
        }
    }

    /// <summary>Marked seen and stored in one transaction: a crash can neither lose the activity nor let a retry run it twice.</summary>
    private static async Task QueueAsync(TeamsBacklog queue, Activity activity, byte[] body, string? deliveryKey, ILogger log, CancellationToken ct)
    {
        // Stored as Teams sent it: nothing it carried is lost, and nothing is serialised again.
        var json = Encoding.UTF8.GetString(body);
        if (deliveryKey is null)
        {
            await queue.EnqueueAsync(activity, json, ct);
        }
        else if (!await queue.EnqueueUnlessSeenAsync(activity, json, deliveryKey, ct))
        {
            log.LogInformation("Teams activity {ActivityId} in {ConversationId} was delivered before; skipped", activity.Id, activity.Conversation?.Id);
        }
    }

    /// <summary>Invokes that change something when run twice; fetches just show a form again.</summary>
    private static bool IsRepeatable(Activity activity) =>
        activity.Name is TeamsInvokes.Execute or TeamsInvokes.TaskSubmit or TeamsInvokes.ExtensionSubmit;

    private static IResult Answer(InvokeAnswer answer) =>
        answer.Body is null
            ? Results.StatusCode(answer.Status)
            : Results.Text(answer.Body.ToJsonString(TeamsJson.Options), "application/json", statusCode: answer.Status);

    private static async Task<(Received? Received, IResult? Problem)> ReadAsync(HttpRequest request, CancellationToken ct)
    {
        if (await RequestBody.ReadAsync(request, MaxBodyBytes, ct) is not { } body)
        {
            return (null, Results.StatusCode(StatusCodes.Status413PayloadTooLarge));
        }

        try
        {
            var activity = JsonSerializer.Deserialize<Activity>(body, TeamsJson.Options);
            return activity?.Type is null ? (null, Results.BadRequest()) : (new Received(activity, body), null);
        }
        catch (JsonException)
        {
            return (null, Results.BadRequest());
        }
    }

    /// <summary>An activity and the body it came in.</summary>
    private sealed record Received(Activity Activity, byte[] Body);
}
