using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MeetingAssist.Host.Data;
using MeetingAssist.Host.Meetings;
using MeetingAssist.Host.Petitions;
using MeetingAssist.Host.Plans;
using MeetingAssist.Host.Tests.Integration;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MeetingAssist.Host.Tests.MeetingDocuments;

/// <summary>
/// The plan and year reports through the real server, from a registry seeded in 2025 whose figures are known: every
/// due date lies in 2025 or in 2099, so today's date (some day after 2025) decides nothing.
/// </summary>
public class PeriodReportApiTests
{
    private static DateTime Utc(int year, int month, int day) => new(year, month, day, 1, 0, 0, DateTimeKind.Utc);

    private static Petition Make(string who, PetitionKind kind, string field, PetitionStatus status, string? department, int? meetingId, int? planId,
        DateTime created, DateOnly? due = null, DateOnly? answered = null, AuthorityLevel level = AuthorityLevel.Commune) => new()
    {
        Petitioner = who, Address = "Thôn Đông", Kind = kind, Field = field, Status = status, Department = department, MeetingId = meetingId, PlanId = planId,
        Source = PetitionSource.Letter, DueDate = due, AnsweredOn = answered, Level = level, Content = "Đường liên thôn xuống cấp",
        ReceivedOn = DateOnly.FromDateTime(created.AddHours(7)), CreatedUtc = created, UpdatedUtc = created,
    };

    /// <summary>Plan 2025 with two meetings, a third meeting of 2025 outside it, and one petition of 2024.</summary>
    private static async Task<int> SeedAsync(MeetingHostFactory host)
    {
        var factory = host.Services.GetRequiredService<IDbContextFactory<MeetingDbContext>>();
        await using var db = await factory.CreateDbContextAsync();
        var plan = new Plan { Year = 2025, Title = "Kế hoạch đối thoại năm 2025", OrganisingBody = "Ủy ban nhân dân xã Kiến Minh" };
        Meeting Meeting(string title, DateTime at) => new() { Title = title, ScheduledStart = at, ChairName = "Phạm Văn Hùng", ChairTitle = "Chủ tịch UBND xã", Place = "Nhà văn hóa thôn Đông" };
        var first = Meeting("Hội nghị đối thoại quý II", Utc(2025, 4, 10));
        var second = Meeting("Hội nghị đối thoại quý III", Utc(2025, 9, 5));
        var outside = Meeting("Hội nghị đối thoại với doanh nghiệp", Utc(2025, 11, 14));
        db.AddRange(plan, first, second, outside);
        await db.SaveChangesAsync();
        db.AddRange(new PlanMeeting { PlanId = plan.Id, MeetingId = first.Id }, new PlanMeeting { PlanId = plan.Id, MeetingId = second.Id });
        db.AddRange(
            Make("Nguyễn Văn An", PetitionKind.Request, "Đất đai", PetitionStatus.Resolved, "Phòng Kinh tế", first.Id, null, Utc(2025, 4, 1), new(2025, 4, 20), new(2025, 4, 18)),
            Make("Trần Thị Bình", PetitionKind.Request, "Đất đai", PetitionStatus.Assigned, "Phòng Kinh tế", first.Id, null, Utc(2025, 4, 2), new(2025, 5, 1)),
            Make("Lê Văn Cường", PetitionKind.Opinion, "Môi trường", PetitionStatus.New, null, second.Id, null, Utc(2025, 8, 20)),
            Make("Phạm Thị Dung", PetitionKind.Request, "Môi trường", PetitionStatus.WrittenAnswerNeeded, "Phòng Tài nguyên và Môi trường", null, plan.Id,
                Utc(2025, 6, 3), new(2099, 1, 1), level: AuthorityLevel.Province),
            Make("Hoàng Văn Em", PetitionKind.Request, "Đất đai", PetitionStatus.Answered, "Phòng Kinh tế", outside.Id, null, Utc(2025, 11, 14), new(2025, 10, 1), new(2025, 10, 5)),
            Make("Đỗ Thị Giang", PetitionKind.Request, "Đất đai", PetitionStatus.Answered, "Phòng Kinh tế", null, null, Utc(2024, 12, 30), new(2025, 1, 10), new(2025, 1, 9)));
        await db.SaveChangesAsync();
        return plan.Id;
    }

