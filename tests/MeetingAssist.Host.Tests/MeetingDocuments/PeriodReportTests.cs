using MeetingAssist.Host.Documents;
using MeetingAssist.Host.MeetingDocuments;
using MeetingAssist.Host.Petitions;

namespace MeetingAssist.Host.Tests.MeetingDocuments;

/// <summary>
/// The report to the upper level over a plan, from seven petitions whose right figures are worked out by hand below
/// (on Tuesday 30/06/2026): two meetings and one petition received outside them.
/// </summary>
public class PeriodReportTests
{
    public static readonly DateOnly Today = new(2026, 6, 30);

    private static Petition Make(int id, PetitionKind kind, string field, PetitionStatus status, string? department, int? meetingId,
        PetitionSource source, DateOnly? due = null, DateOnly? answered = null, AuthorityLevel level = AuthorityLevel.Commune) => new()
    {
        Id = id, Kind = kind, Petitioner = $"Người kiến nghị {id}", Address = "Thôn Đông", Field = field, Status = status, Department = department,
        MeetingId = meetingId, PlanId = 1, Source = source, DueDate = due, AnsweredOn = answered, Level = level,
        Content = $"Nội dung kiến nghị số {id} về đường liên thôn", CreatedUtc = new DateTime(2026, 3, 1, 2, 0, 0, DateTimeKind.Utc),
    };

    /// <summary>
    /// 1 answered before its due date; 2 answered five days late; 3 still assigned, due 20/05, so overdue (41 days);
    /// 4 due 15/07, not yet; 5 an opinion; 6 forwarded up, no due date, outside any meeting; 7 due 01/06 but extended
    /// to 10/07 with a reason, so not overdue.
    /// </summary>
    public static List<Petition> Seeded()
    {
        var extended = Make(7, PetitionKind.Request, "Đất đai", PetitionStatus.Assigned, "Phòng Kinh tế", 2, PetitionSource.Letter, new DateOnly(2026, 7, 10));
        extended.ExtensionReason = "Chờ đo đạc lại ranh giới";
        return
        [
            Make(1, PetitionKind.Request, "Đất đai", PetitionStatus.Resolved, "Phòng Kinh tế", 1, PetitionSource.FatherlandFront, new(2026, 4, 10), new(2026, 4, 8)),
            Make(2, PetitionKind.Request, "Đất đai", PetitionStatus.Answered, "Phòng Kinh tế", 1, PetitionSource.Questionnaire, new(2026, 4, 10), new(2026, 4, 15)),
            Make(3, PetitionKind.Request, "Môi trường", PetitionStatus.Assigned, "Phòng Tài nguyên và Môi trường", 2, PetitionSource.AtMeeting, new(2026, 5, 20)),
            Make(4, PetitionKind.Request, "Môi trường", PetitionStatus.WrittenAnswerNeeded, "Phòng Tài nguyên và Môi trường", 2, PetitionSource.AtMeeting, new(2026, 7, 15)),
            Make(5, PetitionKind.Opinion, "Hạ tầng giao thông – thủy lợi", PetitionStatus.New, null, 1, PetitionSource.PublicPage),
            Make(6, PetitionKind.Request, "", PetitionStatus.ForwardedUp, "Phòng Kinh tế", null, PetitionSource.Email, answered: new(2026, 5, 1), level: AuthorityLevel.Province),
            extended,
        ];
    }

    public static PeriodReportInput Input(List<Petition>? petitions = null) => new(
        "ỦY BAN NHÂN DÂN XÃ KIẾN MINH", "Kiến Minh", "Kế hoạch đối thoại năm 2026", true,
        [new PeriodMeeting(1, "Hội nghị đối thoại quý I", new DateOnly(2026, 3, 20), "Nhà văn hóa thôn Đông"),
         new PeriodMeeting(2, "Hội nghị đối thoại với hộ kinh doanh", new DateOnly(2026, 5, 8), "Hội trường Ủy ban nhân dân xã")],
        petitions ?? Seeded(), DocumentWording.ChairSignature("ỦY BAN NHÂN DÂN XÃ KIẾN MINH", "Chủ tịch UBND xã", "Phạm Văn Hùng"), Today);

    [Fact]
    public void Tally_CountsBySeededHand_AndUsesTheRegistrysOverdueRule()
    {
        var tally = PetitionTally.Of(Seeded(), Today);
        Assert.Equal(7, tally.Total);
        Assert.Equal(6, tally.Requests);
        Assert.Equal(2, tally.AtMeeting);
        Assert.Equal([new("Đất đai", 3), new("Hạ tầng giao thông – thủy lợi", 1), new("Môi trường", 2), new("Chưa phân loại", 1)], tally.ByField);
        Assert.Equal([new("Mới", 1), new("Đã phân công", 2), new("Đã có trả lời", 1), new("Cần trả lời bằng văn bản", 1), new("Chuyển cấp trên", 1), new("Đã giải quyết", 1)],
            tally.ByStatus);
        Assert.Equal([new("Cấp xã", 6), new("Cấp tỉnh", 1)], tally.ByLevel);
        Assert.Equal([new("Phòng Kinh tế", 4), new("Phòng Tài nguyên và Môi trường", 2), new("Chưa phân công", 1)], tally.ByDepartment);
        Assert.Equal(1, tally.AnsweredOnTime);
        Assert.Equal(1, tally.AnsweredLate);
        Assert.Equal([3], tally.Overdue.Select(p => p.Id));
        Assert.Equal(3, tally.FallenDue);
        Assert.Equal(33.3, tally.OnTimeRate);
        // The same registry rule the list and dashboard use.
        Assert.Equal(Seeded().Where(p => PetitionRules.IsOverdue(p, Today)).Select(p => p.Id), tally.Overdue.Select(p => p.Id));
        // A day after the extension ran out, number 7 is overdue too; with nothing fallen due there is no rate.
        Assert.Equal([3, 7], PetitionTally.Of(Seeded(), new DateOnly(2026, 7, 11)).Overdue.Select(p => p.Id));
        Assert.Null(PetitionTally.Of(Seeded().Where(p => p.Id is 4 or 5 or 7), Today).OnTimeRate);
    }

