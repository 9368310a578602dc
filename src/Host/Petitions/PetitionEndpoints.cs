using System.Globalization;
using System.Security.Claims;
using MeetingAssist.Host.Access;
using MeetingAssist.Host.Calendar;
using MeetingAssist.Host.Common;
using MeetingAssist.Host.Data;
using MeetingAssist.Host.Meetings;
using Microsoft.EntityFrameworkCore;

namespace MeetingAssist.Host.Petitions;

/// <summary>The registry: list, detail with history, create, edit, transitions, bulk assignment, extensions.</summary>
public static partial class PetitionEndpoints
{
    private const string NotFound = "Không tìm thấy kiến nghị.";

    public static void MapPetitions(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/petitions").RequireAntiforgery();
        group.MapGet("/", List).RequireAuthorization(p => p.RequireRole(PetitionViewer.Readers));
        group.MapGet("/{id:int}", Detail).RequireAuthorization(p => p.RequireRole(PetitionViewer.Readers));
        group.MapPost("/", Create).RequireAuthorization(p => p.RequireRole(PetitionViewer.Office));
        group.MapPut("/{id:int}", Update).RequireAuthorization(p => p.RequireRole(PetitionViewer.Office));
        group.MapPost("/{id:int}/transition", Transition).RequireAuthorization(p => p.RequireRole(PetitionViewer.Readers));
        group.MapPost("/bulk-assign", BulkAssign).RequireAuthorization(p => p.RequireRole(PetitionViewer.Office));
        group.MapPost("/{id:int}/extension", Extend).RequireAuthorization(p => p.RequireRole(PetitionViewer.Office));
        group.MapGet("/dashboard", Dashboard).RequireAuthorization(p => p.RequireRole(PetitionViewer.Readers));
        group.MapGet("/reminders", Reminders).RequireAuthorization(p => p.RequireRole(PetitionViewer.Readers));
        group.MapGet("/export.xlsx", Export).RequireAuthorization(p => p.RequireRole(PetitionViewer.Readers));
        MapSavedFilters(group);
        MapOpinions(app);
        MapSettings(group);
    }

    private static async Task<IResult> List([AsParameters] PetitionFilter filter, ClaimsPrincipal user, MeetingDbContext db, TimeProvider time, HallClock hall)
    {
        var viewer = await PetitionViewer.OfAsync(user, db);
        return Results.Ok(await QueryAsync(viewer.Visible(db.Set<Petition>().AsNoTracking()), filter, PetitionDeadlines.Today(time, hall)));
    }

    /// <summary>One page of the registry under the list's filters, ordered by due date (public for the benchmark).</summary>
    public static async Task<PetitionPage> QueryAsync(IQueryable<Petition> query, PetitionFilter filter, DateOnly today)
    {
        query = Filtered(query, filter, today);
        var pageSize = Math.Clamp(filter.PageSize ?? 50, 1, 200);
        var page = Math.Max(1, filter.Page ?? 1);
        var total = await query.CountAsync();
        var rows = await InListOrder(query).Skip((page - 1) * pageSize).Take(pageSize).ToListAsync();
        return new PetitionPage(total, page, pageSize, rows.Select(p => Item(p, today)).ToList());
    }

    /// <summary>The list's order: by due date, undated last.</summary>
    internal static IQueryable<Petition> InListOrder(IQueryable<Petition> query) =>
        query.OrderBy(p => p.DueDate == null).ThenBy(p => p.DueDate).ThenBy(p => p.Id);

    /// <summary>The list's filters (paging aside), shared by the list and the export so both show the same petitions.</summary>
    internal static IQueryable<Petition> Filtered(IQueryable<Petition> query, PetitionFilter filter, DateOnly today)
    {
        if (UserText.Line(filter.Field) is { } field) query = query.Where(p => p.Field == field);
        if (UserText.Line(filter.Department) is { } department) query = query.Where(p => p.Department == department);
        if (filter.Status is { } status) query = query.Where(p => p.Status == status);
        if (filter.DueBefore is { } dueBefore) query = query.Where(p => p.DueDate != null && p.DueDate <= dueBefore);
        if (filter.MeetingId is { } meetingId) query = query.Where(p => p.MeetingId == meetingId);
        if (filter.Source is { } source) query = query.Where(p => p.Source == source);
        if (filter.Overdue is { } overdue) query = overdue ? Overdue(query, today) : NotOverdue(query, today);
        if (UserText.Line(filter.Q) is { } q) query = query.Where(p => p.Petitioner.Contains(q) || p.Content.Contains(q));
        return query;
    }

