namespace ProductOps.Bot.Teams.Connector;

/// <summary>
/// Runs a Bot Connector call again while Teams answers that it may be retried (throttling, gateway
/// errors): after its Retry-After, else after 1, 2, 4 s; four attempts at most, none waiting over 30 s.
/// </summary>
public static class ConnectorRetry
{
    private const int MaxAttempts = 4;
    private static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(30);

    public static async Task<ConnectorResult> RunAsync(Func<Task<ConnectorResult>> call, TimeProvider clock, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            var result = await call();
            if (result.IsSuccess || !result.IsRetryable || attempt >= MaxAttempts)
            {
                return result;
            }

            var wait = result.RetryAfter ?? TimeSpan.FromSeconds(Math.Pow(2, attempt - 1));
            await Task.Delay(wait < MaxWait ? wait : MaxWait, clock, ct);
        }
    }
}
