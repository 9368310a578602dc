namespace MeetingAssist.BrowserTests;

/// <summary>The longest texts a hall's screens must show whole, taken from real planning documents and name forms.</summary>
public static class HallTexts
{
    // A name as long as registration forms see in practice (double given names, a royal-family prefix).
    public const string SixtyCharacterName = "Công Tằng Tôn Nữ Hoàng Thị Ngọc Bích Phương Thảo Minh Khuê Ý";
    public const string SecondLongName = "Tôn Thất Nguyễn Phước Hoàng Ngọc Minh Châu Bảo Khánh Lan Đan";

    // The longest sentences of the planning documents in the seeds (kế hoạch tiếp xúc, đối thoại), used as topics:
    // 493 and 484 characters, just under the 500 a topic may have.
    public const string LongestTopic =
        "Góp phần đổi mới phương thức lãnh đạo của UBND xã; tăng cường củng cố mối quan hệ mật thiết giữa chính quyền với nhân dân, " +
        "phát huy và mở rộng quyền làm chủ của nhân dân; tuyên truyền, phổ biến chủ trương, Nghị quyết của Đảng; Chính sách, pháp luật " +
        "của Nhà nước, những thuận lợi, khó khăn trong lãnh đạo, chỉ đạo của các cấp trong quản lý, điều hành của chính quyền để tạo sự " +
        "đồng thuận của nhân dân, góp phần củng cố, tăng cường sự thống nhất tư tưởng chính trị và khối đại đoàn kết toàn dân.";
    public const string SecondTopic =
        "Chậm nhất là 10 ngày làm việc, các cơ quan, đơn vị nhận được Thông báo ý kiến kết luận của Người chủ trì đối thoại, có trách " +
        "nhiệm xem xét giải quyết, trả lời kiến nghị của công dân, tổ chức và báo cáo kết quả cho Ủy ban nhân dân tỉnh. Trường hợp " +
        "những vụ việc cần có thêm thời gian thì phải thông báo cho công dân, tổ chức và báo cáo Ủy ban nhân dân tỉnh về thời gian dự " +
        "kiến trả lời. Việc gia hạn thời gian căn cứ vào nội dung vụ việc và các quy định pháp luật điều chỉnh liên quan.";
    public const string LongHamlet = "Chi hội Nông dân thôn Đông, Hội Nông dân xã Kiến Minh";

    // Names signed at the foot of the seed documents.
    public static readonly string[] SeedNames = ["Nguyễn Xuân Đông", "Ngô Văn Phương", "Bùi Xuân Thúc", "Đinh Đức Cảnh", "Vũ Bình Dương"];
}
