using System.Security.Claims;
using MeetingAssist.Host.Access;
using MeetingAssist.Host.Calendar;
using MeetingAssist.Host.Common;
using MeetingAssist.Host.Data;
using MeetingAssist.Host.Documents;
using MeetingAssist.Host.Meetings;
using MeetingAssist.Host.Minutes;
using MeetingAssist.Host.Petitions;
using MeetingAssist.Host.Plans;
using Microsoft.EntityFrameworkCore;

namespace MeetingAssist.Host.MeetingDocuments;

public sealed record MeetingDocumentLink(string Kind, string Label, string? Due, string DocxUrl, string PdfUrl);

public sealed record MeetingDocumentList(int MeetingId, string MeetingTitle, bool PdfAvailable, string? PdfMessage, IReadOnlyList<MeetingDocumentLink> Documents);

/// <summary>
/// The documents of a meeting and the written reply to one petition, as DOCX and as the same DOCX rendered to PDF.
/// The meeting's documents list every petition, so only the hall's staff read them; a department account reads the
/// replies of its own petitions and no other (the same 404 as for a petition that does not exist).
/// </summary>
public static class MeetingDocumentEndpoints
{
    private static readonly string[] MeetingReaders = Roles.All;

    private const string DocxType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    private const string NoMeeting = "Không tìm thấy hội nghị.";
    private const string NoPetition = "Không tìm thấy kiến nghị.";

    public static void MapMeetingDocuments(this IEndpointRouteBuilder app)
    {
        var meeting = app.MapGroup("/api/meetings/{id:int}/documents").RequireAntiforgery().RequireAuthorization(p => p.RequireRole(MeetingReaders));
        meeting.MapGet("/", List);
        meeting.MapGet("/{kind}.docx", (int id, string kind, PublicAddress address, MeetingDbContext db, CalendarStore calendars, HallClock hall, TimeProvider time, CancellationToken ct) =>
            MeetingDocumentAsync(id, kind, null, address, db, calendars, hall, time, ct));
        meeting.MapGet("/{kind}.pdf", (int id, string kind, PublicAddress address, MeetingDbContext db, CalendarStore calendars, HallClock hall, TimeProvider time, PdfRenderer pdf, CancellationToken ct) =>
            MeetingDocumentAsync(id, kind, pdf, address, db, calendars, hall, time, ct));

        var reply = app.MapGroup("/api/petitions/{id:int}").RequireAntiforgery().RequireAuthorization(p => p.RequireRole(PetitionViewer.Readers));
        reply.MapGet("/reply.docx", (int id, ClaimsPrincipal user, MeetingDbContext db, HallClock hall, TimeProvider time, CancellationToken ct) =>
            ReplyAsync(id, null, user, db, hall, time, ct));
        reply.MapGet("/reply.pdf", (int id, ClaimsPrincipal user, MeetingDbContext db, HallClock hall, TimeProvider time, PdfRenderer pdf, CancellationToken ct) =>
            ReplyAsync(id, pdf, user, db, hall, time, ct));
    }

    private static async Task<IResult> List(int id, MeetingDbContext db, CalendarStore calendars, HallClock hall, PdfRenderer pdf, CancellationToken ct)
    {
        var meeting = await db.Meetings.AsNoTracking().FirstOrDefaultAsync(m => m.Id == id, ct);
        if (meeting is null) return ApiProblems.NotFound(NoMeeting);
        var rules = await PetitionDeadlines.RulesForAsync(db, null, id);
        var day = DateOnly.FromDateTime(hall.ToHall(meeting.ScheduledStart));
        var dates = MeetingDeadlines.For(day, rules, await calendars.CurrentAsync(ct));
        // The deadlines come in MeetingDeadlines' order: notice, answers, conclusion, complex conclusion, written answers, report.
        string? Due(MeetingDocumentKind kind) => kind switch
        {
            MeetingDocumentKind.Notice => "Ban hành chậm nhất " + DocumentWording.Day(dates[0].Date),
            MeetingDocumentKind.Invitation or MeetingDocumentKind.Questionnaire => "Thu ý kiến trước " + DocumentWording.Day(dates[1].Date),
            MeetingDocumentKind.AnswersReport => "Các phòng ban trả lời trước " + DocumentWording.Day(dates[1].Date),
            MeetingDocumentKind.ConclusionNotice => "Ban hành chậm nhất " + DocumentWording.Day(dates[2].Date),
            MeetingDocumentKind.UpperLevelReport => "Gửi chậm nhất " + DocumentWording.Day(dates[5].Date),
            _ => null,
        };
        var root = $"/api/meetings/{id}/documents/";
        return Results.Ok(new MeetingDocumentList(id, meeting.Title, pdf.IsAvailable, pdf.IsAvailable ? null : PdfRenderer.NotInstalledMessage,
            MeetingDocumentKinds.Kinds.Select(k => new MeetingDocumentLink(MeetingDocumentKinds.Slug(k), MeetingDocumentKinds.Label(k), Due(k),
                root + MeetingDocumentKinds.Slug(k) + ".docx", root + MeetingDocumentKinds.Slug(k) + ".pdf")).ToList()));
    }

    private static async Task<IResult> MeetingDocumentAsync(int id, string kind, PdfRenderer? pdf, PublicAddress address, MeetingDbContext db,
        CalendarStore calendars, HallClock hall, TimeProvider time, CancellationToken ct)
    {
        if (MeetingDocumentKinds.FromSlug(kind) is not { } documentKind) return ApiProblems.NotFound(MeetingDocumentKinds.UnknownMessage);
        var opinionPage = address.BaseUrl() + $"/opinion?m={id}";
        var input = await LoadAsync(db, id, await calendars.CurrentAsync(ct), hall, PetitionDeadlines.Today(time, hall), opinionPage, ct);
        if (input is null) return ApiProblems.NotFound(NoMeeting);
        if (MeetingDocumentComposer.Problem(input) is { } problem) return ApiProblems.Conflict(problem);
        var docx = DocxWriter.Write(MeetingDocumentComposer.Compose(documentKind, input));
        return await FileAsync(docx, $"{MeetingDocumentKinds.Slug(documentKind)}-hoi-nghi-{id}", pdf, ct);
    }

