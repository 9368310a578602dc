using System.Security.Claims;
using MeetingAssist.Host.Access;
using MeetingAssist.Host.Data;
using MeetingAssist.Host.Meetings;
using MeetingAssist.Host.Petitions;
using MeetingAssist.Host.Queue;
using Microsoft.EntityFrameworkCore;

namespace MeetingAssist.Host.FloorPetitions;

public sealed record RecordResult(TurnPetitions Panel, int PetitionId, bool Created, string Message);

/// <summary>
/// «Ghi kiến nghị mới»: a petition raised on the floor becomes a registry record from its statement turn, once per
/// turn. A retry with the same key, a second tap, or a petition the secretary already made from a passage of the
/// turn all answer with the petition that exists.
/// </summary>
public static class FloorPetitionRecord
{
    public static async Task<IResult> RecordAsync(int id, int turnId, RecordInput? input, ClaimsPrincipal user, LiveMeetingService live,
        MeetingDbContext db, TimeProvider time, HallClock hall)
    {
        var key = input?.Key;
        if (!FloorPetitionEndpoints.ValidKey(key)) return ApiProblems.BadRequest(FloorPetitionEndpoints.BadKey);
        var turn = await StatementTurn.FindAsync(live, id, turnId);
        if (turn is null) return ApiProblems.NotFound("Không tìm thấy lượt phát biểu này của người dân.");

        // One writer at a time (SQLite takes the write lock at BEGIN): two taps cannot both find no petition.
        await using var tx = await db.Database.BeginTransactionAsync();
        var existing = await FloorPetitionEndpoints.RecordedAsync(db, turn);
        var done = await FloorPetitionEndpoints.DoneUnderKeyAsync(db, key);
        // A recording's key sits on the new petition's first history row, which leaves it «mới».
        var byKey = existing is not null && done == (existing.Id, PetitionStatus.New);
        if (done is not null && !byKey) return ApiProblems.Conflict(FloorPetitionEndpoints.KeyUsed);
        if (existing is not null)
        {
            return Results.Ok(new RecordResult(await FloorPetitionEndpoints.ViewAsync(db, turn, hall), existing.Id, false, byKey
                ? $"Đã ghi kiến nghị số {existing.Id} từ lượt phát biểu này."
                : $"Lượt phát biểu này đã có kiến nghị số {existing.Id}; không tạo thêm kiến nghị thứ hai."));
        }

        var meetingTitle = await db.Meetings.AsNoTracking().Where(m => m.Id == id).Select(m => m.Title).FirstAsync();
        var now = time.GetUtcNow().UtcDateTime;
        var speaker = turn.Turn.Speaker;
        var petition = new Petition
        {
            Kind = PetitionKind.Request,
            Petitioner = speaker.Name.Length > 0 ? speaker.Name : "Cử tri (không ghi tên)",
            Address = speaker.Affiliation,
            Source = PetitionSource.AtMeeting,
            Field = turn.Field ?? "",
            Content = turn.Topic.Length > 0 ? turn.Topic : "(lượt phát biểu chưa ghi nội dung)",
            Status = PetitionStatus.New,
            MeetingId = id,
            FloorTurnId = turn.Turn.TurnId,
            // The moment on the meeting clock, as a passage-made petition keeps it: the registry leads back to the audio.
            AudioMs = turn.Turn.StartedAtMs,
            ReceivedOn = DateOnly.FromDateTime(hall.ToHall(now)),
            CreatedUtc = now,
            UpdatedUtc = now,
        };
        db.Set<Petition>().Add(petition);
        await db.SaveChangesAsync();
        db.Set<PetitionHistory>().Add(new PetitionHistory
        {
            PetitionId = petition.Id, AtUtc = now, By = FloorPetitionEndpoints.UserName(user), From = PetitionStatus.New, To = PetitionStatus.New,
            Note = $"Chủ trì ghi kiến nghị tại hội nghị «{meetingTitle}» (số {id}) từ {turn.Describe(hall)}.",
            CommandKey = key,
        });
        await db.SaveChangesAsync();
        await tx.CommitAsync();
        return Results.Ok(new RecordResult(await FloorPetitionEndpoints.ViewAsync(db, turn, hall), petition.Id, true,
            $"Đã ghi kiến nghị số {petition.Id} từ lượt phát biểu của {speaker.Name}."));
    }
}
