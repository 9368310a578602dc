using MeetingAssist.Host.Transcripts;
using Microsoft.EntityFrameworkCore;

namespace MeetingAssist.Host.LiveTranscript;

/// <summary>
/// Where the live recogniser's final segments are kept: the live draft (<c>LiveSegments</c>) and, in the same
/// transaction, the meeting's one transcript, whose passages a person's edit protects from later machine text.
/// </summary>
public sealed class LiveSegmentStore(TranscriptStore transcript)
{
    /// <summary>Stores a new final segment; its id is set on return.</summary>
    public async Task AddAsync(LiveSegmentRow row, CancellationToken ct) =>
        await transcript.StoreLiveAsync(row.MeetingId, db =>
        {
            db.LiveSegments.Add(row);
            return Task.FromResult<LiveSegmentRow?>(row);
        }, ct);

    /// <summary>A second look's better text for a stored segment; null when the segment no longer exists.</summary>
    public Task<LiveSegmentRow?> ImproveAsync(int meetingId, long id, Action<LiveSegmentRow> improve, CancellationToken ct) =>
        transcript.StoreLiveAsync(meetingId, async db =>
        {
            var row = await db.LiveSegments.FirstOrDefaultAsync(s => s.Id == id, ct);
            if (row is not null) improve(row);
            return row;
        }, ct);
}
