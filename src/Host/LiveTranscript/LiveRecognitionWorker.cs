using MeetingAssist.Transcribe;
using MeetingAssist.Transcribe.Live;

namespace MeetingAssist.Host.LiveTranscript;

/// <summary>
/// The one recognition worker of the hall: final jobs in order, first and always; when none waits, a caption of
/// the open speech on the caption clock, and a second look once the hall has been quiet. Its clock is the
/// injected <see cref="TimeProvider"/>.
/// </summary>
public sealed partial class LiveRecognitionWorker(SpeechJobQueue jobs, LiveSessions sessions, FinalPass finals, CaptionPass captions,
    SecondLooks secondLooks, MeetingProcessors processors, TimeProvider time, ILogger<LiveRecognitionWorker> logger) : BackgroundService
{
    /// <summary>How soon idle work is tried again when no caption pass started (too little open speech, a quiet hall).</summary>
    private static readonly TimeSpan IdleRetry = TimeSpan.FromMilliseconds(250);

    private DateTimeOffset _nextIdleWork = DateTimeOffset.MinValue;
    private DateTimeOffset _lastSpeech = DateTimeOffset.MinValue;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                // Captions refresh on their own clock, not after a stretch of idleness: a worker that finishes each
                // final pass shortly before the next piece arrives would otherwise never caption at all.
                var untilIdleWork = _nextIdleWork - time.GetUtcNow();
                if (!jobs.TryTake(out var item))
                {
                    if (untilIdleWork <= TimeSpan.Zero)
                    {
                        await IdleAsync(stoppingToken);
                        var now = time.GetUtcNow();
                        _nextIdleWork = captions.NextDue > now ? captions.NextDue : now + IdleRetry;
                        continue;
                    }
                    if (await jobs.TakeAsync(untilIdleWork, stoppingToken) is not { } taken) continue;
                    item = taken;
                }
                var job = jobs.JoinWaitingPieces(item);
                _lastSpeech = time.GetUtcNow(); // a job is speech that has just ended: the hall is not quiet yet
                try
                {
                    var waitedMs = (long)(time.GetUtcNow() - item.QueuedAt).TotalMilliseconds;
                    var started = time.GetTimestamp();
                    await finals.RecogniseAsync(item.MeetingId, job, stoppingToken);
                    LogJobDone(item.MeetingId, job.TurnId, job.Samples.Length / (double)WhisperProcessor.SampleRate,
                        waitedMs, time.GetElapsedTime(started).TotalMilliseconds);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    LogJobFailed(ex, item.MeetingId, job.TurnId);
                }
            }
        }
        finally
        {
            await processors.DisposeAllAsync();
        }
    }

    /// <summary>No final job waits: close speech left open by a capture that went quiet, refresh captions, second looks.</summary>
    private async Task IdleAsync(CancellationToken ct)
    {
        foreach (var session in sessions.All)
        {
            if (sessions.WentQuiet(session))
            {
                await sessions.FlushAsync(session);
                continue;
            }
            if (jobs.Count > 0) return;
            if (await sessions.OpenSpeechAsync(session) is not { } open) continue;
            _lastSpeech = time.GetUtcNow();
            if (!await captions.CaptionAsync(session.MeetingId, open, ct)) return; // a final job arrived: it goes first
        }
        // Second looks wait for a quiet hall (between turns, a pause in the meeting): one started while someone
        // speaks would hold that speaker's captions back. A final job still interrupts it.
        if (SecondLookDecision.MayStart(jobs.Count, time.GetUtcNow() - _lastSpeech))
            await secondLooks.TakeOneAsync(ct);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        await sessions.CloseAllAsync();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Meeting {MeetingId}: recognition of turn {TurnId} failed")]
    private partial void LogJobFailed(Exception ex, int meetingId, int turnId);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Meeting {MeetingId}, turn {TurnId}: {Seconds:F1} s of speech waited {WaitMs} ms, recognised in {PassMs:F0} ms")]
    private partial void LogJobDone(int meetingId, int turnId, double seconds, long waitMs, double passMs);
}