    /// <summary>Reads everything a meeting's documents are composed from, so composing is a pure function of it.</summary>
    private static async Task<MeetingDocumentInput?> LoadAsync(MeetingDbContext db, int meetingId, WorkingCalendar calendar, HallClock hall, DateOnly today,
        string opinionPage, CancellationToken ct)
    {
        var meeting = await db.Meetings.AsNoTracking().Include(m => m.Agenda).Include(m => m.Responders).FirstOrDefaultAsync(m => m.Id == meetingId, ct);
        if (meeting is null) return null;
        var link = await db.Set<PlanMeeting>().AsNoTracking().FirstOrDefaultAsync(l => l.MeetingId == meetingId, ct);
        var plan = link is null ? null : await db.Set<Plan>().AsNoTracking().FirstOrDefaultAsync(p => p.Id == link.PlanId, ct);
        var petitions = await db.Set<Petition>().AsNoTracking().Where(p => p.MeetingId == meetingId).OrderBy(p => p.Id).ToListAsync(ct);
        var responderIds = meeting.Responders.Select(r => r.PersonId).ToList();
        var responders = await db.People.AsNoTracking().Where(p => responderIds.Contains(p.Id)).OrderBy(p => p.Name)
            .Select(p => new MinutesResponder(p.Name, p.Title)).ToListAsync(ct);
        var draft = await db.Set<MinutesDraft>().AsNoTracking().FirstOrDefaultAsync(d => d.MeetingId == meetingId, ct) ?? new MinutesDraft { MeetingId = meetingId };
        var agenda = meeting.Agenda.OrderBy(a => a.Order).Select(a => a.Title).ToList();
        var agency = string.IsNullOrWhiteSpace(meeting.OrganisingBody) ? plan?.OrganisingBody ?? "" : meeting.OrganisingBody;
        return new MeetingDocumentInput(meeting, hall.ToHall(meeting.ScheduledStart), agency.Trim(), draft.AgencyAbove,
            string.IsNullOrWhiteSpace(draft.PlaceName) ? MinutesComposer.PlaceNameOf(agency) : draft.PlaceName, plan?.Title, plan?.Rules ?? new DeadlineRules(),
            calendar, petitions, responders, agenda.Count > 0 ? agenda : ["Kết luận chung"], MinutesJson.Strings(draft.ConclusionsJson),
            MinutesJson.Attendance(draft.AttendanceJson), opinionPage, today, await InvitationEndpoints.ChosenAsync(db, meetingId, ct));
    }

    private static async Task<IResult> ReplyAsync(int id, PdfRenderer? pdf, ClaimsPrincipal user, MeetingDbContext db, HallClock hall, TimeProvider time, CancellationToken ct)
    {
        var viewer = await PetitionViewer.OfAsync(user, db);
        var petition = await viewer.Visible(db.Set<Petition>().AsNoTracking()).FirstOrDefaultAsync(p => p.Id == id, ct);
        if (petition is null) return ApiProblems.NotFound(NoPetition);
        if (PetitionDocumentComposer.ReplyProblem(petition) is { } problem) return ApiProblems.Conflict(problem);
        var meeting = petition.MeetingId is { } meetingId
            ? await db.Meetings.AsNoTracking().Include(m => m.Responders).FirstOrDefaultAsync(m => m.Id == meetingId, ct)
            : null;
        var plan = petition.PlanId is { } planId ? await db.Set<Plan>().AsNoTracking().FirstOrDefaultAsync(p => p.Id == planId, ct) : null;
        var agency = meeting is { OrganisingBody.Length: > 0 } ? meeting.OrganisingBody : plan?.OrganisingBody ?? "";
        MinutesResponder? signer = null;
        if (meeting is not null)
        {
            var ids = meeting.Responders.Select(r => r.PersonId).ToList();
            var heads = await db.People.AsNoTracking().Where(p => ids.Contains(p.Id)).Select(p => new MinutesResponder(p.Name, p.Title)).ToListAsync(ct);
            signer = heads.FirstOrDefault(h => MeetingDocumentComposer.Heads(h.Title, petition.Department!));
        }
        var input = new ReplyInput(petition, agency, MinutesComposer.PlaceNameOf(agency), meeting?.Title,
            meeting is null ? null : DateOnly.FromDateTime(hall.ToHall(meeting.ScheduledStart)),
            petition.ReceivedOn, signer, PetitionDeadlines.Today(time, hall));
        return await FileAsync(DocxWriter.Write(PetitionDocumentComposer.Reply(input)), $"tra-loi-kien-nghi-{id}", pdf, ct);
    }

    internal static async Task<IResult> FileAsync(byte[] docx, string name, PdfRenderer? pdf, CancellationToken ct)
    {
        if (pdf is null) return Results.File(docx, DocxType, name + ".docx");
        if (!pdf.IsAvailable) return ApiProblems.Problem(503, PdfRenderer.NotInstalledMessage);
        try
        {
            return Results.File(await pdf.RenderAsync(docx, ct), "application/pdf", name + ".pdf");
        }
        catch (PdfUnavailableException ex)
        {
            return ApiProblems.Problem(503, ex.Message);
        }
    }
}
