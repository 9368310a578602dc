using MeetingAssist.Host.Documents;
using MeetingAssist.Host.Meetings;
using MeetingAssist.Host.Minutes;
using MeetingAssist.Host.Queue;
using Microsoft.Extensions.Options;

namespace MeetingAssist.Host.Tests.Minutes;

/// <summary>The biên bản follows the floor log: order, who answered whom, the follow-up, voided turns left out.</summary>
public class MinutesCompositionTests
{
    // 05/01/2026 08:00 in Vietnam is 01:00 UTC.
    private static readonly long Eight = new DateTimeOffset(2026, 1, 5, 1, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();
    private static long At(int minutes) => Eight + minutes * 60_000L;

    private static readonly MinutesClock Clock = new(new HallClock(Options.Create(new HallOptions())));

    public static MinutesInput Input(Action<MinutesDraft>? draft = null, Dictionary<int, MinutesTurnChoice>? choices = null)
    {
        var meeting = new Meeting
        {
            Title = "Hội nghị đối thoại giữa người đứng đầu cấp ủy, chính quyền xã Kiến Minh với Nhân dân năm 2026",
            OrganisingBody = "Ủy ban nhân dân xã Kiến Minh", ChairName = "Phạm Văn Hùng", ChairTitle = "Chủ tịch UBND xã",
            SecretaryName = "Lê Thị Thảo", Place = "Nhà văn hóa thôn Đông", ScheduledStart = DateTimeOffset.FromUnixTimeMilliseconds(Eight).UtcDateTime,
        };
        MinutesTurn Turn(int id, TurnKind kind, string name, string affiliation, int? request, int[] about, int from, int to, bool voided = false, string? title = null) =>
            new(id, kind, name, affiliation, title, request, about, At(from), At(to), voided);
        var turns = new List<MinutesTurn>
        {
            // Stored out of order on purpose: the minutes follow the clock, not the row order.
            Turn(4, TurnKind.Answer, "Nguyễn Thị Minh", "Phòng Kinh tế", null, [1, 2], 20, 26, title: "Trưởng phòng Kinh tế"),
            Turn(1, TurnKind.Chair, "Phạm Văn Hùng", "", null, [], 0, 5),
            Turn(2, TurnKind.Statement, "Nguyễn Văn Bình", "Thôn Đông", 1, [1], 10, 13),
            Turn(3, TurnKind.Statement, "Trần Thị Hương", "Thôn Tây", 2, [2], 14, 17),
            Turn(5, TurnKind.FollowUp, "Nguyễn Văn Bình", "Thôn Đông", 1, [1], 27, 28),
            Turn(6, TurnKind.Statement, "Lê Văn Dũng", "Thôn Bắc", 3, [3], 29, 29, voided: true),
            Turn(7, TurnKind.Chair, "Phạm Văn Hùng", "", null, [], 30, 212),
        };
        var requests = new Dictionary<int, MinutesRequest>
        {
            [1] = new(1, "Nguyễn Văn Bình", "Thôn Đông", "Đường liên thôn xuống cấp"),
            [2] = new(2, "Trần Thị Hương", "Thôn Tây", "Chậm cấp giấy chứng nhận quyền sử dụng đất"),
            [3] = new(3, "Lê Văn Dũng", "Thôn Bắc", "Bồi thường giải phóng mặt bằng"),
        };
        var d = new MinutesDraft
        {
            MeetingId = 1, Opening = "Đồng chí Phó Chủ tịch UBND xã tuyên bố lý do, giới thiệu đại biểu.", Introduction = "Chủ tọa nêu mục đích của hội nghị.",
            NoPetitionReport = true, AttendanceJson = MinutesJson.Write(new[] { new AttendanceCount("Nhân dân", 120), new AttendanceCount("Đại biểu", 15) }),
            ConclusionsJson = MinutesJson.Write(new[] { "Giao Phòng Kinh tế sửa đường trước 30/4." }),
        };
        draft?.Invoke(d);
        var verbatim = new Dictionary<int, string>
        {
            [1] = "Kính thưa các vị đại biểu.",
            [2] = "Đường liên thôn xuống cấp nghiêm trọng.",
            [3] = "Gia đình tôi nộp hồ sơ đã hai năm.",
            [4] = "Xã sẽ sửa đường trong quý II và cấp giấy trong tháng 3.",
            [5] = "Tôi đồng ý với câu trả lời.",
            [6] = "Lời của người bị gọi nhầm.",
            [7] = "Chủ tọa kết luận hội nghị.",
        };
        return new MinutesInput(meeting, [], [new MinutesResponder("Nguyễn Thị Minh", "Trưởng phòng Kinh tế")], Eight, turns, requests, d,
            choices ?? new Dictionary<int, MinutesTurnChoice>(), verbatim);
    }

    private static List<string> BodyTexts(StateDocument doc) =>
        doc.Body.Select(b => b switch { DocumentHeading h => h.Text, DocumentParagraph p => p.Text, _ => "" }).ToList();

    [Fact]
    public void Content_FollowsTheMeeting_AnswerCoversBothStatements_FollowUpAfter_VoidedLeftOut()
    {
        var doc = new MinutesComposer(Clock).Compose(Input());
        var body = BodyTexts(doc);
        int IndexOf(string text) => body.FindIndex(t => t.Contains(text, StringComparison.Ordinal));
        string[] order =
        [
            "Thời gian bắt đầu: 08 giờ 00 phút, ngày 05 tháng 01 năm 2026.",
            "I. THÀNH PHẦN THAM DỰ",
            "Số người tham dự: 135 người, gồm: Nhân dân 120 người; Đại biểu 15 người.",
            "Đại diện cơ quan chuyên môn: Nguyễn Thị Minh, Trưởng phòng Kinh tế.",
            "1. Khai mạc hội nghị",
            "tuyên bố lý do",
            "2. Chủ tọa nêu mục đích",
            "3. Ý kiến phát biểu và trả lời tại hội nghị",
            "Chủ tọa Phạm Văn Hùng phát biểu: “Kính thưa các vị đại biểu.”",
            "Nguyễn Văn Bình (Thôn Đông) phát biểu về: Đường liên thôn xuống cấp: “Đường liên thôn xuống cấp nghiêm trọng.”",
            "Trần Thị Hương (Thôn Tây) phát biểu về: Chậm cấp giấy chứng nhận quyền sử dụng đất:",
            "Nguyễn Thị Minh, Trưởng phòng Kinh tế trả lời ý kiến của Nguyễn Văn Bình, Trần Thị Hương: “Xã sẽ sửa đường",
            "Nguyễn Văn Bình (Thôn Đông) có ý kiến phản hồi: “Tôi đồng ý với câu trả lời.”",
            "Chủ tọa Phạm Văn Hùng phát biểu: “Chủ tọa kết luận hội nghị.”",
            "4. Kết luận của chủ tọa",
            "Giao Phòng Kinh tế sửa đường trước 30/4.",
            "Hội nghị kết thúc vào 11 giờ 32 phút, ngày 05 tháng 01 năm 2026.",
        ];
        var positions = order.Select(IndexOf).ToList();
        Assert.All(order.Zip(positions), p => Assert.True(p.Second >= 0, $"Missing: {p.First}\n{string.Join("\n", body)}"));
        Assert.Equal(positions.Order(), positions);
        Assert.DoesNotContain(body, t => t.Contains("Lê Văn Dũng", StringComparison.Ordinal) || t.Contains("gọi nhầm", StringComparison.Ordinal));
        Assert.DoesNotContain(body, t => t.Contains("Báo cáo kết quả giải quyết", StringComparison.Ordinal));
        Assert.Equal("Kiến Minh, ngày 05 tháng 01 năm 2026", doc.Header.PlaceAndDate);
        Assert.Equal(["THƯ KÝ", "CHỦ TỌA"], doc.Signatures.Select(s => s.Title.ToUpperInvariant()));
        Assert.Equal("Lê Thị Thảo", doc.Signatures[0].Name);
    }

    [Fact]
    public void Summary_ReplacesTheVerbatimText_AndHeaderOnlyKeepsJustTheHeader()
    {
        var choices = new Dictionary<int, MinutesTurnChoice>
        {
            [3] = new() { TurnId = 3, Mode = TurnTextMode.Summary, Summary = "Bà Hương đề nghị cấp sớm giấy chứng nhận." },
            [1] = new() { TurnId = 1, Mode = TurnTextMode.HeaderOnly },
        };
        var body = BodyTexts(new MinutesComposer(Clock).Compose(Input(choices: choices)));
        Assert.Contains("Trần Thị Hương (Thôn Tây) phát biểu về: Chậm cấp giấy chứng nhận quyền sử dụng đất: Bà Hương đề nghị cấp sớm giấy chứng nhận.", body);
        Assert.DoesNotContain(body, t => t.Contains("hai năm", StringComparison.Ordinal));
        Assert.Contains("Chủ tọa Phạm Văn Hùng phát biểu.", body);
    }

    [Fact]
    public void Problems_ListEveryGap_AMissingSummaryByName()
    {
        var composer = new MinutesComposer(Clock);
        Assert.Empty(composer.Problems(Input()));

        var choices = new Dictionary<int, MinutesTurnChoice> { [3] = new() { TurnId = 3, Mode = TurnTextMode.Summary, Summary = "" } };
        var problems = composer.Problems(Input(d => { d.Opening = ""; d.NoPetitionReport = false; d.ConclusionsJson = "[]"; }, choices));
        Assert.Contains(problems, p => p.Field == "opening");
        Assert.Contains(problems, p => p.Field == "petitionReport");
        Assert.Contains(problems, p => p.Field == "conclusions");
        var turn = Assert.Single(problems, p => p.Field == "turn");
        Assert.Equal(3, turn.TurnId);
        Assert.Equal("Chưa viết tóm tắt cho lượt của Trần Thị Hương (lúc 08:14).", turn.Message);
    }

    [Fact]
    public void TheDocument_WritesAsValidDocx_EndingWithTheEndMark()
    {
        var docx = DocxWriter.Write(new MinutesComposer(Clock).Compose(Input()));
        using var doc = DocumentFormat.OpenXml.Packaging.WordprocessingDocument.Open(new MemoryStream(docx), false);
        Assert.Empty(new DocumentFormat.OpenXml.Validation.OpenXmlValidator().Validate(doc));
        Assert.Contains("năm 2026./.", doc.MainDocumentPart!.Document!.Body!.InnerText, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", "Số:      /BB-UBND")]
    [InlineData("Số: /BB-UBND", "Số:      /BB-UBND")]
    [InlineData("Số: /BB-ĐU", "Số:      /BB-ĐU")]
    [InlineData("Số: 12/BB-UBND", "Số: 12/BB-UBND")]
    public void Number_NotYetGiven_KeepsTheBlankForTheOffice(string typed, string expected) =>
        Assert.Equal(expected, MinutesComposer.NumberLine(typed));

    [Theory]
    [InlineData("ỦY BAN NHÂN DÂN XÃ KIẾN MINH", "Kiến Minh")]
    [InlineData("Ủy ban nhân dân phường Đông Hải", "Đông Hải")]
    [InlineData("Văn phòng Đảng ủy", "")]
    public void PlaceName_ComesFromTheOrganisingBody(string body, string expected) =>
        Assert.Equal(expected, MinutesComposer.PlaceNameOf(body));
}
