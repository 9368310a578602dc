using MeetingAssist.Host.Calendar;
using MeetingAssist.Host.Data;
using MeetingAssist.Host.Meetings;
using MeetingAssist.Host.Plans;
using Microsoft.EntityFrameworkCore;

namespace MeetingAssist.Host.Petitions;

/// <summary>A due date that a calendar change moved.</summary>
public sealed record MovedDeadline(int PetitionId, string Petitioner, DateOnly From, DateOnly To);

/// <summary>Sets and recomputes petitions' due dates from their plan's rules and the working calendar.</summary>
public static class PetitionDeadlines
{
    /// <summary>Due <paramref name="days"/> working days after <paramref name="from"/>, remembered so a calendar change recomputes it.</summary>
    public static void SetDue(Petition petition, DateOnly from, int days, WorkingCalendar calendar, string rule)
    {
        petition.DueFrom = from;
        petition.DueDays = days;
        petition.DueCountKind = DayCountKind.Working;
        var deadline = calendar.After(from, days, DayCountKind.Working, rule);
        petition.DueDate = deadline.Date;
        petition.DueExplanation = deadline.Explanation;
    }

    /// <summary>A due date typed by a clerk: kept as it is, never recomputed.</summary>
    public static void SetFixedDue(Petition petition, DateOnly? due)
    {
        petition.DueFrom = null;
        petition.DueDays = null;
        petition.DueDate = due;
        petition.DueExplanation = due is null ? null : "Hạn do cán bộ nhập.";
    }

    /// <summary>
    /// Recomputes every computed due date of a petition that still awaits its answer; returns what moved.
    /// Pure over the list it is given, so it can be measured without a database.
    /// </summary>
    public static List<MovedDeadline> Recompute(IEnumerable<Petition> petitions, WorkingCalendar calendar)
    {
        var moved = new List<MovedDeadline>();
        foreach (var p in petitions)
        {
            if (p.DueFrom is not { } from || p.DueDays is not { } days || !PetitionRules.AwaitsAnswer(p.Status)) continue;
            var deadline = calendar.After(from, days, p.DueCountKind, RuleName(p));
            if (deadline.Date == p.DueDate) continue;
            moved.Add(new MovedDeadline(p.Id, p.Petitioner, p.DueDate ?? deadline.Date, deadline.Date));
            p.DueDate = deadline.Date;
            p.DueExplanation = deadline.Explanation;
        }
        return moved;
    }

    /// <summary>
    /// Recomputes the stored running deadlines after <paramref name="changedDay"/> changed. A deadline counted from
    /// its start day up to its due date can only move when the changed day lies in that span, so only those rows
    /// are read (all of them when no day is given).
    /// </summary>
    public static async Task<List<MovedDeadline>> RecomputeStoredAsync(MeetingDbContext db, WorkingCalendar calendar, string by, DateTime nowUtc,
        DateOnly? changedDay = null)
    {
        var open = new[] { PetitionStatus.New, PetitionStatus.Assigned, PetitionStatus.WrittenAnswerNeeded };
        var query = db.Set<Petition>().Where(p => p.DueFrom != null && p.DueDays != null && open.Contains(p.Status));
        if (changedDay is { } day) query = query.Where(p => p.DueFrom <= day && p.DueDate >= day);
        var running = await query.ToListAsync();
        var moved = Recompute(running, calendar);
        foreach (var m in moved)
        {
            var p = running.First(r => r.Id == m.PetitionId);
            p.UpdatedUtc = nowUtc;
            db.Set<PetitionHistory>().Add(new PetitionHistory
            {
                PetitionId = p.Id, AtUtc = nowUtc, By = by, From = p.Status, To = p.Status,
                Note = $"Hạn trả lời đổi từ {WorkingCalendar.Format(m.From)} sang {WorkingCalendar.Format(m.To)} do điều chỉnh lịch ngày nghỉ.",
            });
        }
        await db.SaveChangesAsync();
        return moved;
    }

    /// <summary>The rules of the petition's plan (its own, or its meeting's), or the defaults.</summary>
    public static async Task<DeadlineRules> RulesForAsync(MeetingDbContext db, int? planId, int? meetingId)
    {
        var id = planId;
        if (id is null && meetingId is not null)
            id = await db.Set<PlanMeeting>().Where(pm => pm.MeetingId == meetingId).Select(pm => (int?)pm.PlanId).FirstOrDefaultAsync();
        if (id is null) return new DeadlineRules();
        return await db.Set<Plan>().Where(p => p.Id == id).Select(p => p.Rules).FirstOrDefaultAsync() ?? new DeadlineRules();
    }

    public static DateOnly Today(TimeProvider time, HallClock hall) => DateOnly.FromDateTime(hall.ToHall(time.GetUtcNow().UtcDateTime));

    private static string RuleName(Petition p) => p.Status == PetitionStatus.WrittenAnswerNeeded
        ? "Trả lời bằng văn bản" : "Phòng ban trả lời kiến nghị";
}
