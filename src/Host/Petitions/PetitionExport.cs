using System.Globalization;
using System.Security.Claims;
using MeetingAssist.Host.Access;
using MeetingAssist.Host.Calendar;
using MeetingAssist.Host.Common;
using MeetingAssist.Host.Data;
using MeetingAssist.Host.Meetings;
using MeetingAssist.Host.Petitions.Import;
using Microsoft.EntityFrameworkCore;

namespace MeetingAssist.Host.Petitions;

/// <summary>
/// The registry as an .xlsx list in the layout offices use (<see cref="PetitionSheetWriter"/>), under the same filters
/// and the same visibility as the list: a department account exports only what is assigned to its department.
/// </summary>
public static partial class PetitionEndpoints
{
    /// <summary>More rows than an office prints or mails; a bigger export is refused so one click cannot hold the server.</summary>
    public const int MaxExportRows = 10_000;

    private static async Task<IResult> Export([AsParameters] PetitionFilter filter, ClaimsPrincipal user, MeetingDbContext db, TimeProvider time, HallClock hall)
    {
        var viewer = await PetitionViewer.OfAsync(user, db);
        var today = PetitionDeadlines.Today(time, hall);
        var query = Filtered(viewer.Visible(db.Set<Petition>().AsNoTracking()), filter, today);
        var count = await query.CountAsync();
        if (count > MaxExportRows)
            return ApiProblems.BadRequest(
                $"Danh sách đang lọc có {count.ToString("N0", Vietnamese)} kiến nghị, quá {MaxExportRows.ToString("N0", Vietnamese)} dòng cho một tệp. Hãy lọc bớt (theo lĩnh vực, phòng ban, trạng thái) rồi xuất lại.");
        // Grouped by field as the sheet's section rows are, and in the list's order inside each field.
        var petitions = await InListOrder(query).ToListAsync();
        var rows = petitions.OrderBy(p => p.Field.Length == 0).ThenBy(p => p.Field, StringComparer.Create(Vietnamese, false))
            .Select(p => new PetitionExportRow(p.Petitioner, p.Address, p.Content, p.Field, p.Department ?? "", p.Answer ?? "",
                p.DueDate, PetitionLabels.Of(p.Status) + (PetitionRules.IsOverdue(p, today) ? " (quá hạn)" : ""), p.ReceivedOn))
            .ToList();

        var meetingId = filter.MeetingId;
        var agency = await db.Meetings.AsNoTracking()
            .Where(m => m.OrganisingBody != "" && (meetingId == null || m.Id == meetingId))
            .OrderByDescending(m => m.ScheduledStart).Select(m => m.OrganisingBody).FirstOrDefaultAsync() ?? "";
        var subtitle = viewer.IsDepartment ? $"Giao cho: {viewer.Department ?? "(tài khoản chưa gắn phòng ban)"}" : DescribeFilter(filter);
        var title = new PetitionExportTitle(agency, "Danh sách ý kiến, kiến nghị của cử tri", subtitle,
            $"Lập ngày {today.Day} tháng {today.Month} năm {today.Year}");

        var stream = new MemoryStream();
        PetitionSheetWriter.Write(stream, rows, title);
        stream.Position = 0;
        return Results.File(stream, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            $"danh-sach-kien-nghi-{today:yyyy-MM-dd}.xlsx");
    }

    private static readonly CultureInfo Vietnamese = CultureInfo.GetCultureInfo("vi-VN");

    /// <summary>The filters in words under the title, so a printed list says what it holds.</summary>
    private static string? DescribeFilter(PetitionFilter filter)
    {
        var parts = new List<string>();
        if (UserText.Line(filter.Field) is { } field) parts.Add($"lĩnh vực {field}");
        if (UserText.Line(filter.Department) is { } department) parts.Add($"phòng ban {department}");
        if (filter.Status is { } status) parts.Add($"trạng thái «{PetitionLabels.Of(status)}»");
        if (filter.Source is { } source) parts.Add($"nguồn {PetitionLabels.Of(source)}");
        if (filter.DueBefore is { } due) parts.Add($"hạn trước ngày {WorkingCalendar.Format(due)}");
        if (filter.Overdue == true) parts.Add("chỉ kiến nghị quá hạn");
        if (UserText.Line(filter.Q) is { } q) parts.Add($"có chữ «{q}»");
        return parts.Count == 0 ? null : "(" + string.Join("; ", parts) + ")";
    }
}
