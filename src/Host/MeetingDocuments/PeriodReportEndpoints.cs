using MeetingAssist.Host.Access;
using MeetingAssist.Host.Data;
using MeetingAssist.Host.Documents;
using MeetingAssist.Host.Meetings;
using MeetingAssist.Host.Minutes;
using MeetingAssist.Host.Petitions;
using MeetingAssist.Host.Plans;
using Microsoft.EntityFrameworkCore;

namespace MeetingAssist.Host.MeetingDocuments;

/// <summary>
/// The report to the upper level over a whole plan (its meetings and the petitions it holds) or a calendar year (the
/// meetings held and the petitions received in it, in Vietnam time), as DOCX and PDF. It lists every petition, so
/// only the hall's staff read it, as with a meeting's documents.
/// </summary>
public static class PeriodReportEndpoints
{
    public const int FirstYear = 2000, LastYear = 2100;

    public static void MapPeriodReports(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/plans").RequireAntiforgery().RequireAuthorization(p => p.RequireRole(Roles.All));
        group.MapGet("/{id:int}/bao-cao-cap-tren.docx", (int id, MeetingDbContext db, HallClock hall, TimeProvider time, CancellationToken ct) =>
            PlanAsync(id, null, db, hall, time, ct));
        group.MapGet("/{id:int}/bao-cao-cap-tren.pdf", (int id, MeetingDbContext db, HallClock hall, TimeProvider time, PdfRenderer pdf, CancellationToken ct) =>
            PlanAsync(id, pdf, db, hall, time, ct));
        group.MapGet("/years/{year:int}/bao-cao-cap-tren.docx", (int year, MeetingDbContext db, HallClock hall, TimeProvider time, CancellationToken ct) =>
            YearAsync(year, null, db, hall, time, ct));
        group.MapGet("/years/{year:int}/bao-cao-cap-tren.pdf", (int year, MeetingDbContext db, HallClock hall, TimeProvider time, PdfRenderer pdf, CancellationToken ct) =>
            YearAsync(year, pdf, db, hall, time, ct));
    }

    private static async Task<IResult> PlanAsync(int id, PdfRenderer? pdf, MeetingDbContext db, HallClock hall, TimeProvider time, CancellationToken ct)
    {
        var plan = await db.Set<Plan>().AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, ct);
        if (plan is null) return ApiProblems.NotFound("Không tìm thấy kế hoạch.");
        var meetingIds = await db.Set<PlanMeeting>().AsNoTracking().Where(l => l.PlanId == id).Select(l => l.MeetingId).ToListAsync(ct);
        var meetings = await db.Meetings.AsNoTracking().Where(m => meetingIds.Contains(m.Id)).ToListAsync(ct);
        var petitions = await db.Set<Petition>().AsNoTracking()
            .Where(p => p.PlanId == id || (p.MeetingId != null && meetingIds.Contains(p.MeetingId.Value))).ToListAsync(ct);
        var agency = FirstNonEmpty([plan.OrganisingBody, .. meetings.OrderBy(m => m.ScheduledStart).Select(m => m.OrganisingBody)]);
        return await ReportAsync(agency, plan.Title.Trim(), true, meetings, petitions, $"bao-cao-cap-tren-ke-hoach-{id}", pdf, hall, time, ct);
    }

    private static async Task<IResult> YearAsync(int year, PdfRenderer? pdf, MeetingDbContext db, HallClock hall, TimeProvider time, CancellationToken ct)
    {
        if (year is < FirstYear or > LastYear) return ApiProblems.BadRequest($"Năm báo cáo phải từ {FirstYear} đến {LastYear}.");
        var from = hall.ToUtc(new DateTime(year, 1, 1));
        var to = hall.ToUtc(new DateTime(year + 1, 1, 1));
        var meetings = await db.Meetings.AsNoTracking().Where(m => m.ScheduledStart >= from && m.ScheduledStart < to).ToListAsync(ct);
        // By the day each was received, not the day it was entered: an imported list of last year stays in last year.
        var firstDay = new DateOnly(year, 1, 1);
        var nextYear = firstDay.AddYears(1);
        var petitions = await db.Set<Petition>().AsNoTracking().Where(p => p.ReceivedOn >= firstDay && p.ReceivedOn < nextYear).ToListAsync(ct);
        var plans = await db.Set<Plan>().AsNoTracking().Where(p => p.Year == year).OrderBy(p => p.Id).Select(p => p.OrganisingBody).ToListAsync(ct);
        var agency = FirstNonEmpty([.. plans, .. meetings.OrderBy(m => m.ScheduledStart).Select(m => m.OrganisingBody)]);
        return await ReportAsync(agency, $"năm {year}", false, meetings, petitions, $"bao-cao-cap-tren-nam-{year}", pdf, hall, time, ct);
    }

    private static async Task<IResult> ReportAsync(string agency, string period, bool isPlan, List<Meeting> meetings, List<Petition> petitions,
        string fileName, PdfRenderer? pdf, HallClock hall, TimeProvider time, CancellationToken ct)
    {
        if (agency.Length == 0) return ApiProblems.Conflict("Chưa có tên cơ quan tổ chức đối thoại (nhập ở trang Kế hoạch hoặc Thiết lập hội nghị).");
        var ordered = meetings.OrderBy(m => m.ScheduledStart).ThenBy(m => m.Id).ToList();
        // The chair of the latest meeting signs for the body that held them.
        var chair = ordered.LastOrDefault(m => m.ChairName.Trim().Length > 0);
        var signer = DocumentWording.ChairSignature(agency, chair?.ChairTitle ?? "Chủ tịch", chair?.ChairName.Trim() ?? "");
        var input = new PeriodReportInput(agency, MinutesComposer.PlaceNameOf(agency), period, isPlan,
            ordered.Select(m => new PeriodMeeting(m.Id, m.Title, DateOnly.FromDateTime(hall.ToHall(m.ScheduledStart)), m.Place)).ToList(),
            petitions.OrderBy(p => p.Id).ToList(), signer, PetitionDeadlines.Today(time, hall));
        return await MeetingDocumentEndpoints.FileAsync(DocxWriter.Write(PeriodReportComposer.Compose(input)), fileName, pdf, ct);
    }

    private static string FirstNonEmpty(IEnumerable<string> candidates) =>
        candidates.Select(c => c.Trim()).FirstOrDefault(c => c.Length > 0) ?? "";
}
