using MeetingAssist.Host.Calendar;
using MeetingAssist.Host.Documents;
using MeetingAssist.Host.MeetingDocuments;
using MeetingAssist.Host.Meetings;
using MeetingAssist.Host.Minutes;
using MeetingAssist.Host.Petitions;
using MeetingAssist.Host.Plans;

namespace MeetingAssist.Host.Tests.MeetingDocuments;

/// <summary>
/// Each document of a meeting, composed from one meeting on Friday 24/04/2026 (the Hùng Kings' day falls on Sunday
/// 26/04, so Monday 27/04 is off, then 30/04 and 01/05), written by the shared engine and held to the state format.
/// </summary>
public class MeetingDocumentCompositionTests
{
    public static readonly WorkingCalendar Calendar = new(CalendarSeed.Year2026);

    /// <summary>The notice is issued on Tuesday 28/04/2026, the first working day after the meeting's long weekend.</summary>
    public static readonly DateOnly IssuedOn = new(2026, 4, 28);

    /// <summary>What each sample petitioner asked, as the office would have typed it.</summary>
    public static readonly Dictionary<int, string> Contents = new()
    {
        [1] = "Đề nghị sớm cấp giấy chứng nhận quyền sử dụng đất cho các hộ thôn Đông đã nộp hồ sơ từ năm 2024",
        [2] = "Hồ sơ chuyển mục đích sử dụng đất nộp đã ba tháng chưa có kết quả",
        [3] = "Bãi rác tạm ở cuối thôn Bắc gây ô nhiễm, đề nghị di dời",
        [4] = "Nên lắp thêm đèn chiếu sáng trên tuyến đường liên thôn",
        [5] = "Đề nghị nâng cấp tuyến đường tỉnh 403 đoạn qua xã",
    };

    public static Petition Petition(int id, string who, string address, string field, PetitionStatus status, PetitionSource source,
        string? department, string? answer = null, PetitionKind kind = PetitionKind.Request, AuthorityLevel level = AuthorityLevel.Commune) =>
        new()
        {
            Id = id, Petitioner = who, Address = address, Field = field, Status = status, Source = source, Department = department, Answer = answer,
            Kind = kind, Level = level, MeetingId = 1, Content = Contents[id],
            CreatedUtc = new DateTime(2026, 4, 1, 2, 0, 0, DateTimeKind.Utc),
        };