    /// <summary>The overdue rule of <see cref="PetitionRules.IsOverdue"/> as a query.</summary>
    internal static IQueryable<Petition> Overdue(IQueryable<Petition> query, DateOnly today) =>
        query.Where(p => p.Kind == PetitionKind.Request && p.DueDate != null && p.DueDate < today &&
                         (p.Status == PetitionStatus.New || p.Status == PetitionStatus.Assigned || p.Status == PetitionStatus.WrittenAnswerNeeded));

    internal static IQueryable<Petition> NotOverdue(IQueryable<Petition> query, DateOnly today) =>
        query.Where(p => !(p.Kind == PetitionKind.Request && p.DueDate != null && p.DueDate < today &&
                           (p.Status == PetitionStatus.New || p.Status == PetitionStatus.Assigned || p.Status == PetitionStatus.WrittenAnswerNeeded)));

    private static async Task<IResult> Detail(int id, ClaimsPrincipal user, MeetingDbContext db, TimeProvider time, HallClock hall)
    {
        var viewer = await PetitionViewer.OfAsync(user, db);
        var p = await viewer.Visible(db.Set<Petition>().AsNoTracking()).FirstOrDefaultAsync(p => p.Id == id);
        if (p is null) return ApiProblems.NotFound(NotFound);
        return Results.Ok(await DetailOf(p, viewer, db, PetitionDeadlines.Today(time, hall)));
    }

    private static async Task<PetitionDetail> DetailOf(Petition p, PetitionViewer viewer, MeetingDbContext db, DateOnly today)
    {
        var history = await db.Set<PetitionHistory>().AsNoTracking().Where(h => h.PetitionId == p.Id).OrderBy(h => h.Id).ToListAsync();
        var transitions = PetitionRules.AllowedFrom(p.Status).Where(s => !viewer.IsDepartment || s == PetitionStatus.Answered)
            .Select(s => new TransitionOption(s, PetitionLabels.Of(s))).ToList();
        return new PetitionDetail(Item(p, today), p.Answer, viewer.IsDepartment ? null : p.StaffNotes, p.PlanId, p.FloorTurnId, p.AudioMs,
            p.DueExplanation, p.ExtensionReason,
            history.Select(h => new HistoryItem(h.AtUtc, h.By, PetitionLabels.Of(h.From), PetitionLabels.Of(h.To), h.Note)).ToList(),
            transitions);
    }

    internal static PetitionItem Item(Petition p, DateOnly today) => new(
        p.Id, p.Kind, PetitionLabels.Of(p.Kind), p.Petitioner, p.Address, p.Source, PetitionLabels.Of(p.Source), p.Field, p.Level,
        PetitionLabels.Of(p.Level), p.Urgency, PetitionLabels.Of(p.Urgency), p.Content, p.Department, p.Status, PetitionLabels.Of(p.Status),
        p.DueDate, PetitionRules.IsOverdue(p, today), p.ExtensionReason is not null, p.MeetingId, p.ReceivedOn);

    private static async Task<IResult> Create(PetitionInput input, ClaimsPrincipal user, MeetingDbContext db, TimeProvider time, HallClock hall)
    {
        var today = PetitionDeadlines.Today(time, hall);
        var petition = new Petition { Petitioner = "", Content = "", ReceivedOn = today };
        if (await ApplyAsync(input, petition, db, today) is { } problem) return problem;
        var now = time.GetUtcNow().UtcDateTime;
        petition.CreatedUtc = petition.UpdatedUtc = now;
        db.Set<Petition>().Add(petition);
        await db.SaveChangesAsync();
        db.Set<PetitionHistory>().Add(new PetitionHistory
        {
            PetitionId = petition.Id, AtUtc = now, By = user.Identity?.Name ?? "?", From = PetitionStatus.New, To = PetitionStatus.New,
            Note = $"Tiếp nhận ({PetitionLabels.Of(petition.Source)}).",
        });
        await db.SaveChangesAsync();
        return Results.Ok(new { petition.Id });
    }

    private static async Task<IResult> Update(int id, PetitionInput input, MeetingDbContext db, TimeProvider time, HallClock hall)
    {
        var petition = await db.Set<Petition>().FirstOrDefaultAsync(p => p.Id == id);
        if (petition is null) return ApiProblems.NotFound(NotFound);
        if (await ApplyAsync(input, petition, db, PetitionDeadlines.Today(time, hall)) is { } problem) return problem;
        petition.UpdatedUtc = time.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync();
        return Results.Ok(new { petition.Id });
    }

