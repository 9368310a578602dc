using MeetingAssist.Host.Queue;
using MeetingAssist.Host.Transcripts;
using MeetingAssist.Transcribe;

namespace MeetingAssist.Host.LiveTranscript;

public sealed record LiveStatusDto(
    int MeetingId, bool Capturing, string? Source, long? CaptureStartMs, double ReceivedSeconds, double? LastAudioSecondsAgo,
    string VadModel, string? VadFallbackReason, bool SpeechReady, string SpeechMessage, int QueuedJobs, double QueuedAudioSeconds,
    double LagSeconds, int SegmentsStored, int SegmentsDropped, double UnattributedSeconds, double GapSecondsFilled,
    int ServerCaptureRestarts, bool CaptionsEnabled, string? LastDropReason, int SecondLooksPending, int SecondLooksImproved, int SecondLooksSkipped, long PiecesJoined);

/// <summary>A meeting's live status panel: its capture, the speech engine, and its own counters.</summary>
public sealed class LiveStatus(LiveSessions sessions, LiveCounters counters, SecondLooks secondLooks, SpeechService speech,
    LiveMeetingService live, TimeProvider time)
{
    /// <summary>A capture is shown as running while audio arrived this recently.</summary>
    private static readonly TimeSpan CapturingWithin = TimeSpan.FromSeconds(5);

    public async Task<LiveStatusDto> OfAsync(int meetingId)
    {
        var session = sessions.Of(meetingId);
        var engine = await speech.StatusAsync();
        var counts = counters.For(meetingId);
        var snapshot = await live.SnapshotAsync(meetingId, staff: false);
        var sinceAudio = session is null ? (TimeSpan?)null : time.GetUtcNow() - session.LastAudio;
        return new LiveStatusDto(meetingId, sinceAudio < CapturingWithin, session?.Source,
            session?.CaptureStartMs, (session?.NextSample ?? 0) / (double)WhisperProcessor.SampleRate, sinceAudio?.TotalSeconds,
            sessions.Vad.Name, sessions.VadFallbackReason, engine.Ready, engine.Message, counts.QueuedJobs,
            counts.QueuedSamples / (double)WhisperProcessor.SampleRate, counts.Lag.TotalSeconds, counts.Stored, counts.Dropped,
            session?.UnattributedSeconds ?? 0, (session?.GapSamplesFilled ?? 0) / (double)WhisperProcessor.SampleRate,
            counts.CaptureRestarts, snapshot.CaptionsEnabled, counts.LastDropReason,
            secondLooks.Pending(meetingId), counts.SecondLooksImproved, counts.SecondLooksSkipped, counts.PiecesJoined);
    }
}
