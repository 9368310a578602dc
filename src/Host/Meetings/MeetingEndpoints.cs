using MeetingAssist.Host.Access;
using MeetingAssist.Host.Common;
using MeetingAssist.Host.Data;
using MeetingAssist.Host.People;
using Microsoft.EntityFrameworkCore;

namespace MeetingAssist.Host.Meetings;

public sealed record AgendaInput(string? Title);

/// <summary>The setup form. <see cref="ScheduledStart"/> is "yyyy-MM-ddTHH:mm" in the hall's time (or an instant with an offset).</summary>
public sealed record MeetingInput(
    string? Title, MeetingKind? Kind, string? OrganisingBody, string? ChairName, string? ChairTitle, string? SecretaryName,
    string? Place, string? ScheduledStart, string? AudienceGroup, string? RulesText,
    int? StatementSeconds, int? AnswerSeconds, int? FollowUpSeconds, int? NextSpeakersShown,
    List<AgendaInput>? Agenda, List<int>? ResponderIds);

public sealed record MeetingListItem(
    int Id, string Title, string KindLabel, string Place, DateTime ScheduledStart, string ScheduledStartText,
    bool Archived, bool OnScreen, string Status);

public sealed record MeetingDetail(
    int Id, string Title, MeetingKind Kind, string OrganisingBody, string ChairName, string ChairTitle, string SecretaryName,
    string Place, DateTime ScheduledStart, string ScheduledStartLocal, string AudienceGroup, string RulesText,
    int StatementSeconds, int AnswerSeconds, int FollowUpSeconds, int NextSpeakersShown, bool Archived,
    IReadOnlyList<AgendaInput> Agenda, IReadOnlyList<int> ResponderIds);

public sealed record ArchiveInput(bool Archived);

public static class MeetingEndpoints
{
    public static void MapMeetings(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/meetings").RequireAntiforgery();
        group.MapGet("/", List).RequireAuthorization(p => p.RequireRole(Roles.All));
        group.MapGet("/{id:int}", Get).RequireAuthorization(p => p.RequireRole(Roles.Admin));
        group.MapPost("/", Create).RequireAuthorization(p => p.RequireRole(Roles.Admin));
        group.MapPut("/{id:int}", Update).RequireAuthorization(p => p.RequireRole(Roles.Admin));
        group.MapDelete("/{id:int}", Delete).RequireAuthorization(p => p.RequireRole(Roles.Admin));
        group.MapPost("/{id:int}/copy", Copy).RequireAuthorization(p => p.RequireRole(Roles.Admin));
        group.MapPost("/{id:int}/archive", Archive).RequireAuthorization(p => p.RequireRole(Roles.Admin));
    }

    private static async Task<List<MeetingListItem>> List(bool? archived, MeetingDbContext db, IMeetingLiveState live, HallClock hall)
    {
        var meetings = await db.Meetings.AsNoTracking().Where(m => archived == true || !m.Archived)
            .OrderByDescending(m => m.ScheduledStart).ToListAsync();
        var phases = await live.PhasesAsync();
        var onScreen = await live.OnScreenAsync();
        return meetings.Select(m => new MeetingListItem(m.Id, m.Title, MeetingKindLabels.Label(m.Kind), m.Place, m.ScheduledStart,
                hall.Long(m.ScheduledStart), m.Archived, m.Id == onScreen,
                phases.GetValueOrDefault(m.Id, MeetingPhase.Preparing).ToString()))
            .ToList();
    }

    private static async Task<IResult> Get(int id, MeetingDbContext db, HallClock hall)
    {
        var m = await db.Meetings.AsNoTracking().Include(m => m.Agenda).Include(m => m.Responders).FirstOrDefaultAsync(m => m.Id == id);
        if (m is null) return ApiProblems.NotFound("Không tìm thấy hội nghị.");
        return Results.Ok(new MeetingDetail(m.Id, m.Title, m.Kind, m.OrganisingBody, m.ChairName, m.ChairTitle, m.SecretaryName, m.Place,
            m.ScheduledStart, hall.Input(m.ScheduledStart), m.AudienceGroup, m.RulesText, m.StatementSeconds, m.AnswerSeconds,
            m.FollowUpSeconds, m.NextSpeakersShown, m.Archived,
            m.Agenda.OrderBy(a => a.Order).Select(a => new AgendaInput(a.Title)).ToList(), m.Responders.Select(r => r.PersonId).ToList()));
    }

