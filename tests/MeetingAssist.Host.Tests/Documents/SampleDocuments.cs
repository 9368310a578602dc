using MeetingAssist.Host.Documents;

namespace MeetingAssist.Host.Tests.Documents;

/// <summary>A biên bản long enough for two pages, with the letters that go wrong first when a font lacks Vietnamese.</summary>
public static class SampleDocuments
{
    public const string HardLetters = "ể ễ ệ Đ ự ữ ỳ ỹ ẫ ậ ắ ằ ẳ ẵ ặ ố ồ ổ ỗ ộ ớ ờ ở ỡ ợ";

    public static StateDocument Minutes() => new(
        new DocumentHeader("UBND HUYỆN KIẾN THỤY", "Ủy ban nhân dân xã Kiến Minh", "Số:      /BB-UBND", "Kiến Minh", new DateOnly(2026, 1, 5)),
        "BIÊN BẢN",
        "Hội nghị ĐỐI THOẠI giữa người đứng đầu cấp ủy, chính quyền xã Kiến Minh với Nhân dân năm 2026",
        [
            DocumentParagraph.Plain("Thời gian bắt đầu: 08 giờ 00 phút, ngày 05 tháng 01 năm 2026."),
            DocumentParagraph.Plain("Địa điểm: Nhà văn hóa thôn Đông, xã Kiến Minh."),
            new DocumentHeading("I. THÀNH PHẦN THAM DỰ"),
            new DocumentParagraph(new TextRun("Chủ tọa: ", Bold: true), new TextRun("ông Phạm Văn Hùng, Phó Bí thư Đảng ủy, Chủ tịch UBND xã.")),
            new DocumentParagraph(new TextRun("Thư ký: ", Bold: true), new TextRun("bà Lê Thị Thảo, công chức Văn phòng – Thống kê.")),
            new DocumentParagraph(new TextRun("Đại diện cơ quan chuyên môn: "), new TextRun("bà Nguyễn Thị Minh, Trưởng phòng Kinh tế", Italic: true)),
            DocumentParagraph.Plain("Chữ khó: " + HardLetters + "."),
            new DocumentHeading("II. NỘI DUNG HỘI NGHỊ"),
            .. Enumerable.Range(1, 14).Select(i => DocumentParagraph.Plain(
                $"Ý kiến thứ {i}: ông Nguyễn Văn Bình (Thôn Đông) phản ánh đường liên thôn xuống cấp, đề nghị sửa chữa trước mùa mưa; " +
                "bà Nguyễn Thị Minh, Trưởng phòng Kinh tế trả lời: xã đã đưa tuyến đường vào kế hoạch duy tu năm 2026, " +
                "dự kiến khởi công trong quý II, nguồn vốn từ ngân sách xã và đóng góp tự nguyện của Nhân dân.")),
            DocumentParagraph.Plain("Hội nghị kết thúc vào 11 giờ 30 phút, ngày 05 tháng 01 năm 2026."),
        ],
        [new SignatureBlock("", "Thư ký", "Lê Thị Thảo"), new SignatureBlock("", "Chủ tọa", "Phạm Văn Hùng")],
        ["Thường trực Đảng ủy, HĐND xã", "Ủy ban MTTQ Việt Nam xã", "Các phòng chuyên môn", "Lưu: VT"]);
}
