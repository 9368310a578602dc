using System.Diagnostics;

/// <summary>
/// Measures this process's own stalls while a step runs: a thread that asks to sleep 1 ms and records by how much
/// it overslept, plus the garbage collector's pause time. A latency the screens report can only be blamed on the
/// server when the benchmark itself was not stalled at that moment.
/// </summary>
sealed class StallProbe : IDisposable
{
    private readonly Thread _thread;
    private readonly TimeSpan _pauseBefore = GC.GetTotalPauseDuration();
    private readonly int _gen2Before = GC.CollectionCount(2);
    private volatile bool _stop;
    private double _maxMs;
    private int _over100Ms;

    public StallProbe()
    {
        _thread = new Thread(Run) { IsBackground = true, Priority = ThreadPriority.AboveNormal, Name = "stall probe" };
        _thread.Start();
    }

    public double MaxStallMs => _maxMs;
    public int StallsOver100Ms => _over100Ms;
    public double GcPauseMs => (GC.GetTotalPauseDuration() - _pauseBefore).TotalMilliseconds;
    public int Gen2Collections => GC.CollectionCount(2) - _gen2Before;

    private void Run()
    {
        var sw = Stopwatch.StartNew();
        while (!_stop)
        {
            var before = sw.Elapsed.TotalMilliseconds;
            Thread.Sleep(1);
            var overslept = sw.Elapsed.TotalMilliseconds - before - 1;
            if (overslept > _maxMs) _maxMs = overslept;
            if (overslept > 100) _over100Ms++;
        }
    }

    public void Dispose()
    {
        _stop = true;
        _thread.Join();
    }
}