    private static async Task<IResult> Create(MeetingInput input, MeetingDbContext db, HallClock hall)
    {
        var meeting = new Meeting { Title = "" };
        if (await ValidateAsync(input, db, hall) is { } problem) return problem;
        Apply(input, meeting, hall);
        db.Meetings.Add(meeting);
        await db.SaveChangesAsync();
        return Results.Ok(new { meeting.Id });
    }

    private static async Task<IResult> Update(int id, MeetingInput input, MeetingDbContext db, IMeetingLiveState live, HallClock hall)
    {
        var meeting = await db.Meetings.Include(m => m.Agenda).Include(m => m.Responders).FirstOrDefaultAsync(m => m.Id == id);
        if (meeting is null) return ApiProblems.NotFound("Không tìm thấy hội nghị.");
        if (await ValidateAsync(input, db, hall) is { } problem) return problem;
        db.AgendaItems.RemoveRange(meeting.Agenda);
        meeting.Agenda.Clear();
        if (input.ResponderIds is not null)
        {
            db.MeetingResponders.RemoveRange(meeting.Responders);
            meeting.Responders.Clear();
        }
        Apply(input, meeting, hall);
        await db.SaveChangesAsync();
        await live.SetupChangedAsync(id);
        return Results.Ok(new { meeting.Id });
    }

    /// <summary>Only a meeting that never started can be deleted; one with a history is archived instead.</summary>
    private static async Task<IResult> Delete(int id, MeetingDbContext db, IMeetingLiveState live)
    {
        var meeting = await db.Meetings.FirstOrDefaultAsync(m => m.Id == id);
        if (meeting is null) return ApiProblems.NotFound("Không tìm thấy hội nghị.");
        if (await live.HasHistoryAsync(id))
            return ApiProblems.Conflict("Hội nghị đã có đăng ký hoặc diễn biến nên không xóa được; hãy lưu trữ hội nghị.");
        await using var tx = await db.Database.BeginTransactionAsync();
        await live.RemoveLogAsync(db, id);
        db.Meetings.Remove(meeting);
        await db.SaveChangesAsync();
        await tx.CommitAsync();
        await live.ForgetAsync(id, deleted: true);
        return Results.NoContent();
    }

    /// <summary>A new meeting with the same setup, agenda and responders (last year's, for instance), and no history.</summary>
    private static async Task<IResult> Copy(int id, MeetingDbContext db)
    {
        var m = await db.Meetings.AsNoTracking().Include(m => m.Agenda).Include(m => m.Responders).FirstOrDefaultAsync(m => m.Id == id);
        if (m is null) return ApiProblems.NotFound("Không tìm thấy hội nghị.");
        var title = $"{m.Title} (bản sao)";
        var copy = new Meeting
        {
            Title = title.Length <= 300 ? title : m.Title,
            Kind = m.Kind, OrganisingBody = m.OrganisingBody, ChairName = m.ChairName, ChairTitle = m.ChairTitle,
            SecretaryName = m.SecretaryName, Place = m.Place, ScheduledStart = m.ScheduledStart, AudienceGroup = m.AudienceGroup,
            RulesText = m.RulesText, StatementSeconds = m.StatementSeconds, AnswerSeconds = m.AnswerSeconds,
            FollowUpSeconds = m.FollowUpSeconds, NextSpeakersShown = m.NextSpeakersShown,
            Agenda = m.Agenda.OrderBy(a => a.Order).Select(a => new AgendaItem { Order = a.Order, Title = a.Title }).ToList(),
            Responders = m.Responders.Select(r => new MeetingResponder { PersonId = r.PersonId }).ToList(),
        };
        db.Meetings.Add(copy);
        await db.SaveChangesAsync();
        return Results.Ok(new { copy.Id });
    }

    private static async Task<IResult> Archive(int id, ArchiveInput input, MeetingDbContext db, IMeetingLiveState live)
    {
        var meeting = await db.Meetings.FirstOrDefaultAsync(m => m.Id == id);
        if (meeting is null) return ApiProblems.NotFound("Không tìm thấy hội nghị.");
        meeting.Archived = input.Archived;
        await db.SaveChangesAsync();
        if (input.Archived) await live.ForgetAsync(id, deleted: false);
        return Results.Ok(new { meeting.Id, meeting.Archived });
    }

