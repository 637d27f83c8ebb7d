using System.Data.Common;
using Microsoft.Extensions.Options;
using ProductOps.Skills.Admin;
using ProductOps.Skills.Conversation;

namespace ProductOps.Bot.Outbox;

/// <summary>
/// Delivers stored proactive messages through the configured platform senders, with retries.
/// <para>
/// Delivery is at least once, made "at most once per key" wherever the process stays up: a key
/// is stored once, claimed under a lease by one dispatcher, and never sent again once delivered.
/// The window left open is a crash (or a send slower than the lease) between the platform
/// accepting a message and it being marked delivered: after the lease runs out the message is
/// sent again. Senders get the key so they can dedupe where the platform allows it.
/// </para>
/// </summary>
public sealed class OutboxDispatcher(
    IOutboxStore store,
    IEnumerable<IMessageSender> senders,
    IServiceScopeFactory scopes,
    OutboxSignal signal,
    IOptions<OutboxOptions> options,
    TimeProvider clock,
    ILogger<OutboxDispatcher> log) : BackgroundService
{
    /// <summary>The order a person's DM looks for a platform on which they are known.</summary>
    private static readonly string[] Preference = [Platforms.Slack, Platforms.Teams, Platforms.DevChat];

    private readonly OutboxOptions _options = options.Value;

    private readonly IMessageSender[] _configured = senders
        .Where(s => s.IsConfigured)
        .OrderBy(s => Array.IndexOf(Preference, s.Platform) is var i and >= 0 ? i : Preference.Length)
        .ThenBy(s => s.Platform, StringComparer.Ordinal)
        .ToArray();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        log.LogInformation("Outbox dispatcher started ({Platforms})", Known());
        while (!stoppingToken.IsCancellationRequested)
        {
            var full = false;
            try
            {
                full = await DispatchDueAsync(stoppingToken) >= _options.BatchSize;
            }
            catch (DbException e)
            {
                // The database is busy or away; the messages are safe in it, so try again at the next poll.
                log.LogError(e, "Outbox pass failed; trying again in {Seconds} s", _options.PollSeconds);
            }

            if (!full)
            {
                await signal.WaitAsync(TimeSpan.FromSeconds(_options.PollSeconds), clock, stoppingToken);
            }
        }
    }

    /// <summary>One pass: claims what is due and settles each message. Returns how many were claimed.</summary>
    internal async Task<int> DispatchDueAsync(CancellationToken ct)
    {
        var claimed = await store.ClaimDueAsync(_options.BatchSize, TimeSpan.FromSeconds(_options.LeaseSeconds), ct);
        if (claimed.Count == 0)
        {
            return 0;
        }

        await using var scope = scopes.CreateAsyncScope();
        foreach (var message in claimed)
        {
            await DeliverAsync(message, scope.ServiceProvider, ct);
        }

        return claimed.Count;
    }

    private async Task DeliverAsync(ClaimedMessage message, IServiceProvider services, CancellationToken ct)
    {
        var route = await RouteAsync(message.Message.To, services, ct);
        switch (route)
        {
            case Wait wait:
                log.LogDebug("Outbox message {Id} waits for a platform: {Reason}", message.Id, wait.Reason);
                await store.WaitForPlatformAsync(message, clock.GetUtcNow().AddSeconds(_options.PlatformRecheckSeconds), wait.Reason, ct);
                return;
            case Undeliverable undeliverable:
                log.LogWarning("Outbox message {Id} cannot be delivered: {Reason}", message.Id, undeliverable.Reason);
                await store.MarkFailedAsync(message, undeliverable.Reason, ct);
                return;
            case Send send:
                var result = await SendAsync(send, message, ct);
                await SettleAsync(message, send.Sender.Platform, result, ct);
                return;
        }
    }

    private async Task<Route> RouteAsync(Recipient to, IServiceProvider services, CancellationToken ct)
    {
        switch (to)
        {
            case PersonRecipient p:
                var person = await services.GetRequiredService<IPeopleStore>().FindAsync(p.PersonId, ct);
                if (person is null)
                {
                    return new Undeliverable($"Person {p.PersonId} no longer exists.");
                }

                foreach (var sender in _configured)
                {
                    if (person.IdentityOn(sender.Platform) is { } identity)
                    {
                        return new Send(sender, identity);
                    }
                }

                return new Wait($"Person {p.PersonId} has no identity on a configured platform ({Known()}).");
            case ChannelRecipient { Platform: { } platform }:
                return _configured.FirstOrDefault(s => s.Platform == platform) is { } onPlatform
                    ? new Send(onPlatform, null)
                    : new Wait($"The channel's platform {platform} is not configured ({Known()}).");
            case ChannelRecipient:
                return _configured.Length > 0 ? new Send(_configured[0], null) : new Wait("No chat platform is configured.");
            default:
                return new Undeliverable($"Unknown recipient {to.GetType().Name}.");
        }
    }

    private async Task<SendResult> SendAsync(Send send, ClaimedMessage message, CancellationToken ct)
    {
        var delivery = new Delivery(message.Message.Key, message.Message.To, send.Identity, message.Message.Reply);
        try
        {
            return await send.Sender.SendAsync(delivery, ct);
        }
        catch (HttpRequestException e)
        {
            return SendResult.Retry($"{e.GetType().Name}: {e.Message}");
        }
        catch (IOException e)
        {
            return SendResult.Retry($"{e.GetType().Name}: {e.Message}");
        }
        catch (TimeoutException e)
        {
            return SendResult.Retry($"{e.GetType().Name}: {e.Message}");
        }
        catch (TaskCanceledException e) when (!ct.IsCancellationRequested)
        {
            // HttpClient reports its own timeout as a cancellation.
            return SendResult.Retry($"Timed out: {e.Message}");
        }
#pragma warning disable CA1031 // A message that breaks its sender (a bug in rendering, say) counts as a failed attempt: retried with backoff, then marked failed, never taking the dispatcher down.
        catch (Exception e) when (e is not OperationCanceledException)
#pragma warning restore CA1031
        {
            log.LogError(e, "Outbox message {Id} broke the {Platform} sender", message.Id, send.Sender.Platform);
            return SendResult.Retry($"Unexpected {e.GetType().Name}: {e.Message}");
        }
    }

    private async Task SettleAsync(ClaimedMessage message, string platform, SendResult result, CancellationToken ct)
    {
        var attempt = message.Attempts + 1;
        var error = result.Error ?? "no error given";
        switch (result.Outcome)
        {
            case SendOutcome.Sent:
                await store.MarkDeliveredAsync(message, platform, ct);
                log.LogInformation("Outbox message {Id} delivered on {Platform} after {Attempts} attempts", message.Id, platform, attempt);
                break;
            case SendOutcome.Failed:
                await store.MarkFailedAsync(message, error, ct);
                log.LogWarning("Outbox message {Id} failed on {Platform}: {Error}", message.Id, platform, error);
                break;
            case SendOutcome.Retry when attempt >= _options.MaxAttempts:
                await store.MarkFailedAsync(message, $"Gave up after {attempt} attempts: {error}", ct);
                log.LogWarning("Outbox message {Id} failed after {Attempts} attempts on {Platform}: {Error}", message.Id, attempt, platform, error);
                break;
            case SendOutcome.Retry:
                var delay = result.RetryAfter ?? Backoff(attempt);
                await store.ScheduleRetryAsync(message, clock.GetUtcNow() + delay, error, ct);
                log.LogInformation("Outbox message {Id} will be retried in {Delay} (attempt {Attempts} on {Platform}: {Error})", message.Id, delay, attempt, platform, error);
                break;
        }
    }

    /// <summary>Doubling from the first delay up to the cap, with "equal jitter" so retries from one outage spread out.</summary>
    private TimeSpan Backoff(int attempt)
    {
        var cap = TimeSpan.FromMinutes(_options.MaxRetryMinutes);
        var full = TimeSpan.FromSeconds(_options.FirstRetrySeconds * Math.Pow(2, Math.Min(attempt - 1, 30)));
        var delay = full < cap ? full : cap;
#pragma warning disable CA5394 // Jitter, not security.
        return delay / 2 + delay / 2 * Random.Shared.NextDouble();
#pragma warning restore CA5394
    }

    private string Known() => _configured.Length == 0 ? "none configured" : "configured: " + string.Join(", ", _configured.Select(s => s.Platform));

    private abstract record Route;

    private sealed record Send(IMessageSender Sender, ChatIdentity? Identity) : Route;

    /// <summary>No configured platform can take the message yet: kept, not counted as an attempt.</summary>
    private sealed record Wait(string Reason) : Route;

    private sealed record Undeliverable(string Reason) : Route;
}
