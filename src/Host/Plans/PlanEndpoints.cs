using MeetingAssist.Host.Access;
using MeetingAssist.Host.Calendar;
using MeetingAssist.Host.Common;
using MeetingAssist.Host.Data;
using MeetingAssist.Host.Meetings;
using MeetingAssist.Host.Petitions;
using Microsoft.EntityFrameworkCore;

namespace MeetingAssist.Host.Plans;

public sealed record PlanInput(int? Year, string? Title, string? OrganisingBody, DeadlineRules? Rules);

public sealed record PlanView(int Id, int Year, string Title, string OrganisingBody, DeadlineRules Rules, IReadOnlyList<int> MeetingIds);

public sealed record PlanMeetingsInput(int[]? MeetingIds);

public sealed record DeadlineView(string Rule, DateOnly Date, string Weekday, string Explanation);

public sealed record MeetingDeadlinesView(int MeetingId, string MeetingTitle, DateOnly MeetingDay, int? PlanId, string? PlanTitle, IReadOnlyList<DeadlineView> Deadlines);

/// <summary>Yearly plans, their meetings and rules, and each meeting's computed dates with the reason for each.</summary>
public static class PlanEndpoints
{
    private static readonly string[] Editors = [Roles.Admin, Roles.Secretary];

    public static void MapPlans(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/plans").RequireAntiforgery();
        group.MapGet("/", List).RequireAuthorization(p => p.RequireRole(PetitionViewer.Readers));
        group.MapPost("/", Create).RequireAuthorization(p => p.RequireRole(Editors));
        group.MapPut("/{id:int}", Update).RequireAuthorization(p => p.RequireRole(Editors));
        group.MapDelete("/{id:int}", Delete).RequireAuthorization(p => p.RequireRole(Editors));
        group.MapPut("/{id:int}/meetings", SetMeetings).RequireAuthorization(p => p.RequireRole(Editors));
        app.MapGet("/api/meetings/{id:int}/deadlines", Deadlines).RequireAuthorization(p => p.RequireRole(PetitionViewer.Readers));
    }

    private static async Task<List<PlanView>> List(MeetingDbContext db)
    {
        var plans = await db.Set<Plan>().AsNoTracking().OrderByDescending(p => p.Year).ThenBy(p => p.Id).ToListAsync();
        var links = await db.Set<PlanMeeting>().AsNoTracking().ToListAsync();
        return plans.Select(p => new PlanView(p.Id, p.Year, p.Title, p.OrganisingBody, p.Rules,
            links.Where(l => l.PlanId == p.Id).Select(l => l.MeetingId).Order().ToList())).ToList();
    }

    private static async Task<IResult> Create(PlanInput input, MeetingDbContext db)
    {
        var plan = new Plan { Title = "" };
        if (Apply(input, plan) is { } problem) return problem;
        db.Add(plan);
        await db.SaveChangesAsync();
        return Results.Ok(new { plan.Id });
    }

    private static async Task<IResult> Update(int id, PlanInput input, MeetingDbContext db)
    {
        var plan = await db.Set<Plan>().FirstOrDefaultAsync(p => p.Id == id);
        if (plan is null) return ApiProblems.NotFound("Không tìm thấy kế hoạch.");
        if (Apply(input, plan) is { } problem) return problem;
        await db.SaveChangesAsync();
        return Results.Ok(new { plan.Id });
    }

    private static async Task<IResult> Delete(int id, MeetingDbContext db)
    {
        var plan = await db.Set<Plan>().FirstOrDefaultAsync(p => p.Id == id);
        if (plan is null) return ApiProblems.NotFound("Không tìm thấy kế hoạch.");
        if (await db.Set<Petition>().AnyAsync(p => p.PlanId == id))
            return ApiProblems.Conflict("Kế hoạch đã có kiến nghị gắn với nó nên không xóa được.");
        db.Remove(plan);
        await db.SaveChangesAsync();
        return Results.NoContent();
    }

    private static IResult? Apply(PlanInput input, Plan plan)
    {
        var errors = new FieldErrors();
        var title = UserText.Line(input.Title);
        if (title is null or { Length: > 300 }) errors.Add("title", "Hãy nhập tên kế hoạch (không quá 300 ký tự).");
        if (input.Year is not (>= 2000 and <= 2099)) errors.Add("year", "Năm của kế hoạch phải từ 2000 đến 2099.");
        if (UserText.Line(input.OrganisingBody) is { Length: > 300 }) errors.Add("organisingBody", "Tên cơ quan không quá 300 ký tự.");
        var rules = input.Rules ?? plan.Rules;
        foreach (var problem in MeetingDeadlines.Problems(rules)) errors.Add("rules", problem);
        if (errors.ToProblem() is { } result) return result;
        plan.Title = title!;
        plan.Year = input.Year!.Value;
        plan.OrganisingBody = UserText.Line(input.OrganisingBody) ?? "";
        plan.Rules = rules;
        return null;
    }

    private static async Task<IResult> SetMeetings(int id, PlanMeetingsInput input, MeetingDbContext db)
    {
        if (!await db.Set<Plan>().AnyAsync(p => p.Id == id)) return ApiProblems.NotFound("Không tìm thấy kế hoạch.");
        var ids = (input.MeetingIds ?? []).Distinct().ToArray();
        var existing = await db.Meetings.Where(m => ids.Contains(m.Id)).Select(m => m.Id).ToListAsync();
        if (existing.Count != ids.Length) return ApiProblems.NotFound("Có hội nghị không tồn tại trong danh sách.");
        await using var tx = await db.Database.BeginTransactionAsync();
        // A meeting moves to this plan from any other; the plan's own links are replaced.
        await db.Set<PlanMeeting>().Where(l => l.PlanId == id || ids.Contains(l.MeetingId)).ExecuteDeleteAsync();
        db.AddRange(ids.Select(m => new PlanMeeting { PlanId = id, MeetingId = m }));
        await db.SaveChangesAsync();
        await tx.CommitAsync();
        return Results.Ok(new { meetingIds = ids });
    }

    private static async Task<IResult> Deadlines(int id, MeetingDbContext db, CalendarStore store, HallClock hall)
    {
        var meeting = await db.Meetings.AsNoTracking().FirstOrDefaultAsync(m => m.Id == id);
        if (meeting is null) return ApiProblems.NotFound("Không tìm thấy hội nghị.");
        var link = await db.Set<PlanMeeting>().AsNoTracking().FirstOrDefaultAsync(l => l.MeetingId == id);
        var plan = link is null ? null : await db.Set<Plan>().AsNoTracking().FirstOrDefaultAsync(p => p.Id == link.PlanId);
        var day = DateOnly.FromDateTime(hall.ToHall(meeting.ScheduledStart));
        var deadlines = MeetingDeadlines.For(day, plan?.Rules ?? new DeadlineRules(), await store.CurrentAsync());
        return Results.Ok(new MeetingDeadlinesView(id, meeting.Title, day, plan?.Id, plan?.Title,
            deadlines.Select(d => new DeadlineView(d.Rule, d.Date, WorkingCalendar.Weekday(d.Date), d.Explanation)).ToList()));
    }
}
