using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace ProductOps.Bot.Tests.Teams.TestKit;

/// <summary>Keeps what the app logs at Warning and above, so a test can check that a failure was reported.</summary>
public sealed class LogRecorder : ILoggerProvider
{
    public ConcurrentQueue<Entry> Entries { get; } = new();

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, Entries);

    /// <summary>Waits for an entry matching <paramref name="match"/>; failures in the background are logged a little later.</summary>
    public async Task<Entry> WaitForAsync(Func<Entry, bool> match, TimeSpan? timeout = null)
    {
        var until = TimeProvider.System.GetUtcNow() + (timeout ?? TimeSpan.FromSeconds(10));
        while (TimeProvider.System.GetUtcNow() < until)
        {
            if (Entries.FirstOrDefault(match) is { } found)
            {
                return found;
            }

            await Task.Delay(25);
        }

        throw new TimeoutException("No matching log entry; entries were: " + string.Join(" | ", Entries.Select(e => $"{e.Level} {e.Category}: {e.Message}")));
    }

    public void Dispose()
    {
    }

    public sealed record Entry(string Category, LogLevel Level, string Message, Exception? Exception);

    private sealed class Logger(string category, ConcurrentQueue<Entry> entries) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                entries.Enqueue(new Entry(category, logLevel, formatter(state, exception), exception));
            }
        }
    }
}