    [Fact]
    public async Task PlanAndYearReports_CountTheSeededRegistry_AndRefuseWhatDoesNotExist()
    {
        await using var host = MeetingHostFactory.Start();
        var planId = await SeedAsync(host);
        await using var secretary = await host.ClientAsync("secretary");

        var plan = await secretary.Http.GetAsync($"/api/plans/{planId}/bao-cao-cap-tren.docx");
        Assert.Equal(HttpStatusCode.OK, plan.StatusCode);
        Assert.Equal($"bao-cao-cap-tren-ke-hoach-{planId}.docx", plan.Content.Headers.ContentDisposition?.FileNameStar ?? plan.Content.Headers.ContentDisposition?.FileName);
        var planDocx = await plan.Content.ReadAsByteArrayAsync();
        StateFormatChecklist.Check(planDocx, "BÁO CÁO");
        // The plan: its two meetings' petitions and the one it holds itself; not the third meeting's, not 2024's.
        MeetingDocumentCompositionTests.AssertInOrder(StateFormatChecklist.Texts(planDocx),
            "Kết quả tổ chức đối thoại và giải quyết ý kiến, kiến nghị của Nhân dân theo Kế hoạch đối thoại năm 2025",
            "Thực hiện Kế hoạch đối thoại năm 2025, Ủy ban nhân dân xã Kiến Minh đã tổ chức 2 hội nghị đối thoại:",
            "1. Hội nghị đối thoại quý II, ngày 10/04/2025, tại Nhà văn hóa thôn Đông: 2 ý kiến, kiến nghị.",
            "2. Hội nghị đối thoại quý III, ngày 05/09/2025, tại Nhà văn hóa thôn Đông: 1 ý kiến, kiến nghị.",
            "Ngoài hội nghị, Ủy ban nhân dân xã Kiến Minh tiếp nhận 1 ý kiến, kiến nghị",
            "Tổng số: 4 ý kiến, kiến nghị (3 kiến nghị, 1 ý kiến)",
            "Theo lĩnh vực: Đất đai 2; Môi trường 2.",
            "Theo trạng thái: Mới 1; Đã phân công 1; Cần trả lời bằng văn bản 1; Đã giải quyết 1.",
            "Theo thẩm quyền giải quyết: Cấp xã 3; Cấp tỉnh 1.",
            "Theo cơ quan được giao: Phòng Kinh tế 2; Phòng Tài nguyên và Môi trường 1; Chưa phân công 1.",
            "Tỷ lệ trả lời đúng hạn: 50% (1/2 kiến nghị đã đến hạn: 1 trả lời đúng hạn, 0 trả lời quá hạn, 1 quá hạn chưa trả lời).",
            "1. Trần Thị Bình (Thôn Đông): Đường liên thôn xuống cấp. Giao Phòng Kinh tế, hạn 01/05/2025",
            "TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "Phạm Văn Hùng");

        // The year: the three meetings held in 2025 and the five petitions received in it.
        var yearDocx = await secretary.Http.GetByteArrayAsync("/api/plans/years/2025/bao-cao-cap-tren.docx");
        StateFormatChecklist.Check(yearDocx, "BÁO CÁO");
        MeetingDocumentCompositionTests.AssertInOrder(StateFormatChecklist.Texts(yearDocx),
            "Kết quả tổ chức đối thoại và giải quyết ý kiến, kiến nghị của Nhân dân năm 2025",
            "Trong năm 2025, Ủy ban nhân dân xã Kiến Minh đã tổ chức 3 hội nghị đối thoại:",
            "3. Hội nghị đối thoại với doanh nghiệp, ngày 14/11/2025, tại Nhà văn hóa thôn Đông: 1 ý kiến, kiến nghị.",
            "Tổng số: 5 ý kiến, kiến nghị (4 kiến nghị, 1 ý kiến)",
            "Theo lĩnh vực: Đất đai 3; Môi trường 2.",
            "Theo cơ quan được giao: Phòng Kinh tế 3; Phòng Tài nguyên và Môi trường 1; Chưa phân công 1.",
            "Tỷ lệ trả lời đúng hạn: 33,3% (1/3 kiến nghị đã đến hạn: 1 trả lời đúng hạn, 1 trả lời quá hạn, 1 quá hạn chưa trả lời).");
        Assert.DoesNotContain(StateFormatChecklist.Texts(yearDocx), t => t.Contains("Đỗ Thị Giang", StringComparison.Ordinal));

        var noPlan = await secretary.Http.GetAsync("/api/plans/987654/bao-cao-cap-tren.docx");
        Assert.Equal(HttpStatusCode.NotFound, noPlan.StatusCode);
        Assert.Equal("Không tìm thấy kế hoạch.", (await noPlan.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
        var badYear = await secretary.Http.GetAsync("/api/plans/years/1900/bao-cao-cap-tren.docx");
        Assert.Equal(HttpStatusCode.BadRequest, badYear.StatusCode);
        Assert.Equal("Năm báo cáo phải từ 2000 đến 2100.", (await badYear.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
        // A year with nothing and no organising body to report for.
        var empty = await secretary.Http.GetAsync("/api/plans/years/2031/bao-cao-cap-tren.docx");
        Assert.Equal(HttpStatusCode.Conflict, empty.StatusCode);
        await using var department = await host.ClientAsync("department");
        Assert.Equal(HttpStatusCode.Forbidden, (await department.Http.GetAsync($"/api/plans/{planId}/bao-cao-cap-tren.docx")).StatusCode);
    }
}
