using System.Globalization;
using MeetingAssist.Host.Data;
using MeetingAssist.Host.Meetings;
using MeetingAssist.Host.Petitions;
using MeetingAssist.Host.Queue;
using Microsoft.EntityFrameworkCore;

namespace MeetingAssist.Host.Transcripts;

/// <summary>
/// A passage the secretary marks "kiến nghị" becomes a draft petition in the registry, once: the petitioner is who
/// spoke (the floor turn's speaker, or the one the secretary named), the content is the passage's text, and the
/// petition keeps the meeting, the turn and the moment on the meeting clock, so the registry can lead back to the audio.
/// </summary>
public sealed partial class TranscriptStore
{
    /// <summary>Creates the petition in the caller's transaction unless the passage already has one that still exists.</summary>
    private async Task EnsurePetitionAsync(MeetingDbContext db, TranscriptPassage passage, string by, CancellationToken ct)
    {
        if (passage.PetitionId is { } existing && await db.Set<Petition>().AnyAsync(x => x.Id == existing, ct)) return;
        var turn = passage.TurnId is { } turnId ? (await live.TurnsAsync(passage.MeetingId)).FirstOrDefault(t => t.TurnId == turnId && !t.Voided) : null;
        if (turn is not null && await LinkToChairsPetitionAsync(db, passage, turn, by, ct)) return;
        var renames = await db.TranscriptSpeakerNames.AsNoTracking().Where(n => n.MeetingId == passage.MeetingId).ToDictionaryAsync(n => n.FromName, n => n.ToName, ct);
        var recorded = passage.SpeakerName ?? turn?.Speaker.Name ?? "";
        // A speaker the secretary named is not the turn's, so the turn's hamlet would be someone else's.
        var affiliation = passage.SpeakerName is null ? turn?.Speaker.Affiliation ?? "" : "";
        var meetingTitle = await db.Meetings.AsNoTracking().Where(m => m.Id == passage.MeetingId).Select(m => m.Title).FirstOrDefaultAsync(ct) ?? "";
        var now = clock.GetUtcNow().UtcDateTime;
        var petition = new Petition
        {
            Kind = PetitionKind.Request,
            Petitioner = recorded.Length > 0 ? SpeakerNames.Display(recorded, renames) : "Cử tri (không ghi tên)",
            Address = affiliation,
            Source = PetitionSource.AtMeeting,
            Content = passage.Text.Length > 0 ? passage.Text : "(đoạn chưa có nội dung)",
            Status = PetitionStatus.New,
            MeetingId = passage.MeetingId,
            FloorTurnId = turn?.TurnId,
            AudioMs = passage.StartMs,
            // Received the day it was said at the meeting, even when the transcript is marked days later.
            ReceivedOn = DateOnly.FromDateTime(hall.ToHall(DateTimeOffset.FromUnixTimeMilliseconds(passage.StartMs).UtcDateTime)),
            CreatedUtc = now,
            UpdatedUtc = now,
        };
        db.Set<Petition>().Add(petition);
        await db.SaveChangesAsync(ct);
        var spokenAt = hall.ToHall(DateTimeOffset.FromUnixTimeMilliseconds(passage.StartMs).UtcDateTime).ToString("HH:mm:ss 'ngày' dd/MM/yyyy", CultureInfo.InvariantCulture);
        db.Set<PetitionHistory>().Add(new PetitionHistory
        {
            PetitionId = petition.Id, AtUtc = now, By = by, From = PetitionStatus.New, To = PetitionStatus.New,
            Note = $"Tạo từ bản ghi hội nghị «{meetingTitle}» (số {passage.MeetingId}), đoạn số {passage.Id}, nói lúc {spokenAt}.",
        });
        passage.PetitionId = petition.Id;
    }

    /// <summary>
    /// The chair may already have recorded a petition from this turn at the meeting («Ghi kiến nghị mới»). The
    /// passage is then linked to it rather than making a second one, and the petition takes the passage's moment,
    /// which is closer to the words than the start of the turn; its history says so.
    /// </summary>
    private async Task<bool> LinkToChairsPetitionAsync(MeetingDbContext db, TranscriptPassage passage, FloorTurnRecord turn, string by, CancellationToken ct)
    {
        var linkedIds = db.TranscriptPassages.Where(x => x.PetitionId != null && x.Id != passage.Id).Select(x => x.PetitionId);
        var chairs = await db.Set<Petition>()
            .Where(x => x.MeetingId == passage.MeetingId && x.FloorTurnId == turn.TurnId && !linkedIds.Contains(x.Id))
            .OrderBy(x => x.Id).FirstOrDefaultAsync(ct);
        if (chairs is null) return false;
        var now = clock.GetUtcNow().UtcDateTime;
        var spokenAt = hall.ToHall(DateTimeOffset.FromUnixTimeMilliseconds(passage.StartMs).UtcDateTime).ToString("HH:mm:ss 'ngày' dd/MM/yyyy", CultureInfo.InvariantCulture);
        chairs.AudioMs = passage.StartMs;
        chairs.UpdatedUtc = now;
        db.Set<PetitionHistory>().Add(new PetitionHistory
        {
            PetitionId = chairs.Id, AtUtc = now, By = by, From = chairs.Status, To = chairs.Status,
            Note = $"Gắn với đoạn số {passage.Id} của bản ghi (nói lúc {spokenAt}), vì lượt phát biểu này đã có kiến nghị; không tạo kiến nghị thứ hai.",
        });
        passage.PetitionId = chairs.Id;
        return true;
    }
}
