using MeetingAssist.Host.Access;
using MeetingAssist.Host.Data;
using MeetingAssist.Host.Queue;
using Microsoft.EntityFrameworkCore;

namespace MeetingAssist.Host.Meetings;

public sealed record AgendaInput(string? Title);

public sealed record MeetingInput(
    string? Title, MeetingKind? Kind, string? OrganisingBody, string? ChairName, string? ChairTitle, string? SecretaryName,
    string? Place, DateTime? ScheduledStart, string? AudienceGroup, string? RulesText,
    int? StatementSeconds, int? AnswerSeconds, int? FollowUpSeconds, List<AgendaInput>? Agenda);

public sealed record MeetingListItem(int Id, string Title, string KindLabel, string Place, DateTime ScheduledStart);

public static class MeetingEndpoints
{
    public static void MapMeetings(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/meetings").RequireAntiforgery();
        group.MapGet("/current", Current);
        group.MapGet("/", List).RequireAuthorization(p => p.RequireRole(Roles.All));
        group.MapGet("/{id:int}", Get).RequireAuthorization(p => p.RequireRole(Roles.Admin));
        group.MapPost("/", Create).RequireAuthorization(p => p.RequireRole(Roles.Admin));
        group.MapPut("/{id:int}", Update).RequireAuthorization(p => p.RequireRole(Roles.Admin));
        group.MapGet("/{id:int}/turns", async (int id, LiveMeetingService live) =>
        {
            try
            {
                return Results.Ok(await live.TurnsAsync(id));
            }
            catch (MeetingNotFoundException ex)
            {
                return ApiProblems.NotFound(ex.Message);
            }
        }).RequireAuthorization(p => p.RequireRole(Roles.All));
    }

    /// <summary>The meeting screens open by default: the one in progress, else the next one, else the latest.</summary>
    private static async Task<IResult> Current(MeetingDbContext db, LiveMeetingService live)
    {
        var started = await db.MeetingActions.AsNoTracking().Where(a => a.Kind == nameof(StartMeeting))
            .Select(a => a.MeetingId).Distinct().ToListAsync();
        foreach (var id in started.OrderDescending())
            if ((await live.SnapshotAsync(id, staff: false)).Status == nameof(MeetingStatus.InProgress))
                return Results.Ok(new { id });
        var today = DateTime.Now.Date;
        var upcoming = await db.Meetings.AsNoTracking().Where(m => m.ScheduledStart >= today)
            .OrderBy(m => m.ScheduledStart).Select(m => m.Id).FirstOrDefaultAsync();
        if (upcoming != 0) return Results.Ok(new { id = upcoming });
        var latest = await db.Meetings.AsNoTracking().OrderByDescending(m => m.ScheduledStart).Select(m => m.Id).FirstOrDefaultAsync();
        return latest != 0 ? Results.Ok(new { id = latest }) : ApiProblems.NotFound("Chưa có hội nghị nào. Hãy tạo hội nghị trong trang Thiết lập.");
    }

    private static async Task<List<MeetingListItem>> List(MeetingDbContext db) =>
        (await db.Meetings.AsNoTracking().OrderByDescending(m => m.ScheduledStart).ToListAsync())
            .Select(m => new MeetingListItem(m.Id, m.Title, MeetingKindLabels.Label(m.Kind), m.Place, m.ScheduledStart)).ToList();

    private static async Task<IResult> Get(int id, MeetingDbContext db)
    {
        var meeting = await db.Meetings.AsNoTracking().Include(m => m.Agenda).FirstOrDefaultAsync(m => m.Id == id);
        if (meeting is null) return ApiProblems.NotFound("Không tìm thấy hội nghị.");
        meeting.Agenda = meeting.Agenda.OrderBy(a => a.Order).ToList();
        return Results.Ok(meeting);
    }