    /// <summary>
    /// Checks the form and copies it onto the petition; every problem is reported beside its field. A form without a
    /// received date keeps the petition's (today for a new one).
    /// </summary>
    private static async Task<IResult?> ApplyAsync(PetitionInput input, Petition petition, MeetingDbContext db, DateOnly today)
    {
        var errors = new FieldErrors();
        var petitioner = UserText.Line(input.Petitioner);
        var content = UserText.Text(input.Content);
        if (petitioner is null) errors.Add("petitioner", "Chưa nhập người hoặc nhóm kiến nghị.");
        else if (petitioner.Length > 300) errors.Add("petitioner", "Tên người kiến nghị không quá 300 ký tự.");
        if (content is null) errors.Add("content", "Chưa nhập nội dung.");
        else if (content.Length > 10000) errors.Add("content", "Nội dung không quá 10.000 ký tự.");
        foreach (var (value, field, max) in new[] { (input.Address, "address", 300), (input.Field, "field", 100), (input.Department, "department", 200) })
            if (UserText.Line(value) is { } text && text.Length > max) errors.Add(field, $"Không quá {max} ký tự.");
        if (input.Kind is { } kind && !Enum.IsDefined(kind)) errors.Add("kind", "Loại không hợp lệ.");
        if (input.Source is { } source && !Enum.IsDefined(source)) errors.Add("source", "Nguồn tiếp nhận không hợp lệ.");
        if (input.Level is { } level && !Enum.IsDefined(level)) errors.Add("level", "Cấp thẩm quyền không hợp lệ.");
        if (input.Urgency is { } urgency && !Enum.IsDefined(urgency)) errors.Add("urgency", "Mức độ khẩn không hợp lệ.");
        DateOnly? due = null;
        if (!string.IsNullOrWhiteSpace(input.DueDate))
        {
            if (DayText.Parse(input.DueDate) is { } parsed) due = parsed;
            else errors.Add("dueDate", $"Hạn trả lời không đúng dạng {DayText.Expected}.");
        }
        var received = petition.ReceivedOn;
        if (!string.IsNullOrWhiteSpace(input.ReceivedOn))
        {
            if (DayText.Parse(input.ReceivedOn) is not { } typed)
                errors.Add("receivedOn", $"Ngày nhận không đúng dạng {DayText.Expected}.");
            else if (typed > today)
                errors.Add("receivedOn", $"Ngày nhận {WorkingCalendar.Format(typed)} chưa đến; ngày nhận không được sau hôm nay ({WorkingCalendar.Format(today)}).");
            else received = typed;
        }
        if (input.MeetingId is { } meetingId && !await db.Meetings.AnyAsync(m => m.Id == meetingId)) errors.Add("meetingId", "Không tìm thấy hội nghị.");
        if (input.PlanId is { } planId && !await db.Set<Plans.Plan>().AnyAsync(p => p.Id == planId)) errors.Add("planId", "Không tìm thấy kế hoạch.");
        if (input.AudioMs is < 0) errors.Add("audioMs", "Thời điểm trong bản ghi không hợp lệ.");
        if (errors.ToProblem() is { } problem) return problem;

        petition.Petitioner = petitioner!;
        petition.Content = content!;
        petition.Kind = input.Kind ?? petition.Kind;
        petition.Address = UserText.Line(input.Address) ?? "";
        petition.Source = input.Source ?? petition.Source;
        petition.Field = UserText.Line(input.Field) ?? "";
        petition.Level = input.Level ?? petition.Level;
        petition.Urgency = input.Urgency ?? petition.Urgency;
        petition.Department = UserText.Line(input.Department);
        petition.Answer = UserText.Text(input.Answer) ?? petition.Answer;
        petition.MeetingId = input.MeetingId;
        petition.PlanId = input.PlanId;
        petition.StaffNotes = UserText.Text(input.StaffNotes) ?? "";
        petition.FloorTurnId = input.FloorTurnId;
        petition.AudioMs = input.AudioMs;
        petition.ReceivedOn = received;
        if (petition.Kind == PetitionKind.Opinion) PetitionDeadlines.SetFixedDue(petition, null);
        else if (due is not null && due != petition.DueDate) PetitionDeadlines.SetFixedDue(petition, due);
        return null;
    }
}
