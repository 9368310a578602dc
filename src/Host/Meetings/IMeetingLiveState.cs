using MeetingAssist.Host.Data;

namespace MeetingAssist.Host.Meetings;

/// <summary>Where a meeting is in its life, as its action log says; the names are part of the API.</summary>
public enum MeetingPhase { Preparing, InProgress, Ended }

/// <summary>
/// What meeting setup needs to know of, and tell, the live meeting: setup is the lower layer and does not know how the
/// live meeting keeps its state (the action log, the on-screen setting, loaded timelines).
/// </summary>
public interface IMeetingLiveState
{
    Task<IReadOnlyDictionary<int, MeetingPhase>> PhasesAsync(CancellationToken ct = default);

    /// <summary>The meeting the hall's screens show, if any.</summary>
    Task<int?> OnScreenAsync();

    /// <summary>Whether anything happened in the meeting beyond setup edits (registrations, turns, ...).</summary>
    Task<bool> HasHistoryAsync(int meetingId, CancellationToken ct = default);

    /// <summary>The setup was edited: screens show the new title, limits and responders.</summary>
    Task SetupChangedAsync(int meetingId);

    /// <summary>Removes the meeting's log inside the caller's transaction, before the meeting row goes.</summary>
    Task RemoveLogAsync(MeetingDbContext db, int meetingId);

    /// <summary>The meeting was deleted or archived: it leaves memory (when deleted) and the hall's screens.</summary>
    Task ForgetAsync(int meetingId, bool deleted);
}
