using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace MeetingAssist.Host.Tests.Integration;

/// <summary>Every log entry a test server writes, to assert on what was logged and how.</summary>
public sealed class CapturedLogs : ILoggerProvider
{
    public ConcurrentQueue<(string Category, LogLevel Level, string Message, Exception? Exception)> Entries { get; } = new();
    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);
    public void Dispose() { }

    /// <summary>Entries at Error or above, one line each, for a failure message.</summary>
    public IReadOnlyList<string> Errors() =>
        Entries.Where(e => e.Level >= LogLevel.Error)
            .Select(e => $"{e.Level} {e.Category}: {e.Message}{(e.Exception is null ? "" : " — " + e.Exception.GetType().Name + ": " + e.Exception.Message)}")
            .ToList();

    private sealed class Logger(CapturedLogs owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;
        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel)) owner.Entries.Enqueue((category, logLevel, formatter(state, exception), exception));
        }
    }
}
