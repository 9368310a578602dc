using System.Collections.Concurrent;

namespace MeetingAssist.Host.LiveTranscript;

/// <summary>
/// What the live pipeline has done for each meeting, for its status panel. One set per meeting: the worker is
/// shared by every meeting, but a meeting's panel reports only its own jobs, lag and passages.
/// </summary>
public sealed class LiveCounters(TimeProvider time)
{
    private readonly ConcurrentDictionary<int, MeetingLiveCounters> _meetings = new();

    public MeetingLiveCounters For(int meetingId) => _meetings.GetOrAdd(meetingId, _ => new MeetingLiveCounters(time));
}

/// <summary>One meeting's counters; every member is safe to use from any thread.</summary>
public sealed class MeetingLiveCounters(TimeProvider time)
{
    private readonly Lock _queueLock = new();
    private int _queuedJobs;
    private long _queuedSamples;
    private DateTimeOffset? _behindSince;
    private int _stored;
    private int _dropped;
    private int _secondLooksImproved;
    private int _secondLooksSkipped;
    private long _piecesJoined;
    private int _captureRestarts;
    private volatile string? _lastDropReason;

    /// <summary>Final jobs of this meeting waiting for the recogniser.</summary>
    public int QueuedJobs { get { lock (_queueLock) return _queuedJobs; } }

    public long QueuedSamples { get { lock (_queueLock) return _queuedSamples; } }

    /// <summary>How long this meeting's recognition has been behind: since its queue last stopped being empty.</summary>
    public TimeSpan Lag
    {
        get
        {
            lock (_queueLock) return _behindSince is { } since ? time.GetUtcNow() - since : TimeSpan.Zero;
        }
    }

    public int Stored => Volatile.Read(ref _stored);
    public int Dropped => Volatile.Read(ref _dropped);
    public string? LastDropReason => _lastDropReason;
    public int SecondLooksImproved => Volatile.Read(ref _secondLooksImproved);
    public int SecondLooksSkipped => Volatile.Read(ref _secondLooksSkipped);
    public long PiecesJoined => Interlocked.Read(ref _piecesJoined);
    public int CaptureRestarts => Volatile.Read(ref _captureRestarts);

    public void Queued(int samples)
    {
        lock (_queueLock)
        {
            if (_queuedJobs++ == 0) _behindSince = time.GetUtcNow();
            _queuedSamples += samples;
        }
    }

    /// <summary>A job left the queue for the recogniser; the lag ends when none of this meeting's jobs waits.</summary>
    public void Taken(int samples)
    {
        lock (_queueLock)
        {
            _queuedSamples -= samples;
            if (--_queuedJobs == 0) _behindSince = null;
        }
    }

    public void CountStored() => Interlocked.Increment(ref _stored);

    public void CountDropped(string reason)
    {
        Interlocked.Increment(ref _dropped);
        _lastDropReason = reason;
    }

    public void CountSecondLookImproved() => Interlocked.Increment(ref _secondLooksImproved);
    public void CountSecondLookSkipped() => Interlocked.Increment(ref _secondLooksSkipped);
    public void CountPiecesJoined(int pieces) => Interlocked.Add(ref _piecesJoined, pieces);
    public void CountCaptureRestart() => Interlocked.Increment(ref _captureRestarts);
}