    /// <summary>Checks the form; every problem is reported beside its own field.</summary>
    private static async Task<IResult?> ValidateAsync(MeetingInput input, MeetingDbContext db, HallClock hall)
    {
        var errors = new FieldErrors();
        if (UserText.Line(input.Title) is not { } title) errors.Add("title", "Chưa nhập tên hội nghị.");
        else if (title.Length > 300) errors.Add("title", "Tên hội nghị không quá 300 ký tự.");
        if (input.Kind is { } k && !Enum.IsDefined(k)) errors.Add("kind", "Hình thức đối thoại không hợp lệ.");
        if (string.IsNullOrWhiteSpace(input.ScheduledStart)) errors.Add("scheduledStart", "Chưa nhập ngày và giờ bắt đầu.");
        else if (hall.ParseInput(input.ScheduledStart) is null)
            errors.Add("scheduledStart", "Ngày giờ bắt đầu không đúng hoặc chưa đủ (ngày/tháng/năm và giờ:phút, ví dụ 05/12/2026 08:00).");
        foreach (var (value, field, label) in new[]
                 {
                     (input.StatementSeconds, "statementSeconds", "phát biểu"), (input.AnswerSeconds, "answerSeconds", "trả lời"),
                     (input.FollowUpSeconds, "followUpSeconds", "phản hồi"),
                 })
            if (value is < 10 or > 3600) errors.Add(field, $"Thời gian {label} phải từ 10 đến 3600 giây.");
        if (input.NextSpeakersShown is < 1 or > 10) errors.Add("nextSpeakersShown", "Số người tiếp theo hiện trên màn chiếu phải từ 1 đến 10.");
        if (input.Agenda is { Count: > 50 }) errors.Add("agenda", "Chương trình không quá 50 nội dung.");
        if (input.Agenda?.Any(a => UserText.Line(a.Title) is not { Length: <= 300 }) == true)
            errors.Add("agenda", "Mỗi nội dung chương trình cần có tên, không quá 300 ký tự.");
        foreach (var (value, field) in new[]
                 {
                     (input.OrganisingBody, "organisingBody"), (input.ChairName, "chairName"), (input.ChairTitle, "chairTitle"),
                     (input.SecretaryName, "secretaryName"), (input.Place, "place"), (input.AudienceGroup, "audienceGroup"),
                 })
            if (value?.Length > 300) errors.Add(field, "Không quá 300 ký tự.");
        if (input.RulesText?.Length > 10_000) errors.Add("rulesText", "Nội quy không quá 10.000 ký tự.");
        if (input.ResponderIds is { Count: > 0 } ids)
        {
            var distinct = ids.Distinct().ToList();
            var found = await db.People.CountAsync(p => distinct.Contains(p.Id) && !p.Archived);
            if (distinct.Count > 100 || found != distinct.Count) errors.Add("responderIds", "Danh sách người trả lời có người không còn trong danh bạ.");
        }
        return errors.ToProblem();
    }

    private static void Apply(MeetingInput input, Meeting m, HallClock hall)
    {
        static string Clean(string? s) => UserText.Line(s) ?? "";
        m.Title = Clean(input.Title);
        m.Kind = input.Kind ?? MeetingKind.Periodic;
        m.OrganisingBody = Clean(input.OrganisingBody);
        m.ChairName = Clean(input.ChairName);
        m.ChairTitle = Clean(input.ChairTitle);
        m.SecretaryName = Clean(input.SecretaryName);
        m.Place = Clean(input.Place);
        m.ScheduledStart = hall.ParseInput(input.ScheduledStart)!.Value;
        m.AudienceGroup = Clean(input.AudienceGroup);
        m.RulesText = UserText.Text(input.RulesText) ?? "";
        m.StatementSeconds = input.StatementSeconds ?? 180;
        m.AnswerSeconds = input.AnswerSeconds ?? 300;
        m.FollowUpSeconds = input.FollowUpSeconds ?? 60;
        m.NextSpeakersShown = input.NextSpeakersShown ?? 5;
        var agenda = input.Agenda ?? [];
        if (agenda.Count == 0) agenda = [new AgendaInput("Đối thoại với Nhân dân")];
        m.Agenda = agenda.Select((a, i) => new AgendaItem { Order = i, Title = Clean(a.Title) }).ToList();
        // Without a list the responders stay as they were (a form that does not show them cannot clear them).
        if (input.ResponderIds is not null)
            m.Responders = input.ResponderIds.Distinct().Select(pid => new MeetingResponder { MeetingId = m.Id, PersonId = pid }).ToList();
    }
}
