using ProductOps.Skills.Conversation;

namespace ProductOps.Bot.Pipeline;

/// <summary>
/// Runs one turn in its own service scope. The one place unexpected failures are caught: logged
/// with a reference id, and the person is told that id instead of a stack trace.
/// </summary>
public sealed class TurnRunner(IServiceScopeFactory scopes, ILogger<TurnRunner> log)
{
    public async Task<Response> RunAsync(Inbound inbound, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var router = scope.ServiceProvider.GetRequiredService<Router>();
        try
        {
            return await router.HandleAsync(inbound, ct);
        }
#pragma warning disable CA1031 // The turn-level error hook: every unexpected failure ends here, logged with a reference.
        catch (Exception e) when (e is not OperationCanceledException)
#pragma warning restore CA1031
        {
            var reference = NewReference();
            log.LogError(e, "Turn failed with reference {Reference} for {Platform} user {UserId} ({Inbound})",
                reference, inbound.From.Identity.Platform, inbound.From.Identity.UserId, inbound.GetType().Name);
            return Response.Say(Markup.Of(
                $"Something went wrong on my side and nothing was changed. If it happens again, give an admin the reference {Md.Code(reference)}."));
        }
    }

    /// <summary>A short id that ties what a person is told to the log line of a failure.</summary>
    public static string NewReference() => Convert.ToHexString(Guid.NewGuid().ToByteArray().AsSpan(0, 4));
}
