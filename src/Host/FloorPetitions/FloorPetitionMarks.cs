using System.Security.Claims;
using MeetingAssist.Host.Access;
using MeetingAssist.Host.Calendar;
using MeetingAssist.Host.Data;
using MeetingAssist.Host.Meetings;
using MeetingAssist.Host.Petitions;
using MeetingAssist.Host.Queue;
using Microsoft.EntityFrameworkCore;

namespace MeetingAssist.Host.FloorPetitions;

public sealed record MarkResult(TurnPetitions Panel, bool Changed, string Message);

/// <summary>
/// The chair's marks on a statement turn's petition: "trả lời tại hội nghị", "cần trả lời bằng văn bản", "chuyển cấp
/// trên". The registry's status machine decides; steps the petition has not been through yet (assignment, answer) are
/// walked in the same transaction, each a history row naming the meeting and the turn.
/// </summary>
public static class FloorPetitionMarks
{
    public static async Task<IResult> MarkAsync(int id, int turnId, MarkInput input, ClaimsPrincipal user, LiveMeetingService live,
        MeetingDbContext db, CalendarStore calendars, TimeProvider time, HallClock hall)
    {
        if (!FloorPetitionEndpoints.ValidKey(input.Key)) return ApiProblems.BadRequest(FloorPetitionEndpoints.BadKey);
        if (input.PetitionId is not { } petitionId) return ApiProblems.BadRequest("Chưa chọn kiến nghị.");
        if (input.Mark is not { } mark || !FloorPetitionEndpoints.Marks.Contains(mark))
            return ApiProblems.BadRequest("Chỉ đánh dấu được: Đã trả lời tại hội nghị, Cần trả lời bằng văn bản, Chuyển cấp trên.");
        var turn = await StatementTurn.FindAsync(live, id, turnId);
        if (turn is null) return ApiProblems.NotFound("Không tìm thấy lượt phát biểu này của người dân.");

        // One writer at a time (SQLite takes the write lock at BEGIN), so a retry and a second tap see each other's work.
        await using var tx = await db.Database.BeginTransactionAsync();
        if (await FloorPetitionEndpoints.DoneUnderKeyAsync(db, input.Key) is { } done)
            return done == (petitionId, mark)
                ? Results.Ok(new MarkResult(await FloorPetitionEndpoints.ViewAsync(db, turn, hall), false, "Thao tác này đã được ghi trước đó."))
                : ApiProblems.Conflict(FloorPetitionEndpoints.KeyUsed);
        var recorded = await FloorPetitionEndpoints.RecordedAsync(db, turn);
        if (turn.Referenced?.Id != petitionId && recorded?.Id != petitionId)
            return ApiProblems.NotFound($"Kiến nghị số {petitionId} không gắn với lượt phát biểu này.");
        var petition = await db.Set<Petition>().FirstOrDefaultAsync(p => p.Id == petitionId);
        if (petition is null) return ApiProblems.NotFound($"Không tìm thấy kiến nghị số {petitionId} trong sổ kiến nghị.");
        if (petition.Status == mark)
            return Results.Ok(new MarkResult(await FloorPetitionEndpoints.ViewAsync(db, turn, hall), false,
                $"Kiến nghị số {petitionId} đã ở trạng thái «{PetitionLabels.Of(mark)}»."));

        var meeting = await db.Meetings.AsNoTracking().FirstAsync(m => m.Id == id);
        var context = new StepContext(PetitionDeadlines.Today(time, hall), await calendars.CurrentAsync(),
            await PetitionDeadlines.RulesForAsync(db, petition.PlanId, petition.MeetingId ?? id));
        IReadOnlyList<(PetitionStatus From, PetitionStatus To)> steps;
        try
        {
            steps = PetitionSteps.Walk(petition, mark, Supplies(turn, meeting, mark), context);
        }
        catch (PetitionRuleException ex)
        {
            return ApiProblems.Conflict(ex.Message);
        }

        var now = time.GetUtcNow().UtcDateTime;
        var where = $"tại hội nghị «{meeting.Title}» (số {id}), {turn.Describe(hall)}";
        var by = FloorPetitionEndpoints.UserName(user);
        // The petition was not yet linked to any meeting: it now belongs to the one where it was answered.
        var linked = petition.MeetingId is null;
        if (linked) petition.MeetingId = id;
        for (var i = 0; i < steps.Count; i++)
        {
            var (from, to) = steps[i];
            var last = i == steps.Count - 1;
            db.Set<PetitionHistory>().Add(new PetitionHistory
            {
                PetitionId = petition.Id, AtUtc = now, By = by, From = from, To = to,
                Note = last
                    ? $"Chủ trì đánh dấu «{PetitionLabels.Of(mark)}» {where}." + (linked ? " Kiến nghị được gắn với hội nghị này." : "")
                    : StepNote(petition, to, mark, where),
                CommandKey = last ? input.Key : null,
            });
        }
        petition.UpdatedUtc = now;
        await db.SaveChangesAsync();
        await tx.CommitAsync();
        var through = steps.Count > 1 ? $" (qua {steps.Count} bước: {string.Join(" → ", steps.Select(s => PetitionLabels.Of(s.To)))})" : "";
        return Results.Ok(new MarkResult(await FloorPetitionEndpoints.ViewAsync(db, turn, hall), true,
            $"Đã chuyển kiến nghị số {petition.Id} sang «{PetitionLabels.Of(mark)}»{through}."));
    }

    /// <summary>
    /// A step the registry had not taken yet gets what the meeting shows: the department of the head who answered the
    /// statement (else the organising body, on whose behalf the chair answers), and the conclusion as the answer.
    /// </summary>
    private static WalkSupplies Supplies(StatementTurn turn, Meeting meeting, PetitionStatus mark)
    {
        var department = turn.Responder is { Affiliation.Length: > 0 } r ? r.Affiliation : NullIfBlank(meeting.OrganisingBody);
        var answeredBy = turn.Responder is { } who ? $" {who.Name}{(string.IsNullOrWhiteSpace(who.Title) ? "" : $" ({who.Title})")} trả lời." : "";
        var answer = mark switch
        {
            PetitionStatus.AnsweredAtMeeting => $"Đã trả lời trực tiếp tại hội nghị «{meeting.Title}».{answeredBy}",
            PetitionStatus.WrittenAnswerNeeded => $"Tại hội nghị «{meeting.Title}», chủ trì kết luận sẽ trả lời bằng văn bản.{answeredBy}",
            _ => $"Tại hội nghị «{meeting.Title}», chủ trì kết luận chuyển kiến nghị lên cấp trên xem xét.{answeredBy}",
        };
        return new WalkSupplies(department, answer);
    }

    private static string StepNote(Petition petition, PetitionStatus step, PetitionStatus mark, string where) => step switch
    {
        PetitionStatus.Assigned => $"Bước trung gian khi chủ trì đánh dấu «{PetitionLabels.Of(mark)}» {where}: phân công cho {petition.Department}.",
        PetitionStatus.Answered => $"Bước trung gian khi chủ trì đánh dấu «{PetitionLabels.Of(mark)}» {where}: ghi nhận nội dung trả lời.",
        _ => $"Bước trung gian khi chủ trì đánh dấu «{PetitionLabels.Of(mark)}» {where}.",
    };

    private static string? NullIfBlank(string value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