    public static MeetingDocumentInput Input(DateOnly? today = null)
    {
        var meeting = new Meeting
        {
            Id = 1, Title = "Hội nghị đối thoại giữa người đứng đầu cấp ủy, chính quyền xã Kiến Minh với Nhân dân năm 2026",
            OrganisingBody = "ỦY BAN NHÂN DÂN XÃ KIẾN MINH", ChairName = "Phạm Văn Hùng", ChairTitle = "Phó Bí thư Đảng ủy, Chủ tịch UBND xã",
            Place = "Nhà văn hóa thôn Đông", AudienceGroup = "Nhân dân các thôn Đông, Tây, Bắc",
            ScheduledStart = new DateTime(2026, 4, 24, 1, 0, 0, DateTimeKind.Utc),
            Agenda = [new AgendaItem { Order = 0, Title = "Đất đai, giải phóng mặt bằng" }, new AgendaItem { Order = 1, Title = "Hạ tầng giao thông nông thôn" }],
        };
        var answeredHere = Petition(1, "Nguyễn Văn An", "Thôn Đông", "Đất đai", PetitionStatus.AnsweredAtMeeting, PetitionSource.FatherlandFront,
            "Phòng Kinh tế", "Hồ sơ đã đủ, giấy chứng nhận được cấp trong tháng 5");
        answeredHere.DueDate = new DateOnly(2026, 4, 17);
        answeredHere.AnsweredOn = new DateOnly(2026, 4, 16);
        var late = Petition(2, "Trần Thị Bình", "Thôn Tây", "Đất đai", PetitionStatus.Assigned, PetitionSource.Questionnaire, "Phòng Kinh tế");
        late.DueDate = new DateOnly(2026, 4, 17);
        var written = Petition(3, "Lê Văn Cường", "Thôn Bắc", "Môi trường", PetitionStatus.WrittenAnswerNeeded, PetitionSource.AtMeeting,
            "Phòng Tài nguyên và Môi trường");
        // As the chair's mark at the meeting set it: 7 working days from the meeting day.
        PetitionDeadlines.SetDue(written, new DateOnly(2026, 4, 24), 7, Calendar, "Trả lời bằng văn bản");
        var opinion = Petition(4, "Phạm Thị Dung", "Tổ dân phố 3", "Hạ tầng giao thông – thủy lợi", PetitionStatus.New, PetitionSource.PublicPage, null,
            kind: PetitionKind.Opinion);
        var forwarded = Petition(5, "Hoàng Văn Em", "Thôn Đông", "", PetitionStatus.ForwardedUp, PetitionSource.Email, "Phòng Kinh tế",
            "Nội dung thuộc thẩm quyền của tỉnh", level: AuthorityLevel.Province);
        return new MeetingDocumentInput(meeting, new DateTime(2026, 4, 24, 8, 0, 0), meeting.OrganisingBody, "", "Kiến Minh", "Kế hoạch đối thoại năm 2026",
            new DeadlineRules(), Calendar, [answeredHere, late, written, opinion, forwarded],
            [new MinutesResponder("Nguyễn Thị Minh", "Trưởng phòng Kinh tế")],
            ["Đất đai, giải phóng mặt bằng", "Hạ tầng giao thông nông thôn"],
            ["Giao Phòng Kinh tế hoàn thành cấp giấy chứng nhận trong tháng 5.", "Sửa đường liên thôn trước mùa mưa."],
            [new AttendanceCount("Nhân dân", 120), new AttendanceCount("Đại biểu", 15)],
            "http://192.168.1.10:5080/opinion?m=1", today ?? IssuedOn);
    }

    private static (StateDocument Document, List<string> Texts) Write(MeetingDocumentKind kind, MeetingDocumentInput? input = null)
    {
        var document = MeetingDocumentComposer.Compose(kind, input ?? Input());
        var docx = DocxWriter.Write(document);
        StateFormatChecklist.Check(docx, document.Title);
        return (document, StateFormatChecklist.Texts(docx));
    }

    internal static void AssertInOrder(List<string> texts, params string[] expected)
    {
        var at = -1;
        foreach (var line in expected)
        {
            var found = texts.FindIndex(at + 1, t => t.Contains(line, StringComparison.Ordinal));
            Assert.True(found > at, $"Missing or out of order: «{line}»\n---\n{string.Join("\n", texts)}");
            at = found;
        }
    }

