using MeetingAssist.Host.People;
using MeetingAssist.Host.Queue;
using MeetingAssist.Host.Transcripts;
using MeetingAssist.Transcribe;
using MeetingAssist.Transcribe.Live;

namespace MeetingAssist.Host.LiveTranscript;

/// <summary>
/// What becomes of a recognised passage: stored under the turn it was spoken in and pushed to the staff (with a
/// final caption), or dropped and counted with the guard's reason.
/// </summary>
public sealed partial class LivePassages(LiveSegmentStore store, LiveTranscriptPush push, LiveCounters counters, ILogger<LivePassages> logger)
{
    public async Task<LiveSegmentRow> AddAsync(int meetingId, SpeechJob job, FloorTurnRecord turn, TranscriptSegment segment, GuardResult verdict,
        string modelName, WhisperOptions options, CancellationToken ct)
    {
        var row = new LiveSegmentRow
        {
            MeetingId = meetingId,
            TurnId = job.TurnId,
            SpeakerName = turn.Speaker.Name,
            SpeakerAffiliation = turn.Speaker.Affiliation,
            SpeakerRole = PersonRoleLabels.Label(turn.Speaker.Role),
            TurnKind = SnapshotBuilder.TurnKindLabel(turn.Kind),
            StartMs = job.StartMs + (long)segment.Start.TotalMilliseconds,
            EndMs = Math.Min(job.EndMs, job.StartMs + (long)segment.End.TotalMilliseconds),
            Text = verdict.Text,
            Confidence = segment.AverageTokenProbability,
            NoSpeechProbability = segment.NoSpeechProbability,
            VadSpeechRatio = job.VadSpeechRatio,
            Flag = FlagOf(verdict),
            ModelName = modelName,
            Parameters = SpeechOptions.Describe(options),
        };
        await store.AddAsync(row, ct);
        counters.For(meetingId).CountStored();
        await push.SegmentAsync(row);
        await push.CaptionAsync(new CaptionDto(meetingId, job.TurnId, turn.Speaker.Name, row.Text, true, row.EndMs));
        return row;
    }

    /// <summary>
    /// A second look's better text for a stored passage, pushed under the same id so the live view replaces it in
    /// place; false when the passage no longer exists. The transcript keeps a person's edit and takes it as an offer.
    /// </summary>
    public async Task<bool> ImproveAsync(int meetingId, long rowId, TranscriptSegment segment, GuardResult verdict, string modelName,
        WhisperOptions options, CancellationToken ct)
    {
        var row = await store.ImproveAsync(meetingId, rowId, r =>
        {
            r.Text = verdict.Text;
            r.Confidence = segment.AverageTokenProbability;
            r.NoSpeechProbability = segment.NoSpeechProbability;
            r.Flag = FlagOf(verdict);
            r.Parameters = SpeechOptions.Describe(options);
            r.ModelName = modelName;
        }, ct);
        if (row is null) return false;
        await push.SegmentAsync(row);
        return true;
    }

    public void Dropped(int meetingId, int turnId, GuardResult verdict)
    {
        var reason = string.Join(" ", verdict.Reasons);
        counters.For(meetingId).CountDropped(reason);
        LogDropped(meetingId, turnId, reason);
    }

    private static string? FlagOf(GuardResult verdict) => verdict.Verdict == GuardVerdict.Flag ? string.Join(" ", verdict.Reasons) : null;

    [LoggerMessage(Level = LogLevel.Debug, Message = "Meeting {MeetingId}, turn {TurnId}: segment dropped: {Reason}")]
    private partial void LogDropped(int meetingId, int turnId, string reason);
}
