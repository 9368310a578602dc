using MeetingAssist.Host.Data;
using Microsoft.EntityFrameworkCore;

namespace MeetingAssist.Host.Minutes;

/// <summary>Where the minutes read what was said in each floor turn: the meeting's corrected transcript.</summary>
public interface ITurnTranscript
{
    /// <summary>Turn id → the corrected text of that turn (passages in spoken order, joined). Voided turns are absent.</summary>
    Task<IReadOnlyDictionary<int, string>> CorrectedTextByTurnAsync(int meetingId, CancellationToken ct);
}

/// <summary>The live draft transcript as it stands: its passages of turns that were not voided, in spoken order.</summary>
public sealed class LiveDraftTurnTranscript(IDbContextFactory<MeetingDbContext> factory) : ITurnTranscript
{
    public async Task<IReadOnlyDictionary<int, string>> CorrectedTextByTurnAsync(int meetingId, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var voided = await db.FloorTurns.AsNoTracking().Where(t => t.MeetingId == meetingId && t.Voided).Select(t => t.TurnId).ToListAsync(ct);
        var passages = await db.LiveSegments.AsNoTracking().Where(s => s.MeetingId == meetingId)
            .OrderBy(s => s.StartMs).ThenBy(s => s.Id).Select(s => new { s.TurnId, s.Text }).ToListAsync(ct);
        return passages.Where(p => !voided.Contains(p.TurnId) && p.Text.Trim().Length > 0)
            .GroupBy(p => p.TurnId)
            .ToDictionary(g => g.Key, g => string.Join(" ", g.Select(p => p.Text.Trim())));
    }
}