    private static async Task<IResult> Create(MeetingInput input, MeetingDbContext db)
    {
        var meeting = new Meeting { Title = "" };
        if (Validate(input) is { } problem) return problem;
        Copy(input, meeting);
        db.Meetings.Add(meeting);
        await db.SaveChangesAsync();
        return Results.Ok(new { meeting.Id });
    }

    private static async Task<IResult> Update(int id, MeetingInput input, MeetingDbContext db, LiveMeetingService live)
    {
        var meeting = await db.Meetings.Include(m => m.Agenda).FirstOrDefaultAsync(m => m.Id == id);
        if (meeting is null) return ApiProblems.NotFound("Không tìm thấy hội nghị.");
        if (Validate(input) is { } problem) return problem;
        db.AgendaItems.RemoveRange(meeting.Agenda);
        meeting.Agenda.Clear();
        Copy(input, meeting);
        await db.SaveChangesAsync();
        await live.SetupChangedAsync(id);
        return Results.Ok(new { meeting.Id });
    }

    private static IResult? Validate(MeetingInput input)
    {
        if (string.IsNullOrWhiteSpace(input.Title)) return ApiProblems.BadRequest("Chưa nhập tên hội nghị.");
        if (input.Title.Length > 300) return ApiProblems.BadRequest("Tên hội nghị không quá 300 ký tự.");
        if (input.Kind is { } k && !Enum.IsDefined(k)) return ApiProblems.BadRequest("Hình thức đối thoại không hợp lệ.");
        foreach (var (value, label) in new[] { (input.StatementSeconds, "phát biểu"), (input.AnswerSeconds, "trả lời"), (input.FollowUpSeconds, "phản hồi") })
            if (value is < 10 or > 3600) return ApiProblems.BadRequest($"Thời gian {label} phải từ 10 đến 3600 giây.");
        if (input.Agenda is { Count: > 50 }) return ApiProblems.BadRequest("Chương trình không quá 50 nội dung.");
        if (input.Agenda?.Any(a => string.IsNullOrWhiteSpace(a.Title) || a.Title.Length > 300) == true)
            return ApiProblems.BadRequest("Mỗi nội dung chương trình cần có tên, không quá 300 ký tự.");
        var texts = new[] { input.OrganisingBody, input.ChairName, input.ChairTitle, input.SecretaryName, input.Place, input.AudienceGroup };
        if (texts.Any(t => t?.Length > 300)) return ApiProblems.BadRequest("Các trường thông tin không quá 300 ký tự.");
        if (input.RulesText?.Length > 10_000) return ApiProblems.BadRequest("Nội quy không quá 10.000 ký tự.");
        return null;
    }

    private static void Copy(MeetingInput input, Meeting m)
    {
        static string Clean(string? s) => (s ?? "").Trim().Normalize(System.Text.NormalizationForm.FormC);
        m.Title = Clean(input.Title);
        m.Kind = input.Kind ?? MeetingKind.Periodic;
        m.OrganisingBody = Clean(input.OrganisingBody);
        m.ChairName = Clean(input.ChairName);
        m.ChairTitle = Clean(input.ChairTitle);
        m.SecretaryName = Clean(input.SecretaryName);
        m.Place = Clean(input.Place);
        m.ScheduledStart = input.ScheduledStart ?? DateTime.Now.Date.AddHours(8);
        m.AudienceGroup = Clean(input.AudienceGroup);
        m.RulesText = (input.RulesText ?? "").Normalize(System.Text.NormalizationForm.FormC);
        m.StatementSeconds = input.StatementSeconds ?? 180;
        m.AnswerSeconds = input.AnswerSeconds ?? 300;
        m.FollowUpSeconds = input.FollowUpSeconds ?? 60;
        var agenda = input.Agenda ?? [];
        if (agenda.Count == 0) agenda = [new AgendaInput("Đối thoại với Nhân dân")];
        m.Agenda = agenda.Select((a, i) => new AgendaItem { Order = i, Title = Clean(a.Title) }).ToList();
    }
}
