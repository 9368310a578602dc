using MeetingAssist.Host.Transcripts;

namespace MeetingAssist.Host.Minutes;

/// <summary>Where the minutes read what was said in each floor turn: the meeting's corrected transcript.</summary>
public interface ITurnTranscript
{
    /// <summary>Turn id → the corrected text of that turn (passages in spoken order, joined).</summary>
    Task<IReadOnlyDictionary<int, string>> CorrectedTextByTurnAsync(int meetingId, CancellationToken ct);

    /// <summary>Recorded speaker name → the name the secretary gave once for every view and export.</summary>
    Task<IReadOnlyDictionary<string, string>> SpeakerRenamesAsync(int meetingId, CancellationToken ct);
}

/// <summary>
/// The meeting's one transcript as the secretary corrected it (<see cref="TranscriptStore"/>): live passages, accepted
/// passes and uploads, with her edits, splits, merges and moves; a renamed speaker is renamed in the minutes too.
/// </summary>
public sealed class CorrectedTurnTranscript(TranscriptStore store) : ITurnTranscript
{
    public Task<IReadOnlyDictionary<int, string>> CorrectedTextByTurnAsync(int meetingId, CancellationToken ct) =>
        store.CorrectedTextByTurnAsync(meetingId, ct);

    public Task<IReadOnlyDictionary<string, string>> SpeakerRenamesAsync(int meetingId, CancellationToken ct) =>
        store.SpeakerRenamesAsync(meetingId, ct);
}
