using System.Security.Claims;
using MeetingAssist.Host.Access;
using MeetingAssist.Host.Calendar;
using MeetingAssist.Host.Common;
using MeetingAssist.Host.Data;
using MeetingAssist.Host.Meetings;
using Microsoft.EntityFrameworkCore;

namespace MeetingAssist.Host.Petitions;

/// <summary>Transitions, bulk assignment and extensions: every change leaves a history row.</summary>
public static partial class PetitionEndpoints
{
    private static async Task<IResult> Transition(int id, TransitionInput input, ClaimsPrincipal user, MeetingDbContext db,
        CalendarStore calendars, TimeProvider time, HallClock hall)
    {
        var viewer = await PetitionViewer.OfAsync(user, db);
        var petition = await viewer.Visible(db.Set<Petition>()).FirstOrDefaultAsync(p => p.Id == id);
        if (petition is null) return ApiProblems.NotFound(NotFound);
        if (input.To is not { } to) return ApiProblems.BadRequest("Chưa chọn trạng thái chuyển đến.");
        if (viewer.IsDepartment && to != PetitionStatus.Answered)
            return ApiProblems.Problem(403, "Tài khoản phòng ban chỉ ghi nội dung trả lời; các bước khác do văn phòng thực hiện.");
        var answer = UserText.Text(input.Answer);
        var note = UserText.Text(input.Note) ?? "";
        if (answer is { Length: > 10000 } || note.Length > 2000) return ApiProblems.BadRequest("Nội dung trả lời hoặc ghi chú quá dài.");
        var today = PetitionDeadlines.Today(time, hall);
        var context = new StepContext(today, await calendars.CurrentAsync(), await PetitionDeadlines.RulesForAsync(db, petition.PlanId, petition.MeetingId));
        PetitionStatus from;
        try
        {
            from = PetitionSteps.Apply(petition, to, answer, context);
        }
        catch (PetitionRuleException ex)
        {
            return ApiProblems.Conflict(ex.Message);
        }
        var now = time.GetUtcNow().UtcDateTime;
        petition.UpdatedUtc = now;
        db.Set<PetitionHistory>().Add(new PetitionHistory { PetitionId = id, AtUtc = now, By = viewer.Name, From = from, To = to, Note = note });
        await db.SaveChangesAsync();
        return Results.Ok(await DetailOf(petition, viewer, db, today));
    }

    /// <summary>Assigns several petitions to one department at once; new ones become "đã phân công", the others keep their state.</summary>
    private static async Task<IResult> BulkAssign(BulkAssignInput input, ClaimsPrincipal user, MeetingDbContext db, CalendarStore calendars,
        TimeProvider time, HallClock hall)
    {
        var department = UserText.Line(input.Department);
        if (department is null) return ApiProblems.BadRequest("Chưa chọn phòng ban.");
        if (department.Length > 200) return ApiProblems.BadRequest("Tên phòng ban không quá 200 ký tự.");
        if (input.Ids is not { Length: > 0 and <= 1000 } ids) return ApiProblems.BadRequest("Hãy chọn từ 1 đến 1000 kiến nghị.");
        var petitions = await db.Set<Petition>().Where(p => ids.Contains(p.Id)).ToListAsync();
        var missing = ids.Distinct().Except(petitions.Select(p => p.Id)).ToList();
        if (missing.Count > 0) return ApiProblems.NotFound($"Không tìm thấy kiến nghị số {string.Join(", ", missing)}.");
        var closed = petitions.Where(p => p.Status is not (PetitionStatus.New or PetitionStatus.Assigned)).ToList();
        if (closed.Count > 0)
            return ApiProblems.Conflict("Chỉ phân công được kiến nghị «Mới» hoặc «Đã phân công». Kiến nghị số " +
                                        string.Join(", ", closed.Select(p => $"{p.Id} ({PetitionLabels.Of(p.Status)})")) + " đã qua bước này.");

        var today = PetitionDeadlines.Today(time, hall);
        var calendar = await calendars.CurrentAsync();
        var now = time.GetUtcNow().UtcDateTime;
        var name = user.Identity?.Name ?? "?";
        foreach (var petition in petitions)
        {
            var from = petition.Status;
            var previous = petition.Department;
            petition.Department = department;
            petition.Status = PetitionStatus.Assigned;
            if (petition.Kind == PetitionKind.Request && petition.DueDate is null)
            {
                var rules = await PetitionDeadlines.RulesForAsync(db, petition.PlanId, petition.MeetingId);
                PetitionDeadlines.SetDue(petition, today, rules.DepartmentAnswerWorkingDays, calendar, "Phòng ban trả lời kiến nghị");
            }
            petition.UpdatedUtc = now;
            db.Set<PetitionHistory>().Add(new PetitionHistory
            {
                PetitionId = petition.Id, AtUtc = now, By = name, From = from, To = PetitionStatus.Assigned,
                Note = previous is null || previous == department ? $"Phân công cho {department}." : $"Chuyển phân công từ {previous} sang {department}.",
            });
        }
        await db.SaveChangesAsync();
        return Results.Ok(new { assigned = petitions.Count });
    }

    /// <summary>An extension moves the due date by working days from the current one, with a reason; the petition is then judged against the new date.</summary>
    private static async Task<IResult> Extend(int id, ExtensionInput input, ClaimsPrincipal user, MeetingDbContext db, CalendarStore calendars,
        TimeProvider time, HallClock hall)
    {
        var petition = await db.Set<Petition>().FirstOrDefaultAsync(p => p.Id == id);
        if (petition is null) return ApiProblems.NotFound(NotFound);
        var reason = UserText.Text(input.Reason);
        var errors = new FieldErrors();
        if (reason is null) errors.Add("reason", "Gia hạn cần nêu lý do (để báo cho người kiến nghị).");
        else if (reason.Length > 1000) errors.Add("reason", "Lý do không quá 1000 ký tự.");
        if (input.Days is not (>= 1 and <= 90)) errors.Add("days", "Số ngày làm việc gia hạn phải từ 1 đến 90.");
        if (errors.ToProblem() is { } problem) return problem;
        if (petition.Kind != PetitionKind.Request) return ApiProblems.Conflict("Ý kiến không có hạn trả lời nên không gia hạn.");
        if (!PetitionRules.AwaitsAnswer(petition.Status) || petition.DueDate is not { } due)
            return ApiProblems.Conflict($"Kiến nghị ở trạng thái «{PetitionLabels.Of(petition.Status)}» không còn hạn để gia hạn.");

        var calendar = await calendars.CurrentAsync();
        PetitionDeadlines.SetDue(petition, due, input.Days!.Value, calendar, "Gia hạn trả lời");
        petition.ExtensionReason = reason;
        var now = time.GetUtcNow().UtcDateTime;
        petition.UpdatedUtc = now;
        db.Set<PetitionHistory>().Add(new PetitionHistory
        {
            PetitionId = id, AtUtc = now, By = user.Identity?.Name ?? "?", From = petition.Status, To = petition.Status,
            Note = $"Gia hạn từ {WorkingCalendar.Format(due)} đến {WorkingCalendar.Format(petition.DueDate!.Value)}: {reason}",
        });
        await db.SaveChangesAsync();
        var viewer = await PetitionViewer.OfAsync(user, db);
        return Results.Ok(await DetailOf(petition, viewer, db, PetitionDeadlines.Today(time, hall)));
    }
}
