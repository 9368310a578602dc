using MeetingAssist.Host.Data;
using MeetingAssist.Host.Meetings;
using Microsoft.EntityFrameworkCore;

namespace MeetingAssist.Host.Queue;

/// <summary>The live meeting's answers to meeting setup (<see cref="IMeetingLiveState"/>).</summary>
public sealed class MeetingLiveState(LiveMeetingService live, IDbContextFactory<MeetingDbContext> dbFactory) : IMeetingLiveState
{
    public async Task<IReadOnlyDictionary<int, MeetingPhase>> PhasesAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var marks = await db.MeetingActions.AsNoTracking()
            .Where(a => a.Kind == nameof(StartMeeting) || a.Kind == nameof(EndMeeting))
            .Select(a => new { a.MeetingId, a.Kind }).Distinct().ToListAsync(ct);
        return marks.GroupBy(m => m.MeetingId).ToDictionary(g => g.Key,
            g => g.Any(m => m.Kind == nameof(EndMeeting)) ? MeetingPhase.Ended : MeetingPhase.InProgress);
    }

    public Task<int?> OnScreenAsync() => live.OnScreenAsync();

    public async Task<bool> HasHistoryAsync(int meetingId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.MeetingActions.AnyAsync(a => a.MeetingId == meetingId && a.Kind != nameof(SetupChanged), ct);
    }

    public Task SetupChangedAsync(int meetingId) => live.SetupChangedAsync(meetingId);

    public Task RemoveLogAsync(MeetingDbContext db, int meetingId) =>
        db.MeetingActions.Where(a => a.MeetingId == meetingId).ExecuteDeleteAsync();

    public async Task ForgetAsync(int meetingId, bool deleted)
    {
        if (deleted) live.Unload(meetingId);
        await live.ClearOnScreenIfAsync(meetingId);
    }
}
