using MeetingAssist.Host.Queue;
using Microsoft.AspNetCore.SignalR;

namespace MeetingAssist.Host.LiveTranscript;

/// <summary>
/// The transcript's own events on the meeting hub. They belong to this feature, not to the live meeting's
/// <see cref="IMeetingClient"/>, so the live meeting does not depend on the transcript; pages receive them on the
/// same connection under these method names.
/// </summary>
public interface ILiveTranscriptClient
{
    /// <summary>A final passage of the live draft transcript (staff only); a second look's better text comes under the same id.</summary>
    Task TranscriptSegment(LiveSegmentDto segment);

    /// <summary>Live caption of the current speaker: partial, then final.</summary>
    Task Caption(CaptionDto caption);
}

/// <summary>Sends <see cref="ILiveTranscriptClient"/> events to a meeting's screens.</summary>
public sealed class LiveTranscriptPush(IHubContext<MeetingHub> hub, LiveMeetingService live)
{
    public Task SegmentAsync(LiveSegmentRow row) =>
        hub.Clients.Groups(LiveMeetingService.StaffScreens(row.MeetingId)).SendAsync(nameof(ILiveTranscriptClient.TranscriptSegment), LiveSegmentDto.From(row));

    /// <summary>The staff always get captions; the projector and phones only while the chair has them on.</summary>
    public async Task CaptionAsync(CaptionDto caption)
    {
        await hub.Clients.Groups(LiveMeetingService.StaffScreens(caption.MeetingId)).SendAsync(nameof(ILiveTranscriptClient.Caption), caption);
        var snapshot = await live.SnapshotAsync(caption.MeetingId, staff: false);
        if (snapshot.CaptionsEnabled)
            await hub.Clients.Groups(LiveMeetingService.PublicScreens(caption.MeetingId)).SendAsync(nameof(ILiveTranscriptClient.Caption), caption);
    }
}
