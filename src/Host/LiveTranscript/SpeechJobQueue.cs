using System.Threading.Channels;
using MeetingAssist.Transcribe.Live;

namespace MeetingAssist.Host.LiveTranscript;

/// <summary>A piece of a meeting's speech waiting for its final text.</summary>
public sealed record QueuedSpeech(int MeetingId, SpeechJob Job, DateTimeOffset QueuedAt);

/// <summary>
/// The final jobs of every meeting, in the order their speech ended, never dropped however far behind. Final
/// text goes first: optional work (a caption pass, a second look) runs through <see cref="GiveWayAsync"/> and is
/// cancelled the moment a final job is queued.
/// </summary>
public sealed class SpeechJobQueue(LiveCounters counters, TimeProvider time)
{
    private readonly Channel<QueuedSpeech> _jobs = Channel.CreateUnbounded<QueuedSpeech>();

    /// <summary>The caption pass or second look in progress, if any; cancelled when a final job arrives.</summary>
    private CancellationTokenSource? _givingWayPass;

    /// <summary>Final jobs waiting, of all meetings.</summary>
    public int Count => _jobs.Reader.Count;

    public async Task EnqueueAsync(int meetingId, IReadOnlyList<SpeechJob> jobs)
    {
        foreach (var job in jobs)
        {
            counters.For(meetingId).Queued(job.Samples.Length);
            await _jobs.Writer.WriteAsync(new QueuedSpeech(meetingId, job, time.GetUtcNow()));
        }
        // A caption pass or second look in progress is abandoned so the worker takes the job at once.
        if (jobs.Count > 0) CancelGivingWayPass();
    }

    public bool TryTake(out QueuedSpeech item)
    {
        if (!_jobs.Reader.TryRead(out item!)) return false;
        Taken(item);
        return true;
    }

    /// <summary>The next job, or null when <paramref name="wait"/> passes first.</summary>
    public async Task<QueuedSpeech?> TakeAsync(TimeSpan wait, CancellationToken ct)
    {
        using var timer = new CancellationTokenSource(wait, time);
        using var either = CancellationTokenSource.CreateLinkedTokenSource(ct, timer.Token);
        try
        {
            var item = await _jobs.Reader.ReadAsync(either.Token);
            Taken(item);
            return item;
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return null;
        }
    }

    /// <summary>
    /// When recognition is behind, the next pieces of the same turn are already waiting: they are taken now and
    /// recognised in one window, so catching up costs one encoder pass instead of one per piece.
    /// </summary>
    public SpeechJob JoinWaitingPieces(QueuedSpeech first)
    {
        var pieces = new List<SpeechJob> { first.Job };
        while (_jobs.Reader.TryPeek(out var next) && next.MeetingId == first.MeetingId
               && SpeechJobMerge.CanJoin(first.Job, pieces[^1], next.Job) && _jobs.Reader.TryRead(out next))
        {
            Taken(next);
            pieces.Add(next.Job);
        }
        if (pieces.Count > 1) counters.For(first.MeetingId).CountPiecesJoined(pieces.Count - 1);
        return SpeechJobMerge.Join(pieces);
    }

    private void Taken(QueuedSpeech item) => counters.For(item.MeetingId).Taken(item.Job.Samples.Length);

    /// <summary>Runs recognition that must give way to final text; false when a final job was queued and it stopped.</summary>
    public async Task<bool> GiveWayAsync(Func<CancellationToken, Task> work, CancellationToken ct)
    {
        using var pass = CancellationTokenSource.CreateLinkedTokenSource(ct);
        Volatile.Write(ref _givingWayPass, pass);
        try
        {
            // A job queued before this pass was published would otherwise wait for it.
            if (_jobs.Reader.Count > 0) return false;
            await work(pass.Token);
            return true;
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return false;
        }
        finally
        {
            Volatile.Write(ref _givingWayPass, null);
        }
    }

    private void CancelGivingWayPass()
    {
        try
        {
            Volatile.Read(ref _givingWayPass)?.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // The pass ended between the read and the cancel: nothing to stop.
        }
    }
}