    [Fact]
    public void Notice_GivesTimePlaceContent_AndTheDayOpinionsAreDue_WithThePublicPage()
    {
        var (document, texts) = Write(MeetingDocumentKind.Notice);
        Assert.Equal("Số:      /TB-UBND", document.Header.Number);
        Assert.Equal("Kiến Minh, ngày 28 tháng 4 năm 2026", document.Header.PlaceAndDate);
        AssertInOrder(texts,
            "ỦY BAN NHÂN DÂN XÃ KIẾN MINH", "THÔNG BÁO", "Về việc tổ chức hội nghị đối thoại giữa người đứng đầu cấp ủy",
            "Thực hiện Kế hoạch đối thoại năm 2026, Ủy ban nhân dân xã Kiến Minh thông báo tổ chức hội nghị đối thoại",
            "1. Thời gian: 08 giờ 00 phút, Thứ Sáu ngày 24 tháng 4 năm 2026.",
            "2. Địa điểm: Nhà văn hóa thôn Đông.",
            "3. Thành phần: Nhân dân các thôn Đông, Tây, Bắc; đại diện các cơ quan chuyên môn có liên quan.",
            "4. Nội dung: đất đai, giải phóng mặt bằng; hạ tầng giao thông nông thôn.",
            // Five working days before Friday 24/04 is Friday 17/04.
            "5. Gửi ý kiến, kiến nghị trước hội nghị: Nhân dân gửi ý kiến, kiến nghị trước ngày 17/04/2026",
            "Nơi nhận:", "TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "Phạm Văn Hùng");
        Assert.Contains(texts, t => t.Contains("trực tuyến tại địa chỉ http://192.168.1.10:5080/opinion?m=1", StringComparison.Ordinal));
    }

    [Fact]
    public void ASingleSigner_SignsOnTheRight_WithNơiNhậnOnTheLeft()
    {
        var docx = DocxWriter.Write(MeetingDocumentComposer.Compose(MeetingDocumentKind.Notice, Input()));
        using var doc = DocumentFormat.OpenXml.Packaging.WordprocessingDocument.Open(new MemoryStream(docx), false);
        var body = doc.MainDocumentPart!.Document!.Body!;
        var table = body.Elements<DocumentFormat.OpenXml.Wordprocessing.Table>().Last();
        var cells = table.Descendants<DocumentFormat.OpenXml.Wordprocessing.TableCell>().ToList();
        Assert.Equal(2, cells.Count);
        var left = cells[0].Elements<DocumentFormat.OpenXml.Wordprocessing.Paragraph>().Select(p => p.InnerText).ToList();
        Assert.Equal("Nơi nhận:", left[0]);
        Assert.Equal("- Lưu: VT.", left[^1]);
        var right = cells[1].Elements<DocumentFormat.OpenXml.Wordprocessing.Paragraph>().Select(p => p.InnerText).Where(t => t.Length > 0).ToList();
        Assert.Equal(["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "(Ký, ghi rõ họ tên)", "Phạm Văn Hùng"], right);
        // Nothing follows the signature: the recipients are not printed a second time below it.
        Assert.Empty(table.ElementsAfter().OfType<DocumentFormat.OpenXml.Wordprocessing.Paragraph>());
        var widths = table.GetFirstChild<DocumentFormat.OpenXml.Wordprocessing.TableGrid>()!.Elements<DocumentFormat.OpenXml.Wordprocessing.GridColumn>()
            .Select(c => int.Parse(c.Width!.Value!)).ToList();
        Assert.True(widths[1] > widths[0], "The signature's column is the wider, on the right.");
    }

    [Fact]
    public void Invitation_NamesTheResponders_AndInvitesEveryOtherDepartment_WithItsPetitionCount()
    {
        var (document, texts) = Write(MeetingDocumentKind.Invitation);
        Assert.Equal("Số:      /GM-UBND", document.Header.Number);
        AssertInOrder(texts, "GIẤY MỜI", "Ủy ban nhân dân xã Kiến Minh trân trọng kính mời:", "- Nguyễn Thị Minh, Trưởng phòng Kinh tế;",
            "- Lãnh đạo Phòng Tài nguyên và Môi trường.", "Tới dự hội nghị đối thoại", "Thời gian: 08 giờ 00 phút, Thứ Sáu ngày 24 tháng 4 năm 2026.",
            "trước ngày 17/04/2026 (5 ngày làm việc trước ngày hội nghị)", "- Phòng Kinh tế: 3 kiến nghị.",
            "Nơi nhận:", "- Nguyễn Thị Minh, Trưởng phòng Kinh tế;", "- Lãnh đạo Phòng Tài nguyên và Môi trường;", "- Lưu: VT.");
        // The Phòng Kinh tế's head is invited by name, not a second time as a department.
        Assert.DoesNotContain(texts, t => t.Contains("Lãnh đạo Phòng Kinh tế", StringComparison.Ordinal));
    }

    [Fact]
    public void Invitation_PrintsTheOfficesChosenInvitees_InOrder_InTheListAndInNơiNhận()
    {
        var input = Input() with { Invitees = ["Ông Trần Văn Sơn, Chủ tịch Ủy ban MTTQ xã", "Lãnh đạo Phòng Kinh tế", "Bí thư Chi bộ thôn Đông"] };
        var (_, texts) = Write(MeetingDocumentKind.Invitation, input);
        AssertInOrder(texts, "GIẤY MỜI", "trân trọng kính mời:", "- Ông Trần Văn Sơn, Chủ tịch Ủy ban MTTQ xã;", "- Lãnh đạo Phòng Kinh tế;",
            "- Bí thư Chi bộ thôn Đông.", "Tới dự hội nghị đối thoại",
            "Nơi nhận:", "- Ông Trần Văn Sơn, Chủ tịch Ủy ban MTTQ xã;", "- Lãnh đạo Phòng Kinh tế;", "- Bí thư Chi bộ thôn Đông;", "- Lưu: VT.");
        // Only whom the office chose: the responder it left out is not invited.
        Assert.DoesNotContain(texts, t => t.Contains("Nguyễn Thị Minh", StringComparison.Ordinal));
        Assert.DoesNotContain(texts, t => t.Contains("Phòng Tài nguyên và Môi trường;", StringComparison.Ordinal));
    }

    [Fact]
    public void Questionnaire_HasLinesToFillIn_TheFields_AndNoNumber()
    {
        var (document, texts) = Write(MeetingDocumentKind.Questionnaire);
        Assert.Equal("", document.Header.Number);
        AssertInOrder(texts, "PHIẾU HỎI Ý KIẾN", "Hội nghị tổ chức vào 08 giờ 00 phút, Thứ Sáu ngày 24 tháng 4 năm 2026 tại Nhà văn hóa thôn Đông.",
            "Họ và tên: ....", "Thôn, tổ dân phố: ....", "Lĩnh vực (khoanh tròn): Đất đai; Giải phóng mặt bằng;", "Nội dung ý kiến, kiến nghị:",
            "trước ngày 17/04/2026; ông (bà) cũng có thể gửi ý kiến trên trang góp ý trực tuyến http://192.168.1.10:5080/opinion?m=1 . Xin trân trọng cảm ơn ông (bà)./.",
            "NGƯỜI GHI PHIẾU");
        Assert.Equal(6, texts.Count(t => t.StartsWith("......", StringComparison.Ordinal)));
        Assert.DoesNotContain("Nơi nhận:", texts);
    }

    [Fact]
    public void AnswersReport_GroupsThePetitionsCollectedBefore_ByField_WithEachAnswerOrItsDepartment()
    {
        var (document, texts) = Write(MeetingDocumentKind.AnswersReport);
        Assert.Equal("Số:      /BC-UBND", document.Header.Number);
        AssertInOrder(texts, "BÁO CÁO", "Kết quả trả lời ý kiến, kiến nghị của Nhân dân trước hội nghị đối thoại",
            "(hạn trả lời: Thứ Sáu, 17/04/2026, 5 ngày làm việc trước ngày hội nghị)",
            "Tổng số: 4 ý kiến, kiến nghị (3 kiến nghị, 1 ý kiến), thuộc 3 lĩnh vực.",
            "Theo nguồn tiếp nhận: Mặt trận Tổ quốc 1; Phiếu hỏi 1; Thư điện tử 1; Trang công khai 1.",
            "Kết quả: đã có trả lời 2; chưa có trả lời 2.",
            "1. Lĩnh vực đất đai (2 ý kiến, kiến nghị)",
            "1.1. Nguyễn Văn An (Thôn Đông): Đề nghị sớm cấp giấy chứng nhận quyền sử dụng đất cho các hộ thôn Đông đã nộp hồ sơ từ năm 2024.",
            "Trả lời (Phòng Kinh tế): Hồ sơ đã đủ, giấy chứng nhận được cấp trong tháng 5.",
            "1.2. Trần Thị Bình (Thôn Tây)", "Chưa có trả lời: đã giao Phòng Kinh tế, hạn trả lời 17/04/2026.",
            "2. Lĩnh vực hạ tầng giao thông – thủy lợi (1 ý kiến, kiến nghị)", "2.1. Phạm Thị Dung (Tổ dân phố 3)",
            "Chưa có trả lời: chưa phân công cơ quan trả lời.",
            "3. Lĩnh vực chưa phân loại (1 ý kiến, kiến nghị)", "3.1. Hoàng Văn Em (Thôn Đông)");
        // Raised on the floor, not collected beforehand.
        Assert.DoesNotContain(texts, t => t.Contains("Lê Văn Cường", StringComparison.Ordinal));
    }

    [Fact]
    public void ConclusionNotice_GivesEachAssignmentItsDepartmentAndWorkingDayDeadline()
    {
        var (document, texts) = Write(MeetingDocumentKind.ConclusionNotice);
        Assert.Equal("Số:      /TB-UBND", document.Header.Number);
        Assert.Equal("Kiến Minh, ngày 28 tháng 4 năm 2026", document.Header.PlaceAndDate);
        AssertInOrder(texts, "THÔNG BÁO",
            "Kết luận của đồng chí Phạm Văn Hùng tại hội nghị đối thoại",
            "Vào 08 giờ 00 phút, Thứ Sáu ngày 24 tháng 4 năm 2026, tại Nhà văn hóa thôn Đông, Ủy ban nhân dân xã Kiến Minh tổ chức",
            "I. KẾT LUẬN CHUNG", "Về đất đai, giải phóng mặt bằng: Giao Phòng Kinh tế hoàn thành cấp giấy chứng nhận trong tháng 5.",
            "Về hạ tầng giao thông nông thôn: Sửa đường liên thôn trước mùa mưa.",
            "II. CÁC Ý KIẾN, KIẾN NGHỊ ĐÃ ĐƯỢC TRẢ LỜI, TIẾP THU",
            "1. Nguyễn Văn An (Thôn Đông): Đề nghị sớm cấp giấy chứng nhận quyền sử dụng đất cho các hộ thôn Đông đã nộp hồ sơ từ năm 2024. Phòng Kinh tế trả lời: Hồ sơ đã đủ, giấy chứng nhận được cấp trong tháng 5.",
            "2. Phạm Thị Dung (Tổ dân phố 3): Nên lắp thêm đèn chiếu sáng trên tuyến đường liên thôn. Hội nghị ghi nhận, tiếp thu ý kiến.",
            "III. GIAO TRẢ LỜI, GIẢI QUYẾT BẰNG VĂN BẢN",
            // Assigned, with no date of its own yet: 7 working days from the notice (Tue 28/04), skipping 30/04, 01/05
            // and two weekends.
            "1. Giao Phòng Kinh tế: trả lời bằng văn bản kiến nghị của Trần Thị Bình (Thôn Tây) về nội dung: Hồ sơ chuyển mục đích sử dụng đất nộp đã ba tháng chưa có kết quả. " +
            "Thời hạn: Thứ Hai, 11/05/2026 (7 ngày làm việc kể từ ngày ban hành thông báo này).",
            // Marked at the meeting: 7 working days from Fri 24/04, skipping Mon 27/04 (Giỗ Tổ moved off Sunday), 30/04, 01/05.
            "2. Giao Phòng Tài nguyên và Môi trường: trả lời bằng văn bản kiến nghị của Lê Văn Cường (Thôn Bắc) về nội dung: Bãi rác tạm ở cuối thôn Bắc gây ô nhiễm, đề nghị di dời. " +
            "Thời hạn: Thứ Sáu, 08/05/2026 (7 ngày làm việc kể từ ngày 24/04/2026).",
            "IV. KIẾN NGHỊ CHUYỂN CẤP TRÊN",
            "1. Hoàng Văn Em (Thôn Đông): Đề nghị nâng cấp tuyến đường tỉnh 403 đoạn qua xã. Nội dung thuộc thẩm quyền cấp tỉnh",
            "thông báo để các cơ quan, đơn vị, cá nhân liên quan biết, thực hiện./.",
            // "Nơi nhận" on the left, then the signature on the right.
            "Nơi nhận:", "- Phòng Kinh tế (để thực hiện);", "- Phòng Tài nguyên và Môi trường (để thực hiện);", "- Lưu: VT.",
            "TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "Phạm Văn Hùng");
        Assert.Contains(texts, t => t.EndsWith("chủ trì hội nghị. Tham dự hội nghị có 135 người.", StringComparison.Ordinal));
        var assignments = PetitionDocumentComposer.Assignments(Input());
        Assert.Equal([new DateOnly(2026, 5, 11), new DateOnly(2026, 5, 8)], assignments.Select(a => a.Due));
    }

    [Fact]
    public void ConclusionNotice_PrintedLate_KeepsTheRegistrysDateOfAWrittenAnswer_SoItStillShowsAsPassed()
    {
        // Printed on Tue 12/05/2026, after the written answer fell due on Fri 08/05: the registry's date stands.
        var assignments = PetitionDocumentComposer.Assignments(Input(new DateOnly(2026, 5, 12)));
        var written = Assert.Single(assignments, a => a.Petition.Id == 3);
        Assert.Equal(new DateOnly(2026, 5, 8), written.Due);
        // The one without a date of its own counts from the day it is printed: 7 working days after 12/05.
        Assert.Equal(new DateOnly(2026, 5, 21), Assert.Single(assignments, a => a.Petition.Id == 2).Due);
    }

    [Fact]
    public void ConclusionNotice_WithoutTheChairsConclusions_NumbersItsSectionsFromOne()
    {
        var input = Input() with { Conclusions = [] };
        var (_, texts) = Write(MeetingDocumentKind.ConclusionNotice, input);
        Assert.DoesNotContain(texts, t => t.Contains("KẾT LUẬN CHUNG", StringComparison.Ordinal));
        AssertInOrder(texts, "I. CÁC Ý KIẾN, KIẾN NGHỊ ĐÃ ĐƯỢC TRẢ LỜI", "II. GIAO TRẢ LỜI", "III. KIẾN NGHỊ CHUYỂN CẤP TRÊN");
    }

    [Fact]
    public void UpperLevelReport_CountsByFieldStatusLevelAndDepartment_AndListsTheOverdue()
    {
        var (document, texts) = Write(MeetingDocumentKind.UpperLevelReport);
        Assert.Equal("Số:      /BC-UBND", document.Header.Number);
        AssertInOrder(texts, "BÁO CÁO", "I. KẾT QUẢ TỔ CHỨC HỘI NGHỊ",
            "Tham dự hội nghị có 135 người (Nhân dân 120; Đại biểu 15).",
            "II. TỔNG HỢP Ý KIẾN, KIẾN NGHỊ",
            "Tổng số: 5 ý kiến, kiến nghị (4 kiến nghị, 1 ý kiến), gồm 4 thu thập trước hội nghị và 1 nêu tại hội nghị.",
            "Theo lĩnh vực: Đất đai 2; Hạ tầng giao thông – thủy lợi 1; Môi trường 1; Chưa phân loại 1.",
            "Theo trạng thái: Mới 1; Đã phân công 1; Trả lời tại hội nghị 1; Cần trả lời bằng văn bản 1; Chuyển cấp trên 1.",
            "Theo thẩm quyền giải quyết: Cấp xã 4; Cấp tỉnh 1.",
            "Theo cơ quan được giao: Phòng Kinh tế 3; Phòng Tài nguyên và Môi trường 1; Chưa phân công 1.",
            // Of the two fallen due, one was answered in time and one is still open past its date.
            "Tỷ lệ trả lời đúng hạn: 50% (1/2 kiến nghị đã đến hạn: 1 trả lời đúng hạn, 0 trả lời quá hạn, 1 quá hạn chưa trả lời).",
            "III. KIẾN NGHỊ QUÁ HẠN",
            "1. Trần Thị Bình (Thôn Tây): Hồ sơ chuyển mục đích sử dụng đất nộp đã ba tháng chưa có kết quả. Giao Phòng Kinh tế, hạn 17/04/2026, quá hạn 11 ngày.",
            "Ủy ban nhân dân xã Kiến Minh báo cáo Ủy ban nhân dân tỉnh biết, chỉ đạo./.",
            "Nơi nhận:", "- Ủy ban nhân dân tỉnh (để báo cáo);");
        // The written answer due 08/05 is not overdue on 28/04, and none is once every due date lies ahead.
        Assert.DoesNotContain(texts, t => t.Contains("Lê Văn Cường (Thôn Bắc):", StringComparison.Ordinal));
        var (_, early) = Write(MeetingDocumentKind.UpperLevelReport, Input(new DateOnly(2026, 4, 16)));
        Assert.Contains("Đến ngày 16/04/2026, không có kiến nghị nào quá hạn trả lời.", early);
    }

    public static ReplyInput ReplyInput(Petition? petition = null) => new(
        petition ?? Input().Petitions[0], "ỦY BAN NHÂN DÂN XÃ KIẾN MINH", "Kiến Minh",
        "Hội nghị đối thoại giữa người đứng đầu cấp ủy, chính quyền xã Kiến Minh với Nhân dân năm 2026", new DateOnly(2026, 4, 24),
        new DateOnly(2026, 4, 1), new MinutesResponder("Nguyễn Thị Minh", "Trưởng phòng Kinh tế"), IssuedOn);

    [Fact]
    public void Reply_IsALetterFromTheDepartment_ToThePetitioner_WithTheAnswer()
    {
        var document = PetitionDocumentComposer.Reply(ReplyInput());
        var docx = DocxWriter.Write(document);
        StateFormatChecklist.CheckLetter(docx, new("V/v trả lời kiến nghị của ông (bà) Nguyễn Văn An", "Ông (bà) Nguyễn Văn An, Thôn Đông"));
        Assert.Equal("Số:      /PKT", document.Header.Number);
        Assert.True(document.IsLetter);
        var texts = StateFormatChecklist.Texts(docx);
        AssertInOrder(texts, "ỦY BAN NHÂN DÂN XÃ KIẾN MINH", "PHÒNG KINH TẾ", "Số:      /PKT", "V/v trả lời kiến nghị của ông (bà) Nguyễn Văn An",
            "Kiến Minh, ngày 28 tháng 4 năm 2026", "Kính gửi: Ông (bà) Nguyễn Văn An, Thôn Đông",
            "Ngày 01/04/2026, Phòng Kinh tế nhận được kiến nghị của ông (bà) Nguyễn Văn An (nguồn tiếp nhận: Mặt trận Tổ quốc) với nội dung: “Đề nghị sớm cấp giấy chứng nhận quyền sử dụng đất cho các hộ thôn Đông đã nộp hồ sơ từ năm 2024”",
            "Nội dung trên thuộc các ý kiến, kiến nghị của hội nghị đối thoại",
            "Sau khi xem xét, Phòng Kinh tế trả lời như sau:", "Hồ sơ đã đủ, giấy chứng nhận được cấp trong tháng 5.",
            "hoặc Ủy ban nhân dân xã Kiến Minh để được xem xét theo quy định.", "Phòng Kinh tế trả lời để ông (bà) Nguyễn Văn An được biết./.",
            "Nơi nhận:", "- Như trên;", "- Ủy ban nhân dân xã Kiến Minh (để báo cáo);", "- Lưu: VT.", "TRƯỞNG PHÒNG", "Nguyễn Thị Minh");
        Assert.Contains(texts, t => t.EndsWith("với Nhân dân năm 2026 ngày 24/04/2026.", StringComparison.Ordinal));
        Assert.DoesNotContain("THÔNG BÁO", texts);
    }

    [Fact]
    public void Reply_ToAGroup_NamesItWithoutOngBa_AndWithoutAnAddressLeavesNoDanglingComma()
    {
        var group = Petition(5, "Nhân dân thôn Đông", "", "Giao thông", PetitionStatus.Answered, PetitionSource.Letter, "Phòng Kinh tế", "Đã đưa vào kế hoạch năm 2027");
        var document = PetitionDocumentComposer.Reply(ReplyInput(group));
        StateFormatChecklist.CheckLetter(DocxWriter.Write(document), new("V/v trả lời kiến nghị của Nhân dân thôn Đông", "Nhân dân thôn Đông"));
    }

    [Fact]
    public void Checklist_RefusesALetterWithoutItsExcerpt_OrWithATitle()
    {
        var letter = PetitionDocumentComposer.Reply(ReplyInput());
        var parts = new StateFormatChecklist.LetterParts("V/v trả lời kiến nghị của ông (bà) Nguyễn Văn An", "Ông (bà) Nguyễn Văn An, Thôn Đông");
        var noExcerpt = DocxWriter.Write(letter with { Header = letter.Header with { Excerpt = null } });
        Assert.Contains(StateFormatChecklist.Problems(noExcerpt, "", parts), p => p.StartsWith("excerpt under the number", StringComparison.Ordinal));
        var titled = DocxWriter.Write(letter with { Title = "THÔNG BÁO" });
        Assert.Contains(StateFormatChecklist.Problems(titled, "", parts), p => p.StartsWith("the letter opens with «THÔNG BÁO»", StringComparison.Ordinal));
        var notToThem = DocxWriter.Write(letter with { Recipients = ["Lưu: VT"] });
        Assert.Contains("the letter's «Nơi nhận» does not start with «- Như trên;»", StateFormatChecklist.Problems(notToThem, "", parts));
    }

    [Fact]
    public void Reply_IsRefused_WithoutADepartmentOrAnAnswer()
    {
        var input = Input();
        Assert.Null(PetitionDocumentComposer.ReplyProblem(input.Petitions[0]));
        Assert.Equal("Kiến nghị chưa có nội dung trả lời; hãy nhập trả lời trước khi in văn bản.", PetitionDocumentComposer.ReplyProblem(input.Petitions[1]));
        Assert.Equal("Kiến nghị chưa được phân công cho phòng ban nào nên chưa có văn bản trả lời.", PetitionDocumentComposer.ReplyProblem(input.Petitions[3]));
    }

    [Theory]
    [InlineData("ỦY BAN NHÂN DÂN XÃ KIẾN MINH", "UBND", "Ủy ban nhân dân xã Kiến Minh")]
    [InlineData("Ủy ban nhân dân phường Đông Hải", "UBND", "Ủy ban nhân dân phường Đông Hải")]
    [InlineData("ĐẢNG ỦY XÃ TÒA ĐÌNH", "ĐU", "Đảng ủy xã Tòa Đình")]
    [InlineData("Phòng Kinh tế", "PKT", "Phòng Kinh tế")]
    [InlineData("Phòng Văn hóa – Xã hội", "PVHXH", "Phòng Văn hóa – Xã hội")]
    public void Agency_GivesItsCode_AndItsNameInASentence(string agency, string code, string sentence)
    {
        Assert.Equal(code, DocumentWording.CodeOf(agency));
        Assert.Equal(sentence, DocumentWording.InSentence(agency));
    }

    [Theory]
    [InlineData("Chủ tịch UBND xã", "ỦY BAN NHÂN DÂN XÃ KIẾN MINH", "Chủ tịch")]
    [InlineData("Phó Bí thư Đảng ủy, Chủ tịch UBND xã", "Ủy ban nhân dân xã Kiến Minh", "Chủ tịch")]
    [InlineData("Bí thư Đảng ủy, Chủ tịch HĐND xã", "Đảng ủy xã Tòa Đình", "Bí thư")]
    [InlineData("", "Ủy ban nhân dân xã Kiến Minh", "Người chủ trì")]
    public void ChairSignsWithThePostOfTheIssuingBody(string title, string agency, string post) =>
        Assert.Equal(post, DocumentWording.PostOf(title, agency));
}
