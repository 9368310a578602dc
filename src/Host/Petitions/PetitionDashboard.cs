using System.Security.Claims;
using MeetingAssist.Host.Calendar;
using MeetingAssist.Host.Data;
using MeetingAssist.Host.MeetingDocuments;
using MeetingAssist.Host.Meetings;
using Microsoft.EntityFrameworkCore;

namespace MeetingAssist.Host.Petitions;

public sealed record CountBy(string Name, int Count);

public sealed record FieldCount(string Field, int Total, int Resolved);

/// <param name="FallenDue">Kiến nghị whose answer has fallen due: answered on time, answered late, or overdue now (the rate's denominator).</param>
public sealed record DashboardView(
    DateOnly Today, int Total, int DueThisWeekCount, IReadOnlyList<PetitionItem> DueThisWeek, int OverdueCount,
    IReadOnlyList<CountBy> OverdueByDepartment, int AnsweredOnTime, int AnsweredLate, int FallenDue, double? OnTimeRate,
    IReadOnlyList<FieldCount> ByField);

public sealed record Reminder(PetitionItem Petition, int DaysLate, string Text);

/// <summary>What the office checks every morning: due this week, overdue by department, the on-time rate, counts by field.</summary>
public static partial class PetitionEndpoints
{
    private static async Task<IResult> Dashboard(ClaimsPrincipal user, MeetingDbContext db, TimeProvider time, HallClock hall)
    {
        var viewer = await PetitionViewer.OfAsync(user, db);
        var today = PetitionDeadlines.Today(time, hall);
        var sunday = today.AddDays((7 - (int)today.DayOfWeek) % 7);
        var all = viewer.Visible(db.Set<Petition>().AsNoTracking());
        var open = all.Where(p => p.Kind == PetitionKind.Request &&
                                  (p.Status == PetitionStatus.New || p.Status == PetitionStatus.Assigned || p.Status == PetitionStatus.WrittenAnswerNeeded));
        var dueThisWeek = open.Where(p => p.DueDate != null && p.DueDate >= today && p.DueDate <= sunday);
        var dueList = await dueThisWeek.OrderBy(p => p.DueDate).ThenBy(p => p.Id).Take(50).ToListAsync();
        var overdueByDepartment = await Overdue(all, today).GroupBy(p => p.Department)
            .Select(g => new { g.Key, Count = g.Count() }).ToListAsync();
        // As the reports count (PetitionTally): one overdue now counts as overdue, whatever an earlier stage recorded as answered.
        var answered = await NotOverdue(all, today).Where(p => p.Kind == PetitionKind.Request && p.AnsweredOn != null && p.DueDate != null)
            .GroupBy(p => p.AnsweredOn <= p.DueDate).Select(g => new { OnTime = g.Key, Count = g.Count() }).ToListAsync();
        var byField = await all.GroupBy(p => p.Field)
            .Select(g => new { g.Key, Total = g.Count(), Resolved = g.Count(p => p.Status == PetitionStatus.Resolved) }).ToListAsync();

        var onTime = answered.Where(a => a.OnTime).Sum(a => a.Count);
        var late = answered.Where(a => !a.OnTime).Sum(a => a.Count);
        var overdue = overdueByDepartment.Sum(o => o.Count);
        return Results.Ok(new DashboardView(today, await all.CountAsync(), await dueThisWeek.CountAsync(),
            dueList.Select(p => Item(p, today)).ToList(), overdue,
            overdueByDepartment.OrderByDescending(o => o.Count).Select(o => new CountBy(o.Key ?? "Chưa phân công", o.Count)).ToList(),
            onTime, late, onTime + late + overdue, PetitionTally.OnTimeRateOf(onTime, late, overdue),
            byField.OrderByDescending(f => f.Total).Select(f => new FieldCount(f.Key == "" ? "Chưa phân loại" : f.Key, f.Total, f.Resolved)).ToList()));
    }

    /// <summary>Overdue petitions and those due within three working days, oldest first, each with a sentence a clerk can print.</summary>
    private static async Task<IResult> Reminders(ClaimsPrincipal user, MeetingDbContext db, CalendarStore calendars, TimeProvider time, HallClock hall)
    {
        var viewer = await PetitionViewer.OfAsync(user, db);
        var today = PetitionDeadlines.Today(time, hall);
        var calendar = await calendars.CurrentAsync();
        var horizon = calendar.After(today, 3, DayCountKind.Working, "Sắp đến hạn").Date;
        var rows = await viewer.Visible(db.Set<Petition>().AsNoTracking())
            .Where(p => p.Kind == PetitionKind.Request && p.DueDate != null && p.DueDate <= horizon &&
                        (p.Status == PetitionStatus.New || p.Status == PetitionStatus.Assigned || p.Status == PetitionStatus.WrittenAnswerNeeded))
            .OrderBy(p => p.DueDate).ThenBy(p => p.Id).Take(500).ToListAsync();
        return Results.Ok(rows.Select(p =>
        {
            var late = today.DayNumber - p.DueDate!.Value.DayNumber;
            var who = p.Department ?? "(chưa phân công)";
            var text = late > 0
                ? $"{who}: kiến nghị số {p.Id} của {p.Petitioner} quá hạn {late} ngày (hạn {WorkingCalendar.Format(p.DueDate.Value)})."
                : $"{who}: kiến nghị số {p.Id} của {p.Petitioner} đến hạn {WorkingCalendar.Format(p.DueDate.Value)}.";
            return new Reminder(Item(p, today), Math.Max(0, late), text);
        }).ToList());
    }
}
