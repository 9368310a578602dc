using System.Diagnostics;

namespace MeetingAssist.Host.Common;

/// <summary>
/// Notices when the whole server process stops answering — a long garbage collection, or a machine whose cores are
/// taken by something else — and says so in the log with how much of the stall was the collector. Every screen in the
/// hall feels such a stall at once, yet nothing in a request's own log would show it.
/// </summary>
public sealed partial class StallMonitor(ILogger<StallMonitor> logger) : IHostedService, IDisposable
{
    /// <summary>A stall this long is visible on the projector's clock and is logged.</summary>
    public static readonly TimeSpan Reported = TimeSpan.FromMilliseconds(250);

    private Thread? _thread;
    private volatile bool _stopping;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        // A plain thread, not the thread pool: a starved pool is one of the things it should see.
        _thread = new Thread(Watch) { IsBackground = true, Name = "stall monitor" };
        _thread.Start();
        return Task.CompletedTask;
    }

    private void Watch()
    {
        var clock = Stopwatch.StartNew();
        while (!_stopping)
        {
            var before = clock.Elapsed;
            var pausedBefore = GC.GetTotalPauseDuration();
            Thread.Sleep(50);
            var overslept = clock.Elapsed - before - TimeSpan.FromMilliseconds(50);
            if (overslept < Reported) continue;
            var collector = GC.GetTotalPauseDuration() - pausedBefore;
            LogStalled((long)overslept.TotalMilliseconds, (long)collector.TotalMilliseconds, ThreadPool.PendingWorkItemCount);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _stopping = true;
        return Task.CompletedTask;
    }

    public void Dispose() => _stopping = true;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Server stalled {StallMs} ms; garbage collection paused it {CollectorMs} ms of that; {Pending} work items waiting")]
    private partial void LogStalled(long stallMs, long collectorMs, long pending);
}