    [Fact]
    public void PlanReport_GivesTheMeetingsTheCountsAndTheOverdue_InTheStateFormat()
    {
        var document = PeriodReportComposer.Compose(Input());
        var docx = DocxWriter.Write(document);
        StateFormatChecklist.Check(docx, "BÁO CÁO");
        Assert.Equal("Số:      /BC-UBND", document.Header.Number);
        var texts = StateFormatChecklist.Texts(docx);
        MeetingDocumentCompositionTests.AssertInOrder(texts, "BÁO CÁO",
            "Kết quả tổ chức đối thoại và giải quyết ý kiến, kiến nghị của Nhân dân theo Kế hoạch đối thoại năm 2026",
            "I. KẾT QUẢ TỔ CHỨC ĐỐI THOẠI",
            "Thực hiện Kế hoạch đối thoại năm 2026, Ủy ban nhân dân xã Kiến Minh đã tổ chức 2 hội nghị đối thoại:",
            "1. Hội nghị đối thoại quý I, ngày 20/03/2026, tại Nhà văn hóa thôn Đông: 3 ý kiến, kiến nghị.",
            "2. Hội nghị đối thoại với hộ kinh doanh, ngày 08/05/2026, tại Hội trường Ủy ban nhân dân xã: 3 ý kiến, kiến nghị.",
            "Ngoài hội nghị, Ủy ban nhân dân xã Kiến Minh tiếp nhận 1 ý kiến, kiến nghị",
            "II. TỔNG HỢP Ý KIẾN, KIẾN NGHỊ",
            "Tổng số: 7 ý kiến, kiến nghị (6 kiến nghị, 1 ý kiến), gồm 5 thu thập trước và ngoài hội nghị, 2 nêu tại hội nghị.",
            "Theo lĩnh vực: Đất đai 3; Hạ tầng giao thông – thủy lợi 1; Môi trường 2; Chưa phân loại 1.",
            "Theo trạng thái: Mới 1; Đã phân công 2; Đã có trả lời 1; Cần trả lời bằng văn bản 1; Chuyển cấp trên 1; Đã giải quyết 1.",
            "Theo thẩm quyền giải quyết: Cấp xã 6; Cấp tỉnh 1.",
            "Theo cơ quan được giao: Phòng Kinh tế 4; Phòng Tài nguyên và Môi trường 2; Chưa phân công 1.",
            "III. KẾT QUẢ TRẢ LỜI, GIẢI QUYẾT",
            "Tỷ lệ trả lời đúng hạn: 33,3% (1/3 kiến nghị đã đến hạn: 1 trả lời đúng hạn, 1 trả lời quá hạn, 1 quá hạn chưa trả lời).",
            "Kiến nghị quá hạn chưa trả lời: 1 (đến ngày 30/06/2026), gồm: Phòng Tài nguyên và Môi trường 1.",
            "1. Người kiến nghị 3 (Thôn Đông): Nội dung kiến nghị số 3 về đường liên thôn. Giao Phòng Tài nguyên và Môi trường, hạn 20/05/2026, quá hạn 41 ngày.",
            "Ủy ban nhân dân xã Kiến Minh báo cáo Ủy ban nhân dân tỉnh biết, chỉ đạo./.",
            "Nơi nhận:", "- Ủy ban nhân dân tỉnh (để báo cáo);", "- Lưu: VT.", "TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "Phạm Văn Hùng");
    }

    [Fact]
    public void YearReport_WithoutMeetingsOrDueDates_SaysSo()
    {
        var input = Input([]) with { Period = "năm 2027", IsPlan = false, Meetings = [] };
        var document = PeriodReportComposer.Compose(input);
        var docx = DocxWriter.Write(document);
        StateFormatChecklist.Check(docx, "BÁO CÁO");
        MeetingDocumentCompositionTests.AssertInOrder(StateFormatChecklist.Texts(docx),
            "Kết quả tổ chức đối thoại và giải quyết ý kiến, kiến nghị của Nhân dân năm 2027",
            "Trong năm 2027, Ủy ban nhân dân xã Kiến Minh chưa tổ chức hội nghị đối thoại nào.",
            "Tổng số: 0 ý kiến, kiến nghị", "Tỷ lệ trả lời đúng hạn: đến ngày 30/06/2026 chưa có kiến nghị nào đến hạn trả lời.",
            "Đến ngày 30/06/2026, không có kiến nghị nào quá hạn trả lời.");
    }
}
