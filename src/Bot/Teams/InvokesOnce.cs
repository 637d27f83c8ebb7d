using System.Collections.Concurrent;
using ProductOps.Storage.Deliveries;

namespace ProductOps.Bot.Teams;

/// <summary>
/// Runs an invoke that changes something (a button's action, a dialog's or message action's
/// submission) once per delivery. Its key is recorded after the invoke was handled, not before: if
/// the bot stops midway, Teams' retry runs it again instead of being told it was done, so a
/// submission is never lost (at worst one cut short runs a second time). A repeat that arrives
/// while the first is still running is a repeat.
/// </summary>
public sealed class InvokesOnce(SqlDeliveryLog deliveries)
{
    private readonly ConcurrentDictionary<string, byte> _running = new(StringComparer.Ordinal);

    /// <summary>The handler's answer; null when the delivery was handled before or is being handled now.</summary>
    public async Task<InvokeAnswer?> RunAsync(string key, Func<Task<InvokeAnswer>> handle, CancellationToken ct)
    {
        if (!_running.TryAdd(key, 0))
        {
            return null;
        }

        try
        {
            if (await deliveries.SeenAsync(key, ct))
            {
                return null;
            }

            var answer = await handle();

            // Handled, so recorded even if Teams stopped waiting: its retry must not run it again.
            await deliveries.FirstSeenAsync(key, CancellationToken.None);
            return answer;
        }
        finally
        {
            _running.TryRemove(key, out _);
        }
    }
}
